// The guidance pack bundled with the app: the articles, the support directory and the sections
// to browse them by. Works offline from first start; a validated pack from the server replaces it.
import { GUIDANCE_SCHEMA_VERSION, type GuidancePack, type GuidanceSection } from '../domain/guidance.ts';
import { CAMDEN_ARTICLES } from './content/camden.ts';
import { DIRECTORY } from './content/directory.ts';
import { KENT_CHILDREN_ARTICLES } from './content/kent-children.ts';
import { KENT_DATA_ARTICLES } from './content/kent-data.ts';
import { KENT_DISCUSSION_ARTICLES } from './content/kent-discussion.ts';
import { KENT_MYSELF_ARTICLES } from './content/kent-myself.ts';

const SECTIONS: GuidanceSection[] = [
  {
    id: 'act-now',
    title: 'Act now',
    description: 'The situations that need the right first step, fast.',
    articleIds: [
      'child-abuse-images',
      'nude-image-sharing',
      'grooming-and-contact',
      'online-cse',
      'online-bullying',
      'self-harm-suicide-content',
      'violent-extremism',
      'referral-criteria',
      'reporting-incidents',
    ],
  },
  {
    id: 'risks-and-harms',
    title: 'Online risks and specific harms',
    description: 'The four Cs, safety messages for children and what to do about each kind of harm (Camden guidance).',
    articleIds: [
      'online-risks-four-cs',
      'key-safety-messages',
      'safe-use-of-ict',
      'send-vulnerability',
      'online-bullying',
      'grooming-and-contact',
      'online-cse',
      'violent-extremism',
      'self-harm-suicide-content',
      'nude-image-sharing',
      'hate-material',
      'pornography',
      'online-gambling',
      'filtering-and-bypassing',
    ],
  },
  {
    id: 'referral-and-reporting',
    title: 'Referral and reporting',
    description: 'When to refer, how to report an incident, and children known to social care (Camden guidance).',
    articleIds: [
      'referral-criteria',
      'reporting-incidents',
      'children-known-to-cssw',
      'parent-internet-use',
      'child-abuse-images',
    ],
  },
  {
    id: 'children-online',
    title: 'Keeping children and young people safe online',
    description: 'Questions professionals ask (Kent and Medway FAQ, section 2).',
    articleIds: [
      'online-risks-four-cs',
      'illegal-or-inappropriate',
      'safer-online-activity',
      'family-resources',
      'underage-social-media',
      'age-rated-games',
      'self-harm-suicide-content',
      'tech-domestic-abuse',
      'nude-image-sharing',
      'misinformation',
      'hoax-challenges',
      'harmful-screen-time',
      'cybercrime',
      'online-bullying',
      'disclosure-of-online-abuse',
      'support-services',
      'learn-more',
      'organisation-practice-concerns',
    ],
  },
  {
    id: 'keeping-myself-safe',
    title: 'Keeping myself safe online',
    description: 'Your own social media, devices, photos and reputation (Kent and Medway FAQ, section 3; Camden 7).',
    articleIds: [
      'safe-working-practice',
      'private-social-media-limits',
      'personal-social-networking',
      'social-networking-safety',
      'protect-personal-devices',
      'communicating-with-clients',
      'clients-as-friends',
      'photos-of-clients',
      'comments-about-me',
      'colleague-online-behaviour',
      'report-harmful-content',
    ],
  },
  {
    id: 'data-and-systems',
    title: 'Keeping data and systems safe',
    description: 'Personal data, cloud storage, work devices and monitoring (Kent and Medway FAQ, section 4).',
    articleIds: ['storing-personal-data', 'cloud-storage', 'work-devices-at-home', 'network-monitoring'],
  },
  {
    id: 'for-discussion',
    title: 'Questions for team discussion',
    description: 'Everyday dilemmas to talk through with your safeguarding lead (Kent and Medway FAQ, section 1).',
    articleIds: [
      'discuss-work-device-personal-use',
      'discuss-workplace-comments',
      'discuss-personal-contact-details',
      'discuss-tweeting-for-organisation',
      'discuss-teaching-with-social-media',
      'discuss-work-email-on-personal-phone',
      'discuss-commenting-on-news',
      'discuss-blogging-about-work',
      'discuss-privacy-settings',
      'colleague-online-behaviour',
      'discuss-professional-social-media',
    ],
  },
];

export const BUNDLED_PACK: GuidancePack = {
  schemaVersion: GUIDANCE_SCHEMA_VERSION,
  version: '2026.11.1',
  publishedAt: '2026-11-23T00:00:00Z',
  publisher: 'SafeVisit (own words, from the Camden and Kent and Medway guidance)',
  sections: SECTIONS,
  articles: [
    ...CAMDEN_ARTICLES,
    ...KENT_CHILDREN_ARTICLES,
    ...KENT_MYSELF_ARTICLES,
    ...KENT_DATA_ARTICLES,
    ...KENT_DISCUSSION_ARTICLES,
  ],
  directory: DIRECTORY,
};
