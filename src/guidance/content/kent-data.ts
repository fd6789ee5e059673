// Kent and Medway FAQ section 4, "Keeping data and systems safe": one card per question, in our
// own words. The app's own encryption, locking and retention follow this section.
import type { Article } from '../../domain/guidance.ts';
import { article, camden, kent, ol, p, ul, warn } from './build.ts';

export const KENT_DATA_ARTICLES: Article[] = [
  article({
    id: 'storing-personal-data',
    title: 'How should I store personal data safely?',
    summary:
      'Keep personal data on the work network, not on memory sticks, personal laptops or shared family computers. Encrypt and password-protect anything that leaves the office, lock your device whenever you step away, and delete files properly when done.',
    body: [
      p(
        'Everyone who handles information about people has a legal duty to protect it (Data Protection Act 2018 and UK GDPR). People can ask what is held about them (subject access).',
      ),
      p('**Personal data must be:**'),
      ul(
        'processed fairly and lawfully',
        'used only for stated purposes',
        'adequate, relevant and not excessive',
        'accurate and up to date',
        'kept no longer than necessary',
        'handled in line with people’s rights',
        'kept secure',
        'sent abroad only where the security is adequate',
      ),
      p('**In practice**'),
      ol(
        'Hard disks, memory sticks and email are not secure by themselves: use passwords and encryption, and lock the computer when you leave it.',
        'Common losses: a lost memory stick, a mistyped email address, files on a shared family laptop, a laptop stolen from a car.',
        'Store only what you need; delete files properly after use (emptying the recycle bin, not just moving them there).',
        'Keep long-term records on the work network, which should be backed up remotely.',
        'Never leave a work device unlocked or unattended while logged in, or let anyone else use your account; log out when done, especially where clients or the public can see.',
      ),
      warn(
        'Losing personal data while breaking policy is hard to defend. Know your organisation’s data protection policy and acceptable use policy.',
      ),
      p(
        'This app follows this advice: drafts are encrypted on the device, it locks itself when idle, and sent reports leave the device once the server confirms them.',
      ),
    ],
    tags: ['data protection', 'GDPR', 'encryption', 'security', 'personal data'],
    synonyms: [
      'lost phone',
      'lost work phone',
      'stolen laptop',
      'laptop left in car',
      'data breach',
      'lost device',
      'GDPR',
      'DPA',
      'data protection',
      'memory stick',
      'USB stick',
      'encrypt',
      'lost laptop',
      'confidential files',
      'working from home',
      'subject access',
      'retention',
    ],
    incidentTypes: [],
    sources: [
      kent('4 Q1', 'Storing personal data safely'),
      camden('7', 'Encrypt personal data taken out of the office'),
    ],
    related: ['cloud-storage', 'work-devices-at-home', 'protect-personal-devices'],
  }),

  article({
    id: 'cloud-storage',
    title: 'Could I use online cloud systems to store data or images for work?',
    summary:
      'Only systems your organisation provides and has risk-assessed. Never put confidential or personal data, or images of clients, on a personal cloud account such as your own Google Drive, iCloud or Dropbox. If unsure, ask your data protection lead.',
    body: [
      ul(
        'Cloud storage must follow your organisation’s data protection and security rules, the Data Protection Act 2018 and UK GDPR.',
        'The cloud does not change the organisation’s legal duties as data controller (data protection and freedom of information).',
        'Do not use cloud storage for confidential or personal information unless it fully meets data protection rules and is encrypted, and be wary of data hosted outside the EU.',
        'Use only organisation-provided, risk-assessed systems for work data and images.',
      ),
      p(
        'Not sure a system is safe? Ask your line manager, safeguarding lead or information governance / data protection officer first.',
      ),
    ],
    tags: ['cloud', 'data protection', 'storage'],
    synonyms: ['cloud', 'Google Drive', 'Dropbox', 'iCloud', 'OneDrive', 'online storage', 'backup photos'],
    incidentTypes: [],
    sources: [kent('4 Q2', 'Cloud storage for work')],
    related: ['storing-personal-data', 'photos-of-clients'],
  }),

  article({
    id: 'work-devices-at-home',
    title: 'What is my responsibility for the use of my work laptop or other devices at home?',
    summary:
      'A work device belongs to your employer and is for work. Do not let family use it, never use it for adult content, and keep it under your control: misuse on it is likely to be put down to you.',
    body: [
      p('**What can go wrong**'),
      ul(
        'Family use for games or shopping raises the risk of viruses and identity theft.',
        'If others use it, you cannot be sure confidential information was not seen.',
        'Personal use of a work device can count as a taxable benefit.',
        'Adult material on a work device, even at home and after hours, is not acceptable: a client might see it, and it has led to dismissals.',
        'Anyone else would need you to log them in, so misuse will usually be blamed on you.',
      ),
      p(
        'Check your organisation’s policy on personal use (many now ban it) and the acceptable use policy. Keep full control of any device given to you.',
      ),
    ],
    tags: ['work laptop', 'devices', 'home', 'acceptable use'],
    synonyms: ['work laptop', 'work phone', 'family using my laptop', 'personal use of work device', 'AUP'],
    incidentTypes: ['hacking-virus'],
    sources: [kent('4 Q3', 'Work devices at home'), camden('7', 'Keep mobile equipment secure')],
    related: ['discuss-work-device-personal-use', 'storing-personal-data'],
  }),

  article({
    id: 'network-monitoring',
    title: 'As a technician, how can I safely monitor my organisations network use?',
    summary:
      'Work with the safeguarding lead, not alone: act only on a written request under a published procedure, never copy or email suspected illegal images, preserve evidence (unplug, lock the account), and report straight to the safeguarding lead.',
    body: [
      p(
        'Filtering and monitoring only work if someone reviews them regularly and reports what they find. They are safeguarding tasks, not just IT ones: technical staff should not judge alone what is inappropriate.',
      ),
      warn(
        'A technician who, meaning well, emails images from a user’s history to alert a colleague may commit an offence if the images are illegal. Get a specific written request, follow a published procedure, and **never copy or send the images**.',
      ),
      ol(
        'Agree the filtering and monitoring policy with the safeguarding lead and managers, with set steps for incidents.',
        'Report any concern straight to the designated safeguarding lead.',
        'Have procedures to preserve evidence: unplug the computer or lock the account.',
        'Make sure every user logs in: without an identifiable user, misuse (indecent images, extremist content) cannot be traced, which may breach safeguarding duties.',
        'Involve IT when new devices are bought so they can be managed and filtered (Prevent duty; Keeping Children Safe in Education for schools).',
      ),
      p('Advice on filtering and monitoring: [UK Safer Internet Centre](e:uk-safer-internet-centre).'),
    ],
    tags: ['filtering', 'monitoring', 'IT', 'technician', 'evidence'],
    synonyms: ['IT support', 'network manager', 'web filter', 'monitoring software', 'logs', 'preserve evidence'],
    incidentTypes: ['bypassing-security', 'child-abuse-images', 'hacking-virus'],
    sources: [kent('4 Q4', 'Monitoring network use'), camden('3.2', 'Filtering and monitoring')],
    related: ['filtering-and-bypassing', 'child-abuse-images'],
  }),
];
