// The support and reporting directory: services named by the two source documents, with the
// numbers and addresses exactly as the sources give them. Descriptions are our own words.
import type { DirectoryEntry } from '../../domain/guidance.ts';
import { camden, entry, kent } from './build.ts';

const KENT_SUPPORT = kent('2 Q16', 'Support for a child or family after an online concern');
const KENT_LINKS = kent('5', 'Useful links and resources');

// Where a source only names a service, the entry says why it was named and adds no facts of its own.
const MH = 'Named by the Kent and Medway FAQ for information and support on self-harm, suicide and eating disorders.';
const DA = 'Named by the Kent and Medway FAQ for support where technology is used in domestic abuse.';
const SCREEN = 'Named by the Kent and Medway FAQ for promoting a healthy balance of time online, gaming and gambling.';
const CURRICULUM = 'Named by the Kent and Medway FAQ as a resource for practitioners teaching digital literacy.';
const FAKE_NEWS_TIPS = 'Named by the Kent and Medway FAQ for tips on talking to children about fake news.';
const CYBER = 'Named by the Kent and Medway FAQ for advice on responding to cybercrime and staying safe online.';
const ORGS = 'Named by the Kent and Medway FAQ as national guidance for organisations and managers.';
const FAMILIES = 'Named by the Kent and Medway FAQ as a resource to share with parents and carers.';

