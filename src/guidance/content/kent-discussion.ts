// The Kent and Medway FAQ's "questions for further discussion": short answers built from the facts
// elsewhere in the FAQ, each citing the question and the sections the answer rests on. Own words.
import type { Article } from '../../domain/guidance.ts';
import { addedArticle, article, camden, kent, p, ul } from './build.ts';

// The FAQ asks these questions for discussion and does not answer them: every answer is the service's advice.
export const KENT_DISCUSSION_ARTICLES: Article[] = [
  article({
    id: 'discuss-work-device-personal-use',
    title: 'Can I use a work device to book holidays during my lunch time or after work?',
    summary:
      'Check your organisation’s policy first: many now ban personal use of work devices. Where it is allowed, keep it light, never let others use the device, and remember it may be a taxable benefit.',
    body: [
      ul(
        'Work devices belong to your employer and are meant for work; policies on personal use differ, and many forbid it.',
        'Shopping and booking sites raise the risk of viruses and identity theft on a device holding personal data.',
        'Personal use of a work device can count as a taxable benefit.',
        'Whatever you do on it is likely to be treated as your responsibility.',
      ),
      p('See [work devices at home](a:work-devices-at-home).'),
    ],
    tags: ['work laptop', 'personal use', 'acceptable use'],
    synonyms: ['online shopping on work laptop', 'booking holidays', 'lunch break browsing'],
    sources: [kent('1 D1', 'Discussion: work device for holidays'), kent('4 Q3', 'Work devices at home')],
    related: ['work-devices-at-home'],
  }),

  article({
    id: 'discuss-workplace-comments',
    title: 'Can I respond to a comment about my workplace via my personal social networking account?',
    summary:
      'Best not. Do not reply from a personal account: pass it to your manager or safeguarding lead, who can respond through official channels or talk to the person directly. Save evidence if it is abusive.',
    body: [
      ul(
        'A reply from your personal account links you to your workplace and can be copied, misread or used as evidence.',
        'Listing or discussing your workplace on personal profiles increases the risk of being identified and of bringing the organisation into disrepute.',
        'Leaders usually get the best result by speaking directly with the person concerned.',
        'If the comment is about you, see [comments posted about me](a:comments-about-me).',
      ),
    ],
    tags: ['social media', 'workplace', 'reputation'],
    synonyms: ['reply to a post about work', 'defend my employer online', 'negative review of service'],
    sources: [
      kent('1 D2', 'Discussion: replying to comments about your workplace'),
      kent('3 Q3', 'Do not list your workplace'),
      kent('3 Q8', 'Partnership approach to comments'),
    ],
    related: ['comments-about-me', 'social-networking-safety'],
  }),

  article({
    id: 'discuss-personal-contact-details',
    title:
      'Should I use my personal email address or phone number to contact children, young people, parents/carers, or other professionals?',
    summary:
      'No. Use work email and work phones. Urgent exceptions should be agreed with your safeguarding lead or manager and recorded. Do not store clients’ numbers on your own phone.',
    body: [
      ul(
        'Personal email, messaging, social media or phones should never be used to contact the children and families you support.',
        'Work channels are transparent and logged, which protects you if a concern is raised.',
        'If urgent contact by another route is needed, agree it with your safeguarding lead or manager first.',
        'Do not keep children’s or parents’ numbers on your personal phone, and do not lend your phone to children.',
      ),
    ],
    tags: ['communication', 'personal phone', 'email', 'professional boundaries'],
    synonyms: ['personal mobile', 'my own number', 'gmail', 'whatsapp family', 'text from own phone'],
    sources: [
      kent('1 D3', 'Discussion: personal email or phone'),
      kent('3 Q6', 'Never use personal accounts to contact clients'),
      camden('7', 'Avoid using your own phone'),
    ],
    related: ['communicating-with-clients', 'clients-as-friends'],
  }),

  article({
    id: 'discuss-tweeting-for-organisation',
    title: 'Can I use my personal phone to ‘tweet’ on behalf of my organisation?',
    summary:
      'Only if your organisation’s social media policy allows it, through the official account, never a personal one. Photos of clients should not be taken or kept on a personal phone.',
    body: [
      ul(
        'Post for your organisation only through its official, approved channels and in line with its social media policy.',
        'Keep your personal and professional presence separate.',
        'Do not take or keep images of children or clients on a personal phone; emergency exceptions need approval, a risk assessment and a record.',
        'Log out of the official account after use so no one else can post.',
      ),
    ],
    tags: ['social media', 'organisation', 'personal phone'],
    synonyms: ['twitter', 'X', 'tweet', 'official account', 'post for work'],
    sources: [
      kent('1 D4', 'Discussion: tweeting for your organisation'),
      kent('3 Q7', 'Official channels for images'),
      kent('3 Q4', 'Log out after use'),
    ],
    related: ['photos-of-clients', 'discuss-professional-social-media'],
  }),

  article({
    id: 'discuss-teaching-with-social-media',
    title: 'Is it okay to use social media to teach children and young people how to keep safe online?',
    summary:
      'It can be, within clear boundaries: use an organisation-controlled, age-appropriate space, check content first, and never use your personal accounts.',
    body: [
      ul(
        'Social media can support learning when properly arranged, within clear and explicit professional boundaries.',
        'Use an environment under the organisation’s control, with security settings and logs.',
        'Choose age-appropriate services and check content, adverts and links before the session.',
        'Do not use your personal accounts or add young people as friends.',
        'Do not show scary content or name viral challenges: it can do harm (see [hoaxes and challenges](a:hoax-challenges)).',
      ),
    ],
    tags: ['teaching', 'social media', 'education'],
    synonyms: ['online safety lesson', 'teach e-safety', 'using tiktok in class'],
    sources: [
      kent('1 D5', 'Discussion: teaching with social media'),
      kent('3 Q6', 'Professional online spaces'),
      kent('2 Q3', 'Check sites before use'),
    ],
    related: ['safer-online-activity', 'key-safety-messages'],
  }),

  article({
    id: 'discuss-work-email-on-personal-phone',
    title: 'Can I use my personal phone to access my work emails?',
    summary:
      'Only if your organisation allows it. If so, lock the phone with a strong PIN or biometrics, keep it under your control, do not let others use it, and log out when done.',
    body: [
      ul(
        'Follow your organisation’s policy; personal data must stay secure under the Data Protection Act 2018 and UK GDPR.',
        'Protect the phone with a strong PIN, password or biometrics and check what can be seen on the lock screen.',
        'Do not let family use a phone that opens work email.',
        'Do not save attachments with personal data to the phone or a personal cloud.',
      ),
    ],
    tags: ['email', 'personal phone', 'data protection'],
    synonyms: ['work email on my phone', 'outlook on personal phone', 'BYOD', 'bring your own device'],
    sources: [
      kent('1 D6', 'Discussion: work email on a personal phone'),
      kent('3 Q4', 'Protecting personal devices'),
      kent('4 Q1', 'Storing personal data'),
    ],
    related: ['protect-personal-devices', 'storing-personal-data'],
  }),

  article({
    id: 'discuss-commenting-on-news',
    title: 'Can I comment on local or political news stories on social media?',
    summary:
      'You can hold views, but comments on public stories are public and permanent. Avoid anything that could identify your workplace, breach confidentiality or undermine your professional standing.',
    body: [
      ul(
        'Comments on public news stories can be seen by anyone, including families you work with.',
        'Liking or sharing posts with offensive language or extremist views can be misread or count as misconduct.',
        'Never comment on anything about the children or families you work with.',
        'Ask yourself how it would look to a third party.',
      ),
    ],
    tags: ['social media', 'comments', 'professional conduct'],
    synonyms: ['politics online', 'local news comments', 'facebook group comments'],
    sources: [
      kent('1 D7', 'Discussion: commenting on news stories'),
      kent('3 Q2', 'Comments can be misinterpreted'),
      kent('3 Q3', 'Public comments are visible'),
    ],
    related: ['personal-social-networking', 'social-networking-safety'],
  }),

  article({
    id: 'discuss-blogging-about-work',
    title: 'Can I create a ‘blog’ (online journal) or a ‘vlog’ (video journal) and mention my work?',
    summary:
      'Check your organisation’s policy first. Never include anything about the people you support, keep personal and professional identities apart, and avoid naming your workplace.',
    body: [
      ul(
        'Never discuss specific children or families online; it breaches confidentiality.',
        'Naming your workplace makes you easy to identify and can bring it into disrepute.',
        'Once published, posts and videos cannot be controlled or taken back.',
        'For professional writing, use a separate professional presence agreed with your organisation.',
      ),
    ],
    tags: ['blog', 'vlog', 'social media', 'confidentiality'],
    synonyms: ['youtube channel', 'podcast', 'write about my job', 'online diary'],
    sources: [
      kent('1 D8', 'Discussion: blogging about work'),
      kent('3 Q3', 'Workplace on profiles'),
      camden('7', 'Do not discuss specific children online'),
    ],
    related: ['private-social-media-limits', 'discuss-professional-social-media'],
  }),

  article({
    id: 'discuss-privacy-settings',
    title: 'What privacy settings are available on your social networking sites?',
    summary:
      'Most sites let you limit who sees your posts, profile and friend list. Review them regularly, limit posts to friends, and remember profile and cover photos may always be public.',
    body: [
      ul(
        'Limit posts, photos and friend lists to "friends" and check who can find or tag you.',
        'Some items are always public (on Facebook, the profile and cover photo).',
        'Settings change when apps update: review them regularly.',
        'Use strong passwords and log out after use.',
        'The [UK Safer Internet Centre](e:uk-safer-internet-centre) explains the settings of popular apps.',
      ),
      p('See [keeping social networking safe](a:social-networking-safety).'),
    ],
    tags: ['privacy settings', 'social media'],
    synonyms: ['privacy settings', 'who can see my posts', 'lock my profile', 'tagging'],
    sources: [kent('1 D9', 'Discussion: privacy settings'), kent('3 Q3', 'Privacy settings')],
    related: ['social-networking-safety'],
  }),

  article({
    id: 'discuss-professional-social-media',
    title: 'How can I use social media safely as a professional, for example, for my own CPD?',
    summary:
      'Use a separate professional account (for example LinkedIn or Twitter) for conferences and networking, follow your organisation’s social media policy, and keep it apart from your personal life.',
    body: [
      ul(
        'Create a separate, distinct professional presence for CPD, events and networking.',
        'Follow your organisation’s social media policy, code of conduct and acceptable use policy.',
        'Do not connect with children or families you support.',
        'Never share case details, even anonymised ones that could be pieced together.',
      ),
    ],
    tags: ['CPD', 'professional', 'social media'],
    synonyms: ['LinkedIn', 'professional account', 'conference hashtag', 'networking'],
    sources: [kent('1 D11', 'Discussion: social media for CPD'), kent('3 Q3', 'Separate professional presence')],
    related: ['social-networking-safety', 'learn-more'],
  }),
].map(addedArticle);
