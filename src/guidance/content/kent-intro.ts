// Cards from the Kent and Medway FAQ's introduction: online spaces as places of harm, and the
// "if in doubt" checks for professionals. Own words, citing section 1.
import type { Article } from '../../domain/guidance.ts';
import { article, camden, kent, p, ul } from './build.ts';

export const KENT_INTRO_ARTICLES: Article[] = [
  article({
    id: 'if-in-doubt',
    title: 'Not sure whether something you do online is OK?',
    summary:
      'Check your organisation’s policies and ask your line manager or safeguarding lead. Ask how it would look to someone outside, and post only what you would be happy for children, parents and your employer to see.',
    body: [
      ul(
        'Read your organisation’s policies and talk to your line manager.',
        'Ask your agency’s safeguarding lead (often called the DSL).',
        'Picture how the action would look to a third party.',
        'Keep to the standards of your profession.',
        'Publish nothing you would not show to the children and parents you work with, and to your employer.',
      ),
      p(
        'Behaviour that is unlawful or unsafe can lead to disciplinary or criminal action; the aim of these rules is to protect children and to protect you from allegations. See [safe working practice](a:safe-working-practice).',
      ),
    ],
    tags: ['professional conduct', 'staff', 'policy'],
    synonyms: ['is it ok to post', 'code of conduct', 'DSL', 'designated safeguarding lead', 'acceptable use policy'],
    sources: [kent('1', 'Aims of the document: if in doubt'), camden('7', 'IT and safe working practice')],
    related: ['safe-working-practice', 'private-social-media-limits'],
  }),
  article({
    id: 'contextual-safeguarding',
    title: 'Online spaces as places where children are harmed',
    summary:
      'Treat online spaces like parks or schools: places outside the home where a child can be harmed, often hidden from adults. Find out which sites and apps the child uses, what they watch and who they talk to.',
    body: [
      p(
        'Harm outside the family (extrafamilial harm) can happen in places as well as through people. Dr Carlene Firmin calls this contextual safeguarding: the setting itself, whether a park, a school or an online space, can raise the risk to a young person, and professionals often miss it.',
      ),
      p(
        'Online spaces are harder to see than a neighbourhood: parents and professionals may not know they exist, they travel with the child on a smartphone, and abuse there can go unnoticed. So ask:',
      ),
      ul(
        'Which sites, apps and games does the child use?',
        'What do they read or watch?',
        'Who do they talk to, and have they met anyone new?',
      ),
      p(
        'Online safety today is about helping children manage risk and build resilience, not only about filters. See [the four Cs](a:online-risks-four-cs).',
      ),
    ],
    tags: ['contextual safeguarding', 'extrafamilial harm', 'assessment'],
    synonyms: ['extra-familial harm', 'Carlene Firmin', 'resilience', 'where is the child online'],
    incidentTypes: ['other'],
    sources: [kent('1', 'Introduction: contextual safeguarding')],
    related: ['online-risks-four-cs', 'underage-social-media'],
  }),
];
