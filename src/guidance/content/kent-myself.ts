// Kent and Medway FAQ section 3, "Keeping myself safe online": one card per question, in our own
// words, each citing its question. Professional conduct, privacy and reputation.
import type { Article } from '../../domain/guidance.ts';
import { article, camden, kent, ol, p, ul } from './build.ts';

export const KENT_MYSELF_ARTICLES: Article[] = [
  article({
    id: 'private-social-media-limits',
    title: 'Can my organisation limit my private use of social media?',
    summary:
      'Your employer cannot stop you using social media in your own time, but it can set boundaries. Treat anything you post as public: never discuss clients, and know your privacy settings.',
    body: [
      p(
        'You may use social media privately, but your employer can set expectations to protect you and the families you work with. In the children’s workforce you are a role model on and offline.',
      ),
      ul(
        'Anything posted can be copied and shared without your knowledge, so it is never truly private.',
        'A rant about a rude client, fine in private, becomes a complaint or allegation once it is screenshotted and shared.',
        'Chat drifts easily from friends’ news to work matters, which can breach confidentiality.',
        'Know the privacy settings of every site you use and post nothing that could compromise your professional standards.',
      ),
      p(
        'Follow your code of conduct, acceptable use policy and professional standards (for example Social Work England).',
      ),
    ],
    tags: ['social media', 'staff', 'privacy', 'professional conduct'],
    synonyms: ['employer social media policy', 'can work ban facebook', 'personal account', 'letting off steam'],
    incidentTypes: [],
    sources: [kent('3 Q1', 'Limits on private social media use')],
    related: ['personal-social-networking', 'social-networking-safety'],
  }),

  article({
    id: 'personal-social-networking',
    title: 'Should I continue to use my own personal social networking site?',
    summary:
      'You can, with care: strong password, tight privacy settings, and the assumption that anything you post, like or comment on can be copied, misread and shared.',
    body: [
      p(
        'Social networking is a good way to keep up with friends and family, but think carefully once you work with vulnerable people.',
      ),
      ul(
        'Use a strong password and privacy settings that let you control who sees your profile and posts.',
        'Once published, photos and comments are almost impossible to control; staff have been caught out by remarks about work reposted elsewhere.',
        'Even joining a game, commenting on a public story or liking a post with offensive language can be misread.',
        'Fake profiles with false or malicious claims about staff have been set up by children, parents and colleagues; few sites check who their users are.',
        'Chat logs can help if an allegation is made, but they can be edited.',
      ),
      p(
        'Protect your professional reputation and follow your agency’s policies. See [keeping social networking safe](a:social-networking-safety).',
      ),
    ],
    tags: ['social media', 'staff', 'reputation'],
    synonyms: ['facebook', 'instagram', 'my own account', 'personal profile', 'fake profile of me'],
    incidentTypes: [],
    sources: [kent('3 Q2', 'Using your own social networking')],
    related: ['social-networking-safety', 'comments-about-me'],
  }),

  article({
    id: 'social-networking-safety',
    title: 'How can I keep my social networking use safe?',
    summary:
      'Search your own name, review privacy settings often, keep posts to friends only, do not list your workplace, and decline any friend request from a client or their family and tell your safeguarding lead.',
    body: [
      ol(
        'Search your name on Google or Bing to see what is public; delete or ask for removal of anything worrying, and close old accounts.',
        'Review privacy settings regularly; limit posts to friends, but treat everything as public and permanent.',
        'Some photos are always public (on Facebook, your profile and cover photos): use ones that do not identify you or your children.',
        'Be careful commenting on friends’ posts or public news stories: others may see it.',
        'Think about who your online friends are; remove any who could compromise your role. Discuss existing relationships (a parent who is a friend, a child who is family) with your safeguarding lead or manager.',
        '**Do not name your workplace** on profiles or dating apps: it makes you easy to identify, and staff have been targeted by criminals and sex offenders.',
        'If someone you work with, or one of their relatives, contacts you or sends a friend request, say no and tell your safeguarding lead or manager.',
        'For professional networking (LinkedIn, Twitter), use a separate professional account within your organisation’s policy.',
      ),
      p(
        'The [UK Safer Internet Centre](e:uk-safer-internet-centre) explains privacy settings and safety tools for popular apps.',
      ),
    ],
    tags: ['social media', 'privacy settings', 'friend request', 'reputation'],
    synonyms: [
      'friend request',
      'friend request from client',
      'privacy settings',
      'google myself',
      'workplace on profile',
      'dating apps',
      'linkedin',
    ],
    incidentTypes: [],
    sources: [kent('3 Q3', 'Keeping social networking use safe')],
    related: ['clients-as-friends', 'discuss-privacy-settings', 'discuss-professional-social-media'],
  }),

  article({
    id: 'protect-personal-devices',
    title: 'How can I protect my own personal devices?',
    summary:
      'Lock your phone away at work, protect it with a strong PIN, password or biometrics, use different strong passwords everywhere, check what works from the lock screen, and log out of apps after use.',
    body: [
      p(
        'Your employer cannot ban a personal phone or email, but can set rules for devices at work, especially around children and families.',
      ),
      ul(
        'Where you can, keep your own phone locked away (a locker or drawer) until your break.',
        'Protect every device with biometrics, a PIN, password or passcode: clients have seen staff’s personal photos and addresses, or used a phone for illegal content.',
        'Strong codes mix upper and lower case letters, numbers and symbols; avoid dictionary words and sequences such as **1234**.',
        'Never share or write down codes; change them regularly; use a different password for each system so one breach does not open the rest.',
        'Check what works on the lock screen: some phones can take photos while locked.',
        'Log out of social media and other apps after use.',
      ),
      p(
        'Strong passwords also help prevent identity theft. More advice: [NCSC](e:ncsc), [Get Safe Online](e:get-safe-online).',
      ),
    ],
    tags: ['passwords', 'devices', 'security', 'phone'],
    synonyms: [
      'password',
      'strong password',
      'PIN',
      'passcode',
      'lock screen',
      'Face ID',
      'fingerprint',
      'phone security',
      '1234',
    ],
    incidentTypes: ['hacking-virus'],
    sources: [kent('3 Q4', 'Protecting personal devices')],
    related: ['work-devices-at-home', 'storing-personal-data'],
  }),

  article({
    id: 'communicating-with-clients',
    title: 'How can I use technology appropriately to communicate with children, young people, and families I support?',
    summary:
      'Use only work channels your organisation approves, keep messages professional and open to scrutiny, and remember jokes read very differently in writing and can be forwarded.',
    body: [
      p(
        'Young people may prefer to text you about bullying or to arrange a meeting; that is fine through approved work channels.',
      ),
      ul(
        'Follow your organisation’s policy on texts and social media.',
        'Banter that is harmless face to face can be misread, forwarded or taken out of context in a message and lead to an allegation.',
        'Choose professional usernames and email signatures.',
        'Keep every message one you would be happy for a manager to read; nothing that could look like grooming.',
      ),
      p(
        'See [should clients be my friends online?](a:clients-as-friends) and [personal phone or email](a:discuss-personal-contact-details).',
      ),
    ],
    tags: ['communication', 'texting', 'email', 'professional boundaries'],
    synonyms: ['texting a young person', 'whatsapp with family', 'messaging clients', 'banter', 'email signature'],
    incidentTypes: [],
    sources: [kent('3 Q5', 'Communicating with clients by technology')],
    related: ['clients-as-friends', 'discuss-personal-contact-details'],
  }),

  article({
    id: 'clients-as-friends',
    title:
      'Should I have children, young people and/or adults I support as ‘friends’ or contacts on my personal social media account or other services?',
    summary:
      'No. Do not add or accept children, young people or families you know through work on personal accounts. Use work email and phones; a professional account only with management agreement and a recorded risk assessment.',
    body: [
      ul(
        'Keep every contact within clear professional boundaries, transparent and open to scrutiny. Share no personal information, and ask for none beyond what your role needs.',
        'Adding clients as friends shares your life with them and theirs with you, and leaves you open to allegations or unwanted contact.',
        '**Never** use a personal email, messaging ID, social account or phone to contact the people you support. Use work email and phones.',
        'Urgent contact by other means should be discussed with, and approved by, your safeguarding lead or manager.',
        'If social media is needed, use a separate professional account, agreed by management after a risk assessment, and record the decision.',
        'Use online spaces your organisation controls, with security settings and logs in case of a concern.',
        'Existing relationships (your child attends the school, a client is a relative or old friend) should be discussed with your safeguarding lead or manager.',
      ),
    ],
    tags: ['social media', 'friends', 'professional boundaries', 'clients'],
    synonyms: ['add client on facebook', 'friend request', 'follow young person', 'snapchat with client', 'contacts'],
    incidentTypes: [],
    sources: [kent('3 Q6', 'Clients as friends or contacts'), camden('7', 'No private messaging with children')],
    related: ['communicating-with-clients', 'social-networking-safety', 'safe-working-practice'],
  }),

  article({
    id: 'photos-of-clients',
    title: 'Should I use my personal mobile phone or device to take photographs or videos of clients?',
    summary:
      'No: use a work device, with written consent, for an agreed purpose. Move images to the work network and erase them from the device straight away. In an emergency, only with your manager’s approval, risk-assessed and recorded.',
    body: [
      ul(
        'A work device protects you: if someone alleges an inappropriate photo was taken, work equipment shows you followed policy.',
        'Get consent that meets data protection law: written parental consent for children; young people aged 13 or over may be able to consent themselves.',
        'Keep images only on work systems. Encrypted work memory cards or USB sticks are temporary: upload to the work network and erase at once.',
        'Never copy images to a personal laptop or phone; it may breach data protection law.',
        'Emergency use of a personal device should be discussed with and approved by your manager or safeguarding lead, risk-assessed, recorded and monitored; the images should not go on personal accounts.',
      ),
    ],
    tags: ['photos', 'video', 'consent', 'data protection', 'personal phone'],
    synonyms: ['photo of child', 'taking pictures', 'camera', 'images of clients', 'video of child', 'memory stick'],
    incidentTypes: [],
    sources: [kent('3 Q7', 'Photos and videos of clients'), camden('7', 'Photos only on work equipment')],
    related: ['storing-personal-data', 'safe-working-practice'],
  }),

  article({
    id: 'comments-about-me',
    title: 'Someone has posted comments about me on a social media site – how can I get them removed?',
    summary:
      'Do not reply. Save the evidence (posts, links, names, dates), tell your safeguarding lead or manager, and report it to the platform. Your employer has a duty of care and should support you; the Professional Online Safety Helpline can help.',
    body: [
      p(
        'People may post opinions about you or your service, and that is not always illegal. Posts can usually be forced down only if they make a credible threat, contain hate, amount to harassment, name a teacher under allegation who has not been charged, or break the platform’s rules.',
      ),
      ol(
        'Do not retaliate or reply.',
        'Save evidence: posts, links, messages, names, times, dates and places.',
        'Tell your designated safeguarding lead or line manager. Leaders often get best results by talking directly with the person.',
        'Report the post to the platform, and to [Report Harmful Content](e:report-harmful-content) if nothing happens.',
        'Threats or harassment may be crimes: police on [101](e:police-non-emergency), or [999](e:police-emergency) in an emergency.',
      ),
      p(
        'Your employer has a duty of care to support you. Get help from your union or the [Professional Online Safety Helpline](e:professional-online-safety-helpline), which deals with professional reputation.',
      ),
    ],
    tags: ['reputation', 'harassment', 'staff', 'cyberbullying'],
    synonyms: [
      'parent threatening me',
      'threats from a parent',
      'abuse from a family online',
      'parent posted about me',
      'facebook post about me',
      'trolled',
      'defamation',
      'remove post',
      'bad review',
      'abuse of staff',
    ],
    incidentTypes: ['bullying'],
    sources: [kent('3 Q8', 'Comments posted about you')],
    related: ['online-bullying', 'report-harmful-content'],
  }),

  article({
    id: 'colleague-online-behaviour',
    title: 'I’m concerned about the online behaviour of a colleague – what should I do?',
    summary:
      'Report it to a senior manager now; do not investigate yourself. If they may have harmed a child, committed an offence against a child, or be unsuitable to work with children, the senior manager should tell the LADO within one working day.',
    body: [
      p(
        'Concerns about colleagues should be shared responsibly with the right person, recorded and dealt with. Your code of conduct says what is acceptable on and offline.',
      ),
      p('**It is an allegation (follow KSCMP/MSCP or CSCB procedures) if the person may have:**'),
      ul(
        'behaved in a way that harmed, or may have harmed, a child',
        'committed a crime against a child, or one linked to a child',
        'behaved towards children in a way that suggests they pose a risk of harm',
        'behaved in a way that suggests they are unsuitable to work with children',
      ),
      ol(
        'Tell a senior manager at once (in a school, normally the head, or the chair of governors).',
        'The manager informs the [LADO](e:lado) no later than the next working day, and the LADO advises what to do.',
        'Do not look for, copy or forward any evidence that may be an indecent image.',
      ),
      p(
        'Behaviour below that threshold that breaks the code of conduct (for example inappropriate posts or misuse of technology at work) should still go to senior managers, so problems are caught early; HR advises on any disciplinary action.',
      ),
      p(
        'In Camden, a worker’s internet use that casts doubt on whether they should work with children is referred to the LADO (Children’s Quality Assurance Unit, CSSW).',
      ),
    ],
    tags: ['colleague', 'allegation', 'LADO', 'staff conduct'],
    synonyms: [
      'teacher',
      'teaching assistant',
      'staff',
      'member of staff',
      'colleague',
      'volunteer',
      'youth worker',
      'coach',
      'professional',
      'allegation',
      'LADO',
      'allegation against staff',
      'colleague posting',
      'colleague messaging child',
      'worried about a colleague',
      'managing allegations',
      'designated officer',
      'inappropriate post by colleague',
    ],
    incidentTypes: [],
    sources: [
      kent('3 Q9', 'Concerns about a colleague’s online behaviour'),
      kent('1 D10', 'A colleague’s inappropriate posts'),
      camden('6.1', 'Role of CSSW: LADO'),
    ],
    related: ['organisation-practice-concerns', 'illegal-or-inappropriate'],
  }),

  article({
    id: 'report-harmful-content',
    title: 'I’ve seen something harmful or hateful online – what should I do?',
    summary:
      'Report it on the site or app, even if unsure of its rules. If you do not know how, see it in many places, or the site did nothing, use Report Harmful Content. Illegal images go to the IWF, terrorist content to ACT.',
    body: [
      p(
        'Harmful content is anything online that causes distress or harm; what harms one person may not bother another.',
      ),
      ol(
        'Report it on the platform: find the report option or the community guidelines (in the app settings or the site policies). Moderators can remove it, so fewer people see it.',
        'If you are unsure how to report (for example self-harm or suicide content), have seen it in many places, or the site has not acted: [Report Harmful Content](e:report-harmful-content), run by the UK Safer Internet Centre.',
        'Illegal content such as child abuse images: [IWF](e:iwf). Terrorist content: [Report Terrorist Content](e:report-terrorist-content).',
        'If it is aimed at a person, see [online bullying](a:online-bullying) or [hate material](a:hate-material).',
      ),
    ],
    tags: ['harmful content', 'report', 'hate', 'moderation'],
    synonyms: [
      'gore',
      'beheading video',
      'graphic video',
      'fight video',
      'report a post',
      'offensive video',
      'hateful post',
      'disturbing content',
      'community guidelines',
      'violent video',
    ],
    incidentTypes: ['hate-material', 'other'],
    sources: [kent('3 Q10', 'Harmful or hateful content')],
    related: ['hate-material', 'online-bullying', 'self-harm-suicide-content'],
  }),
];