export const DIRECTORY: DirectoryEntry[] = [
  // Emergencies and the police.
  entry({
    id: 'police-emergency',
    name: 'Police: emergency (999)',
    summary:
      'Call when someone is hurt, in danger or a life is at risk now, or when a parent learns their child is on the way to meet an adult known only online.',
    contacts: [{ kind: 'phone', value: '999' }],
    tags: ['police', 'emergency'],
    synonyms: ['999', 'immediate danger', 'urgent'],
    sources: [
      camden('5.2', 'A child about to meet an online contact'),
      kent('2 Q14', 'Bullying: emergencies'),
      kent('2 Q2', 'Indecent images: immediate risk'),
    ],
  }),
  entry({
    id: 'police-non-emergency',
    name: 'Police: non-emergency (101)',
    summary:
      'For advice when you think a crime has been committed but nobody is in immediate danger, for example harassment, an indecent image on a device, or a live cyber attack (Kent Police).',
    contacts: [{ kind: 'phone', value: '101' }],
    tags: ['police', 'crime'],
    synonyms: ['101', 'report a crime'],
    sources: [
      kent('2 Q14', 'Bullying that may be a crime'),
      kent('2 Q13', 'Live cyber attack'),
      kent('2 Q2', 'Police advice on indecent images'),
    ],
  }),
  entry({
    id: 'kent-police-internet-safety',
    name: 'Kent Police: internet safety, cybercrime and digital domestic abuse',
    summary:
      'Kent Police advice pages on staying safe online, cybercrime and fraud, and domestic abuse through technology.',
    contacts: [{ kind: 'web', value: 'www.kent.police.uk/internetsafety' }],
    tags: ['police', 'kent'],
    sources: [KENT_LINKS, kent('2 Q13', 'Cybercrime links'), kent('2 Q8', 'Digital domestic abuse')],
  }),
  entry({
    id: 'police-cait',
    name: 'Police Child Abuse Investigation Team (CAIT)',
    summary:
      'Joins the strategy discussion on online child protection cases, checks any named adults and can ask CEOP to trace offenders online. Works jointly with children’s social care when an adult at home views child abuse images.',
    contacts: [],
    contactVia: 'mash',
    tags: ['police', 'camden', 'strategy discussion'],
    synonyms: ['CAIT'],
    sources: [camden('6.3', 'Action by CSSW'), camden('6.5', 'Parents’ use of the internet')],
  }),

  // National reporting.
  entry({
    id: 'ceop',
    name: 'NCA CEOP (Child Exploitation and Online Protection)',
    summary:
      'The National Crime Agency’s child protection command. Its Report Abuse button, built into many sites and apps, lets anyone report a child being sexually abused or approached suspiciously online; someone answers at any hour.',
    contacts: [
      { kind: 'web', value: 'www.ceop.police.uk', label: 'Website' },
      { kind: 'web', value: 'www.ceop.police.uk/ceop-reporting', label: 'Make a report' },
    ],
    tags: ['report abuse', 'grooming', 'sexual abuse', 'national'],
    synonyms: ['CEOP', 'report abuse button', 'NCA', 'National Crime Agency', 'online grooming report'],
    sources: [KENT_SUPPORT, KENT_LINKS, camden('5.2', 'CEOP Report Abuse button')],
  }),
  entry({
    id: 'thinkuknow',
    name: 'Thinkuknow (NCA CEOP education)',
    summary:
      'CEOP’s education site for children, parents, carers and professionals, with age-based advice on online safety.',
    contacts: [{ kind: 'web', value: 'www.thinkuknow.co.uk' }],
    tags: ['education', 'parents', 'resources'],
    synonyms: ['Think U Know'],
    sources: [KENT_SUPPORT, kent('2 Q4', 'Resources for families'), KENT_LINKS],
  }),
  entry({
    id: 'iwf',
    name: 'Internet Watch Foundation (IWF)',
    summary:
      'The UK hotline for reporting illegal content online: child sexual abuse images, criminally obscene material and content inciting hatred. Report through the link on its home page; never copy the material to send it.',
    contacts: [{ kind: 'web', value: 'www.iwf.org.uk' }],
    tags: ['report', 'illegal content', 'child abuse images', 'national'],
    synonyms: ['IWF', 'report illegal images', 'hotline'],
    sources: [KENT_SUPPORT, KENT_LINKS, camden('Appendix 1', 'Action: reported to the IWF')],
  }),
  entry({
    id: 'report-harmful-content',
    name: 'Report Harmful Content',
    summary:
      'Run by the UK Safer Internet Centre. Explains each platform’s rules and links to its reporting tools, and reviews cases where a report to a site got no result. Covers threats, impersonation, bullying or harassment, self-harm or suicide content, online abuse, violent content, unwanted sexual advances and pornographic content.',
    contacts: [{ kind: 'web', value: 'https://reportharmfulcontent.com' }],
    tags: ['report', 'harmful content', 'bullying', 'national'],
    synonyms: ['RHC', 'content not removed', 'report a post'],
    sources: [KENT_SUPPORT, KENT_LINKS, kent('3 Q10', 'Harmful or hateful content')],
  }),
  entry({
    id: 'report-terrorist-content',
    name: 'Report Terrorist Content (ACT)',
    summary: 'The government’s online form for reporting terrorist or violent extremist material you find online.',
    contacts: [{ kind: 'web', value: 'https://act.campaign.gov.uk' }],
    tags: ['report', 'terrorism', 'extremism', 'national'],
    synonyms: ['terrorist material', 'ACT', 'extremist content'],
    sources: [KENT_LINKS],
  }),
  entry({
    id: 'action-fraud',
    name: 'Action Fraud',
    summary:
      'The national reporting centre for fraud and financially motivated internet crime. Report a cybercrime or scam as soon as it happens; they give help and advice.',
    contacts: [
      { kind: 'phone', value: '0300 123 2040' },
      { kind: 'web', value: 'www.actionfraud.police.uk' },
    ],
    tags: ['fraud', 'scam', 'cybercrime', 'national'],
    synonyms: ['scam', 'fraud', 'phishing', 'identity theft'],
    sources: [kent('2 Q13', 'Report cybercrime'), KENT_SUPPORT],
  }),
  entry({
    id: 'kent-trading-standards',
    name: 'Kent Trading Standards',
    summary: 'Consumer protection advice in Kent, for example on scams and unfair online selling.',
    contacts: [{ kind: 'web', value: 'www.kent.gov.uk/business/trading-standards/consumer-protection' }],
    tags: ['fraud', 'consumer', 'kent'],
    sources: [KENT_SUPPORT],
  }),
  entry({
    id: 'revenge-porn-helpline',
    name: 'Revenge Porn Helpline',
    summary:
      'A UK helpline for adults (18 and over) whose intimate images have been shared, or are threatened to be shared, without consent. For under-18s use the safeguarding route instead.',
    audience: 'Adults aged 18 and over',
    contacts: [{ kind: 'web', value: 'https://revengepornhelpline.org.uk' }],
    tags: ['intimate image abuse', 'adults', 'domestic abuse'],
    synonyms: ['revenge porn', 'intimate image abuse', 'sextortion adult', 'image based abuse'],
    sources: [KENT_SUPPORT, kent('2 Q8', 'Domestic abuse support')],
  }),
  entry({
    id: 'professional-online-safety-helpline',
    name: 'Professional Online Safety Helpline (UK Safer Internet Centre)',
    summary:
      'For anyone working with children in the UK: help with online safety issues about yourself (your professional reputation, posts about you) or about the children you work with. Also a reliable source to check whether a viral challenge or hoax is real.',
    audience: 'Professionals working with children and young people',
    contacts: [{ kind: 'web', value: 'https://saferinternet.org.uk/professionals-online-safety-helpline' }],
    tags: ['professionals', 'helpline', 'reputation'],
    synonyms: ['POSH', 'helpline for staff'],
    sources: [kent('3 Q8', 'Comments posted about you'), kent('2 Q11', 'Checking a hoax'), KENT_LINKS],
  }),
  entry({
    id: 'stop-it-now',
    name: 'Stop it Now! (Lucy Faithful Foundation)',
    summary:
      'A child sexual abuse prevention campaign for the UK and Ireland. Gives adults information and runs a free, confidential helpline, including for people worried about their own or someone else’s thoughts or behaviour.',
    contacts: [{ kind: 'web', value: 'www.stopitnow.org.uk' }],
    tags: ['prevention', 'helpline', 'sexual abuse'],
    synonyms: ['Stop it Now', 'worried about someone', 'Lucy Faithfull'],
    sources: [KENT_SUPPORT, KENT_LINKS],
  }),
  entry({
    id: 'marie-collins-foundation',
    name: 'Marie Collins Foundation',
    summary:
      'A UK charity helping children harmed by sexual abuse or exploitation through the internet and mobile technology to recover, and supporting their families.',
    contacts: [{ kind: 'web', value: 'www.mariecollinsfoundation.org.uk' }],
    tags: ['recovery', 'sexual abuse', 'families'],
    synonyms: ['MCF'],
    sources: [KENT_SUPPORT],
  }),
  entry({
    id: 'childline',
    name: 'Childline',
    summary:
      'Children and young people can call free to talk to someone in private. The website has advice on online safety, nude images, grooming, bullying and much more.',
    audience: 'Children and young people',
    contacts: [
      { kind: 'phone', value: '0800 1111' },
      { kind: 'web', value: 'www.childline.org.uk' },
    ],
    tags: ['children', 'helpline', 'support'],
    synonyms: ['Childline', 'ChildLine', 'someone to talk to'],
    sources: [KENT_SUPPORT, kent('2 Q7', 'Self-harm and suicide support')],
  }),

  // Local safeguarding (Camden and Kent and Medway).
  entry({
    id: 'camden-online-safety-officer',
    name: 'Camden online safety officer',
    summary:
      'Camden’s online safety officer (Children’s Quality Assurance Unit, CSSW) receives every online safety incident report form and gives advice on whether to refer.',
    contacts: [{ kind: 'email', value: 'jenni.spencer@camden.gov.uk', label: 'Incident report forms' }],
    tags: ['camden', 'incident report', 'advice'],
    synonyms: ['online safety contact officer', 'e-safety officer'],
    sources: [
      camden('3.3', 'Online safety contact officer'),
      camden('Appendix 1', 'Online safety incident report form'),
    ],
  }),
  entry({
    id: 'camden-mash',
    name: 'Camden MASH (Multi-Agency Safeguarding Hub)',
    summary:
      'Where all referrals to Camden children’s social care (CSSW) go, on an e-CAF referral form. A MASH social worker can also advise on whether to refer.',
    contacts: [],
    contactVia: 'mash',
    tags: ['camden', 'referral', 'social care'],
    synonyms: ['MASH', 'e-CAF', 'CSSW', 'children’s social care', 'referral'],
    sources: [camden('6.2', 'Referral to CSSW')],
  }),
  entry({
    id: 'channel-panel',
    name: 'Channel Panel co-ordinator (Prevent)',
    summary:
      'Camden’s Channel Panel brings agencies together to support young people who may be radicalised. Ask the co-ordinator for advice and send them a copy of any extremism incident report.',
    contacts: [],
    contactVia: 'safeguardingLead',
    tags: ['camden', 'prevent', 'radicalisation'],
    synonyms: ['Channel', 'Prevent', 'extremism referral'],
    sources: [camden('5.4', 'Contact with violent extremists'), camden('6.2', 'Referral to CSSW')],
  }),
  entry({
    id: 'lado',
    name: 'Local Authority Designated Officer (LADO)',
    summary:
      'Oversees allegations against anyone who works or volunteers with children, including concerns about their internet use. A senior manager should tell the LADO within one working day of an allegation.',
    contacts: [],
    contactVia: 'lado',
    tags: ['allegation', 'staff', 'colleague'],
    synonyms: ['LADO', 'designated officer', 'allegation against staff', 'managing allegations'],
    sources: [camden('6.1', 'Role of CSSW'), kent('3 Q9', 'Concerns about a colleague')],
  }),
  entry({
    id: 'cscb-guidance',
    name: 'Camden Safeguarding Children Board (CSCB) guidance',
    summary:
      'CSCB guidance referred to by the Camden document: child sexual exploitation (with the CSE risk assessment), radicalisation and extremism, harmful sexual behaviour and managing allegations against staff.',
    contacts: [
      {
        kind: 'web',
        value:
          'http://www.cscb-new.co.uk/wp-content/uploads/2015/09/Multi_Agency_Guidance_On_Child_Sexual_Exploitation_2015.pdf',
        label: 'Child sexual exploitation guidance',
      },
      {
        kind: 'web',
        value: 'http://www.cscb-new.co.uk/wp-content/uploads/2016/03/CSCB-guidance-on-radicalisation-and-extremism.pdf',
        label: 'Radicalisation and extremism guidance',
      },
      {
        kind: 'web',
        value:
          'http://www.cscb-new.co.uk/downloads/LADO/Managing%20allegations%20against%20staff%20and%20volunteers%20-%20multi-agency%20guidance%202011.pdf',
        label: 'Managing allegations against staff',
      },
    ],
    tags: ['camden', 'guidance', 'CSE'],
    synonyms: ['CSCB', 'CSE risk assessment'],
    sources: [camden('5.3', 'Online CSE'), camden('5.4', 'Violent extremists'), camden('6.1', 'Role of CSSW')],
  }),
  entry({
    id: 'nca-sexting-guidance',
    name: 'Sexting in schools and colleges (national guidance)',
    summary: 'National guidance, linked from the Camden document, on responding proportionately to sexting incidents.',
    contacts: [
      {
        kind: 'web',
        value:
          'https://www.gov.uk/government/uploads/system/uploads/attachment_data/file/551575/6.2439_KG_NCA_Sexting_in_Schools_WEB__1_.PDF',
      },
    ],
    tags: ['nudes', 'guidance'],
    synonyms: ['sexting guidance', 'UKCIS'],
    sources: [camden('5.6', 'Sexting')],
  }),
  entry({
    id: 'kscmp',
    name: 'Kent Safeguarding Children Multi-Agency Partnership (KSCMP)',
    summary:
      'Kent’s safeguarding partnership: procedures, local guidance (including on nude image sharing and allegations), advice and multi-agency training.',
    contacts: [{ kind: 'web', value: 'www.kscmp.org.uk' }],
    tags: ['kent', 'training', 'procedures'],
    synonyms: ['KSCMP'],
    sources: [KENT_LINKS, kent('2 Q17', 'Training')],
  }),
  entry({
    id: 'mscp',
    name: 'Medway Safeguarding Children Partnership (MSCP)',
    summary: 'Medway’s safeguarding partnership: procedures, local guidance, advice and multi-agency training.',
    contacts: [{ kind: 'web', value: 'www.medwayscp.org.uk/mscb' }],
    tags: ['medway', 'training', 'procedures'],
    synonyms: ['MSCP'],
    sources: [KENT_LINKS, kent('2 Q17', 'Training')],
  }),
  entry({
    id: 'education-safeguarding-service',
    name: 'Education Safeguarding Service (Kent)',
    summary:
      'The lead for schools, colleges and early years settings in Kent: specialist online safety advice for education settings.',
    contacts: [],
    contactVia: 'safeguardingLead',
    tags: ['kent', 'schools', 'education'],
    synonyms: ['The Education People'],
    sources: [kent('1', 'About this document'), kent('2 Q5', 'Advice for education settings')],
  }),
  entry({
    id: 'kelsi-information-governance',
    name: 'Kent information governance for education settings (KELSI)',
    summary: 'Kent’s data protection and information governance guidance for education settings.',
    contacts: [{ kind: 'web', value: 'www.kelsi.org.uk/school-management/data-and-reporting' }],
    tags: ['data protection', 'kent', 'schools'],
    sources: [KENT_LINKS],
  }),

  // Advice and resources.
  entry({
    id: 'uk-safer-internet-centre',
    name: 'UK Safer Internet Centre',
    summary:
      'Advice on popular apps, privacy settings and safety tools, on filtering and monitoring, and on responding to harmful online challenges. Runs the Professional Online Safety Helpline and Report Harmful Content.',
    contacts: [{ kind: 'web', value: 'www.saferinternet.org.uk' }],
    tags: ['advice', 'privacy settings', 'filtering'],
    synonyms: ['UKSIC', 'Safer Internet'],
    sources: [KENT_LINKS, kent('3 Q3', 'Privacy settings'), kent('4 Q4', 'Filtering and monitoring')],
  }),
  entry({
    id: 'childnet',
    name: 'Childnet',
    summary: 'Online safety advice for children, parents and carers, including gaming and screen time.',
    contacts: [{ kind: 'web', value: 'www.childnet.com' }],
    tags: ['advice', 'parents', 'gaming'],
    sources: [kent('2 Q4', 'Resources for families'), kent('2 Q6', 'Gaming'), KENT_LINKS],
  }),
  entry({
    id: 'internet-matters',
    name: 'Internet Matters',
    summary:
      'Advice for parents and carers on parental controls, screen time, fake news, digital self-harm and gaming; includes advice for children with SEND (Inclusive Digital Safety).',
    contacts: [
      { kind: 'web', value: 'www.internetmatters.org' },
      {
        kind: 'web',
        value: 'www.internetmatters.org/inclusive-digital-safety',
        label: 'Inclusive Digital Safety (SEND)',
      },
    ],
    tags: ['parents', 'parental controls', 'SEND'],
    sources: [kent('2 Q4', 'Resources for families'), KENT_LINKS],
  }),
  entry({
    id: 'nspcc-online-safety',
    name: 'NSPCC online safety',
    summary: 'Online safety advice for families, including for families of children with SEND.',
    contacts: [
      { kind: 'web', value: 'www.nspcc.org.uk/onlinesafety' },
      {
        kind: 'web',
        value: 'www.nspcc.org.uk/keeping-children-safe/online-safety/online-safety-families-children-with-send',
        label: 'Families and children with SEND',
      },
    ],
    tags: ['parents', 'SEND'],
    synonyms: ['NSPCC'],
    sources: [kent('2 Q4', 'Resources for families'), KENT_LINKS],
  }),
  entry({
    id: 'get-safe-online',
    name: 'Get Safe Online',
    summary: FAMILIES,
    contacts: [{ kind: 'web', value: 'www.getsafeonline.org' }],
    tags: ['advice', 'security', 'scam'],
    sources: [kent('2 Q4', 'Resources for families')],
  }),
  entry({
    id: 'parent-zone',
    name: 'Parent Zone',
    summary: FAMILIES,
    contacts: [{ kind: 'web', value: 'https://parentzone.org.uk/' }],
    tags: ['parents'],
    sources: [kent('2 Q4', 'Resources for families'), KENT_LINKS],
  }),
  entry({
    id: 'parents-protect',
    name: 'Parents Protect',
    summary: FAMILIES,
    contacts: [{ kind: 'web', value: 'www.parentsprotect.co.uk' }],
    tags: ['parents', 'prevention'],
    sources: [kent('2 Q4', 'Resources for families'), KENT_LINKS],
  }),
  entry({
    id: 'ukcis',
    name: 'UK Council for Internet Safety (UKCIS)',
    summary:
      'Publishes national guidance, including advice for education settings on sharing nudes and semi-nudes and guidance on challenging victim-blaming language.',
    contacts: [{ kind: 'web', value: 'www.gov.uk/government/organisations/uk-council-for-internet-safety' }],
    tags: ['guidance', 'nudes', 'victim blaming'],
    synonyms: ['UKCIS'],
    sources: [KENT_LINKS, kent('2 Q9', 'Nude image sharing'), kent('2 Q15', 'Victim-blaming language')],
  }),
  entry({
    id: 'pegi',
    name: 'PEGI (game age ratings)',
    summary:
      'The age ratings for video games: an age suitability (such as 3 or 18, not difficulty) and content descriptors such as violence or sexual themes.',
    contacts: [{ kind: 'web', value: 'www.pegi.info/en/index' }],
    tags: ['gaming', 'age rating'],
    synonyms: ['PEGI', 'game ratings', '18 games'],
    sources: [kent('2 Q6', '18-rated video games')],
  }),

  // Mental health and wellbeing (Kent and Medway FAQ, self-harm question).
  ...(
    [
      ['live-well-kent', 'Live Well Kent', 'Free mental health support in Kent for people aged 17 and over.', '17+'],
      ['beat', 'Beat', 'Support for young people and adults with eating problems or eating disorders.', undefined],
      [
        'ripple',
        'Ripple suicide prevention tool',
        'A free browser extension that offers mental health support to someone who searches for suicide or self-harm content.',
        undefined,
      ],
      ['samaritans', 'Samaritans', MH, undefined],
      ['mind', 'Mind', MH, undefined],
      ['young-minds', 'Young Minds', MH, undefined],
      ['shout', 'Shout', MH, undefined],
      ['calm', 'Calm', MH, undefined],
      ['rethink', 'Rethink Mental Illness', MH, undefined],
      ['we-are-with-you', 'We Are With You', MH, undefined],
      ['mind-and-body-kent', 'Mind and Body in Kent', MH, undefined],
    ] as const
  ).map(([id, name, summary, audience]) =>
    entry({
      id,
      name,
      summary,
      ...(audience ? { audience: `People aged ${audience}` } : {}),
      contacts: [],
      // The FAQ names the service without a contact: the safeguarding lead keeps the service's signposting details.
      contactVia: 'safeguardingLead',
      tags: ['mental health', 'self-harm', 'support'],
      sources: [kent('2 Q7', 'Self-harm, suicide and eating disorder support')],
    }),
  ),

  // Domestic abuse through technology (Kent and Medway FAQ).
  ...(
    [
      ['womens-aid', 'Women’s Aid: online safety', DA],
      ['refuge-tech-abuse', 'Refuge: technology abuse', DA],
      ['safelives', 'SafeLives: digital and online safety', DA],
      ['kent-domestic-abuse-services', 'Domestic abuse services in Kent and Medway', DA],
      ['national-domestic-abuse-helpline', 'National Domestic Abuse Helpline', DA],
      ['national-stalking-helpline', 'National Stalking Helpline', DA],
      ['bright-sky', 'Bright Sky app', DA],
      ['gov-uk-domestic-abuse', 'GOV.UK: domestic abuse, how to get help', DA],
    ] as const
  ).map(([id, name, summary]) =>
    entry({
      id,
      name,
      summary,
      contacts: [],
      // The FAQ names the service without a contact: the safeguarding lead keeps the service's signposting details.
      contactVia: 'safeguardingLead',
      tags: ['domestic abuse', 'support'],
      synonyms: ['coercive control', 'stalking'],
      sources: [kent('2 Q8', 'Domestic abuse through technology')],
    }),
  ),

  // Screen time, gaming and gambling.
  ...(
    [
      ['gamcare', 'GamCare', SCREEN, ['gambling', 'betting']],
      ['big-deal', 'Big Deal?', SCREEN, ['gambling', 'young people']],
      [
        'national-centre-gaming-disorders',
        'National Centre for Gaming Disorders',
        SCREEN,
        ['gaming addiction', 'problem gaming'],
      ],
    ] as const
  ).map(([id, name, summary, synonyms]) =>
    entry({
      id,
      name,
      summary,
      contacts: [],
      // The FAQ names the service without a contact: the safeguarding lead keeps the service's signposting details.
      contactVia: 'safeguardingLead',
      tags: ['screen time', 'gaming', 'gambling'],
      synonyms: [...synonyms],
      sources: [kent('2 Q12', 'Harmful time online')],
    }),
  ),

  // Fake news and extremism education (Kent and Medway FAQ, misinformation question).
  ...(
    [
      ['educate-against-hate', 'Educate Against Hate', CURRICULUM],
      ['newswise', 'Newswise', CURRICULUM],
      ['be-internet-citizens', 'Be Internet Citizens', CURRICULUM],
      ['shout-out-uk', 'Shout Out UK', CURRICULUM],
      ['literacy-trust', 'The Literacy Trust', FAKE_NEWS_TIPS],
      ['bbc-bitesize', 'BBC Bitesize', FAKE_NEWS_TIPS],
      ['citizenship-foundation', 'The Citizenship Foundation: conspiracy theories in the classroom', CURRICULUM],
    ] as const
  ).map(([id, name, summary]) =>
    entry({
      id,
      name,
      summary,
      contacts: [],
      // The FAQ names the service without a contact: the safeguarding lead keeps the service's signposting details.
      contactVia: 'safeguardingLead',
      tags: ['fake news', 'misinformation', 'education'],
      sources: [kent('2 Q10', 'Misinformation and disinformation')],
    }),
  ),

  // Cybercrime.
  entry({
    id: 'cyber-choices',
    name: 'Cyber Choices (NCA)',
    summary:
      'A national police programme led by the National Crime Agency for young people who might commit, or be pulled into, minor cyber-dependent offences; it steers their skills somewhere positive.',
    contacts: [],
    contactVia: 'safeguardingLead',
    tags: ['cybercrime', 'hacking', 'young people'],
    synonyms: ['hacking referral', 'NCA Cyber Choices'],
    sources: [kent('2 Q13', 'Cybercrime')],
  }),
  entry({
    id: 'ncsc',
    name: 'National Cyber Security Centre (NCSC)',
    summary: CYBER,
    contacts: [],
    contactVia: 'safeguardingLead',
    tags: ['cybercrime', 'security', 'passwords'],
    synonyms: ['NCSC'],
    sources: [kent('2 Q13', 'Cybercrime')],
  }),
  entry({
    id: 'ncrcg',
    name: 'National Cyber Resilience Centre Group',
    summary: CYBER,
    contacts: [],
    contactVia: 'safeguardingLead',
    tags: ['cybercrime', 'organisations'],
    sources: [kent('2 Q13', 'Cybercrime')],
  }),

  // For organisations and managers.
  entry({
    id: 'safer-recruitment-consortium',
    name: 'Safer Recruitment Consortium',
    summary: ORGS,
    contacts: [{ kind: 'web', value: 'https://saferrecruitmentconsortium.org' }],
    tags: ['organisations', 'staff conduct'],
    sources: [KENT_LINKS],
  }),
  entry({
    id: 'nen',
    name: 'National Education Network',
    summary: ORGS,
    contacts: [{ kind: 'web', value: 'www.nen.gov.uk' }],
    tags: ['organisations', 'schools'],
    synonyms: ['NEN'],
    sources: [KENT_LINKS],
  }),
];
