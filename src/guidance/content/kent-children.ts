// Kent and Medway FAQ section 2, "Keeping children and young people safe online": one card per
// question not already answered by a Camden card. Own words, each citing its question.
import type { Article } from '../../domain/guidance.ts';
import { added, article, camden, kent, ol, p, ul, warn } from './build.ts';

export const KENT_CHILDREN_ARTICLES: Article[] = [
  article({
    id: 'illegal-or-inappropriate',
    title: 'What is classed as ‘inappropriate’?',
    summary:
      'Separate what is illegal from what is legal but inappropriate. Illegal: indecent images of under-18s, grooming, sexual messages to under-16s, revenge porn, hate crime, threats. Seek advice whenever you suspect a crime; staff conduct can also lead to dismissal without a prosecution.',
    body: [
      p(
        '"Inappropriate" means different things to different people, so split it in two: illegal, and legal but inappropriate. Illegal content can lead to investigation and prosecution; for staff, to discipline, dismissal and barring even with no prosecution. The list is not complete: ask for advice if you suspect an offence.',
      ),
      p('**Illegal (examples)**'),
      ul(
        'Viewing, making, holding or sharing indecent images of anyone under 18, including images children make of themselves. Viewing online can amount to possession. See [indecent images](a:child-abuse-images) and [nude image sharing](a:nude-image-sharing).',
        'Getting a child under 16 to watch a sexual act, such as showing them pornography, for sexual gratification (Sexual Offences Act 2003, s.12).',
        'Grooming: an adult who has been in touch with a child under 16 meeting or travelling to meet them, anywhere in the world, to commit a sexual offence (s.15).',
        'An adult sending sexual messages to a child under 16, or messages meant to get sexual replies, whether or not the child answers (Serious Crime Act 2015, s.67).',
        'Having "paedophile manuals" that advise on abusing children, on paper or digitally (Serious Crime Act 2015, s.69).',
        'Sharing private sexual photos or videos of someone without consent to cause distress ("revenge porn"), and since the Domestic Abuse Act 2021, threatening to.',
        'Inciting hatred on grounds such as race, religion or sexual orientation; credible threats and offensive messages meant to cause distress, including cyberbullying.',
      ),
      p(
        'Real cases: staff sending sexual messages to young people, showing them pornography, saving or forwarding indecent images, forming sexual relationships with them; children and staff receiving racist or homophobic abuse.',
      ),
      p('**Legal but inappropriate for staff (real examples)**'),
      ul(
        'offensive or insulting posts about colleagues, clients, families or the employer',
        'a work email address used for online dating',
        'adult pornography on work devices or the work network, even on a break',
        'liking or sharing extremist content',
        'personal phone use (social media, shopping) while supervising children',
        '"drunken" photos posted online',
        'contacting children through a personal email or social media account',
        'selling sex toys, fetish gear or pornography',
      ),
      p(
        'Behaviour outside work can be serious enough to break the trust placed in you and count as gross misconduct. Think as a role model.',
      ),
    ],
    tags: ['law', 'illegal', 'inappropriate', 'staff conduct', 'offences'],
    synonyms: [
      'offence',
      'is it a crime',
      'against the law',
      'is it illegal',
      'criminal offence',
      'legislation',
      'revenge porn law',
      'paedophile manual',
      'Sexual Offences Act',
      'gross misconduct',
      'what counts as inappropriate',
    ],
    incidentTypes: ['child-abuse-images', 'hard-porn', 'hate-material', 'grooming', 'other'],
    sources: [kent('2 Q2', 'What is classed as inappropriate?')],
    related: ['child-abuse-images', 'colleague-online-behaviour', 'safe-working-practice'],
  }),

  article({
    id: 'safer-online-activity',
    title: 'How do I ensure safer online activity when working directly with children and young people?',
    summary:
      'Plan and check every site, video and search before you use it with a child; expect no filtering in family homes. If something unsuitable appears, turn off the screen, reassure the child, and log and report the address without printing or saving it.',
    body: [
      p(
        'Most use is safe and useful, but even an innocent search can bring up adult content, and in a family home there may be no filtering at all. Sites change, so something safe today may not be tomorrow.',
      ),
      ul(
        'Check sites, apps and videos before you use them, including adverts and links around a video; know how to flag and report.',
        'Young children: send them to one chosen site or a short list of approved ones, not a search engine.',
        'Older children and vulnerable adults: choose a child-safe search engine or turn on safe search, and test your search words first. This reduces the risk, it does not remove it, especially for images and video.',
        'Use age-appropriate sites when a child publishes work or talks to others online.',
      ),
      warn(
        'If unsuitable material appears: **turn off the screen**, reassure the child, then record and report the web address under your policy (for example to a senior manager). Do not print, screenshot, forward or save it; illegal content must never be copied.',
      ),
    ],
    tags: ['direct work', 'home visit', 'search', 'video', 'filtering'],
    synonyms: [
      'safe search',
      'YouTube with a child',
      'using the internet in sessions',
      'inappropriate popup',
      'accidental exposure',
      'unsuitable content appeared',
    ],
    incidentTypes: ['soft-porn', 'other'],
    sources: [kent('2 Q3', 'Safer online activity in direct work')],
    related: ['pornography', 'child-abuse-images', 'filtering-and-bypassing'],
  }),

  article({
    id: 'family-resources',
    title:
      'I’m working with a family who want help to keep their children safe online, what resources are available to help them?',
    summary:
      'Reassure parents that parenting and talking matter more than technical skill. Share Thinkuknow, Internet Matters, Childnet, NSPCC, Get Safe Online, Parent Zone or Parents Protect, and ask your online safety lead about specific concerns.',
    body: [
      p(
        'Most children go online at home, so parents and carers are central. Many feel they lack the IT skills and so do nothing; tell them that keeping children safe is about parenting and conversation, not technology.',
      ),
      p(
        'Controls, filters, antivirus, a family computer "downstairs" or banning sites help, but children can get online elsewhere. Talking and teaching safe use is what works.',
      ),
      p('**To share with families**'),
      ul(
        '[Thinkuknow](e:thinkuknow) (CEOP)',
        '[Internet Matters](e:internet-matters)',
        '[UK Safer Internet Centre](e:uk-safer-internet-centre)',
        '[Childnet](e:childnet)',
        '[NSPCC online safety](e:nspcc-online-safety)',
        '[Get Safe Online](e:get-safe-online)',
        '[Parent Zone](e:parent-zone)',
        '[Parents Protect](e:parents-protect)',
      ),
      p(
        'For a particular worry, ask your agency lead for online safety or safeguarding, who may know a specific resource. Social workers: see also [working with parents](a:children-known-to-cssw).',
      ),
    ],
    tags: ['parents', 'carers', 'resources', 'families'],
    synonyms: [
      'parental controls',
      'help for parents',
      'advice for carers',
      'websites for parents',
      'family online safety',
      'filters at home',
    ],
    incidentTypes: ['other'],
    sources: [kent('2 Q4', 'Resources for families')],
    related: ['children-known-to-cssw', 'key-safety-messages'],
  }),

  article({
    id: 'underage-social-media',
    title:
      'I’m aware a child or young person is using a popular social media site, but they aren’t the correct age – is this illegal?',
    summary:
      'No. Lying about age breaks the site’s terms, not the law. Focus on how the child behaves and what they share, not only on the age limit; raise real concerns with parents and refer if they will not protect the child.',
    body: [
      p(
        'Most big platforms (Facebook, YouTube, Twitter, Instagram, TikTok) set 13 as the minimum age, some higher (WhatsApp 16). The limit comes from a US law (COPPA, 1998) on collecting personal data from under-13s. Check each service’s terms.',
      ),
      p(
        'Entering a false birth date is easy and is not a crime, only a breach of the platform’s terms. Banning or reporting underage use can push problems such as bullying or abuse out of sight, which is more dangerous. Do not encourage underage use, but help the child and family make informed choices.',
      ),
      p(
        'Research for Ofcom found a false age is only one of many triggers. Children are more vulnerable when several of these come together:',
      ),
      ul(
        'existing vulnerabilities: SEND, mental health needs, isolation',
        'offline problems: bullying, peer pressure, low self-esteem, poor body image',
        'platform designs that build big networks of strangers or push unsought content',
        'targeted or peer-made content that seems to solve a problem or insecurity',
      ),
      p(
        'Harm ranges from brief upset to changed behaviour to severe, lasting harm such as withdrawal or self-harm. Teach safe behaviour that works on any platform.',
      ),
      ol(
        'If the child may be at risk of significant harm (for example sharing personal details or sexual or offensive posts), consider what help the child and family need.',
        'Share your concern with the parents and agree what they will do.',
        'If parents fail or refuse to protect the child, follow local procedures and talk to your safeguarding lead about a referral, especially for younger children or after a serious incident.',
      ),
    ],
    tags: ['social media', 'age limits', 'underage', 'parents'],
    synonyms: [
      'under 13',
      'age restriction',
      'too young for instagram',
      'tiktok age',
      'snapchat',
      'whatsapp age',
      'fake account',
      'COPPA',
      'lied about age',
    ],
    incidentTypes: ['other'],
    sources: [kent('2 Q5', 'Underage use of social media')],
    related: ['send-vulnerability', 'age-rated-games'],
  }),

  article({
    id: 'age-rated-games',
    title: 'I’m aware that a child or young person is playing 18 rated video games, should I tell the police?',
    summary:
      'No. It is not illegal for a child to play an 18 game, only for a shop to sell it to them. Look at the effect on the child, help parents use PEGI ratings, and watch for online chat in games. Refer if there is significant harm and parents will not act.',
    body: [
      p(
        '**PEGI** ratings give an age (3 to 18, about suitability, not difficulty) and content labels such as violence or sexual content. Help parents use them ([PEGI](e:pegi)).',
      ),
      p(
        'Research on the effects of games is mixed; it may depend on the child, for example one already prone to aggression, and on family, age and ability. Talking about how a game affects behaviour helps more than the age label alone.',
      ),
      p(
        'A harmless game can still carry serious risks: many games let players chat with strangers, and an interest in a game can lead to streaming and chat platforms. See [grooming](a:grooming-and-contact).',
      ),
      ol(
        'Consider what you see in the child (violent, aggressive or sexual behaviour, extreme or hateful views).',
        'Unless that would put the child at risk, talk to the parents first and see if they will act.',
        'If they fail or refuse, follow local child protection procedures and talk to your safeguarding lead about a referral.',
      ),
      p(
        'For families: [PEGI](e:pegi), [Childnet](e:childnet) (gaming advice), [UK Safer Internet Centre](e:uk-safer-internet-centre), [Internet Matters](e:internet-matters).',
      ),
    ],
    tags: ['gaming', 'video games', 'age rating', 'PEGI'],
    synonyms: [
      '18 games',
      '18 rated games',
      'age 18 game',
      'Call of Duty',
      'GTA',
      'Fortnite',
      'violent games',
      'online gaming',
      'game chat',
      'Xbox',
      'PlayStation',
    ],
    incidentTypes: ['other'],
    sources: [kent('2 Q6', '18-rated video games')],
    related: ['harmful-screen-time', 'underage-social-media', 'grooming-and-contact'],
  }),

  article({
    id: 'tech-domestic-abuse',
    title:
      'I’m concerned someone may be at risk of domestic abuse through technology use – is there support available?',
    summary:
      'Yes. Follow your safeguarding procedures, and point to specialist help: National Domestic Abuse Helpline, Women’s Aid, Refuge, SafeLives, the Bright Sky app, the National Stalking Helpline or the Revenge Porn Helpline (adults).',
    body: [
      p(
        'Since the Domestic Abuse Act 2021, the legal meaning of domestic abuse covers emotional, coercive or controlling, and economic abuse as well as violence, and much of it can happen through technology.',
      ),
      p('**Signs of technology-facilitated abuse**'),
      ul(
        'a partner reading emails, texts or social media',
        'controlling or withholding access to online banking',
        'sharing, or threatening to share, intimate images',
        'tracking apps or software that follow someone’s location or online activity',
        'threats made through social media',
      ),
      p(
        'Cyberstalking is covered by the Protection from Harassment Act 1997; sharing or threatening to share intimate images is an offence.',
      ),
      p('**Support**'),
      ul(
        'Online safety advice: [Women’s Aid](e:womens-aid), [Refuge: technology abuse](e:refuge-tech-abuse), [SafeLives](e:safelives), [Kent Police](e:kent-police-internet-safety).',
        'Help: [National Domestic Abuse Helpline](e:national-domestic-abuse-helpline), [Domestic abuse services in Kent and Medway](e:kent-domestic-abuse-services), [National Stalking Helpline](e:national-stalking-helpline), [Bright Sky app](e:bright-sky), [GOV.UK](e:gov-uk-domestic-abuse).',
        'Intimate images shared without consent (adults): [Revenge Porn Helpline](e:revenge-porn-helpline).',
      ),
    ],
    tags: ['domestic abuse', 'coercive control', 'stalking', 'tracking'],
    synonyms: [
      'ex partner',
      'ex sharing pictures',
      'intimate images',
      'domestic violence',
      'DV',
      'coercive control',
      'spyware',
      'stalkerware',
      'location tracking',
      'cyberstalking',
      'controlling partner',
      'revenge porn',
      'intimate image abuse',
    ],
    incidentTypes: ['other'],
    sources: [kent('2 Q8', 'Domestic abuse through technology'), kent('2 Q2', 'Revenge porn offence')],
    related: ['illegal-or-inappropriate', 'online-bullying'],
  }),

  article({
    id: 'misinformation',
    title:
      'Someone I’m supporting is sharing or accessing misinformation or disinformation online – how should I respond?',
    summary:
      'Talk with them about the specific story or post and build their digital literacy, with the tips from Internet Matters, NSPCC, BBC Bitesize or the Literacy Trust; if it comes with extremist views, see the extremism card.',
    body: [
      p(
        'Fake news, misinformation and disinformation are everywhere. Research found it can raise children’s anxiety, damage self-esteem and skew how they see the world.',
      ),
      added(
        ul(
          'Talk about the specific story or post without mocking the person.',
          'Practise checking: who made it, why, is it reported elsewhere by reliable sources?',
          'Help them build a habit of questioning what they see (digital literacy).',
          'If they share extremist or hateful material, see [violent extremism](a:violent-extremism) and [hate material](a:hate-material).',
        ),
      ),
      p(
        'Tips for families and practitioners: [Internet Matters](e:internet-matters), [NSPCC](e:nspcc-online-safety), [BBC Bitesize](e:bbc-bitesize), [The Literacy Trust](e:literacy-trust). Resources for practitioners: [Educate Against Hate](e:educate-against-hate), [Newswise](e:newswise), [conspiracy theories in the classroom](e:citizenship-foundation), [Be Internet Citizens](e:be-internet-citizens), [Shout Out UK](e:shout-out-uk).',
      ),
    ],
    tags: ['fake news', 'misinformation', 'disinformation', 'digital literacy'],
    synonyms: [
      'fake news',
      'conspiracy theory',
      'conspiracy theories',
      'propaganda',
      'false information',
      'lies online',
    ],
    incidentTypes: ['other'],
    sources: [kent('2 Q10', 'Misinformation and disinformation')],
    related: ['hoax-challenges', 'violent-extremism'],
  }),

  article({
    id: 'hoax-challenges',
    title:
      'I have heard about a harmful or distressing challenge/content circulating online. I’m not sure if it’s true or not but how should I respond?',
    summary:
      'Do not spread warnings or show the content. Tell your safeguarding lead, who checks the facts with a trusted source (KSCMP/MSCP or the Professional Online Safety Helpline) and decides on a response. Support any child actually at risk directly.',
    body: [
      p(
        'Viral challenges (people film themselves doing a dare and pass it on) and hoaxes (deliberate lies made to look true) spread fast on social media.',
      ),
      ol(
        'Tell your designated safeguarding lead; they decide, case by case, whether any response is needed. Quick local action can stop a local hoax spreading.',
        'The lead checks the facts with a reliable source such as [KSCMP](e:kscmp) / [MSCP](e:mscp) or the [Professional Online Safety Helpline](e:professional-online-safety-helpline).',
        'Only share information that is factual and useful.',
      ),
      warn(
        '**Do not name the challenge, warn about specific apps or games, or show scary content.** Publicity often feeds the scare: in some hoaxes most of the harmful content was made by people reacting to the news, and many children had never seen it.',
      ),
      p(
        'If you are sure a child knows about or is taking part in a real, risky challenge, address it directly with them and their family, and offer focused support to those at risk.',
      ),
    ],
    tags: ['challenge', 'hoax', 'viral', 'trend'],
    synonyms: [
      'hoax challenge',
      'viral challenge',
      'online challenge',
      'Momo',
      'Blue Whale',
      'scary trend',
      'dare',
      'TikTok challenge',
      'should we warn parents',
    ],
    incidentTypes: ['other'],
    sources: [kent('2 Q11', 'Harmful online challenges and hoaxes')],
    related: ['misinformation', 'self-harm-suicide-content'],
  }),

  article({
    id: 'harmful-screen-time',
    title: 'How can I recognise if the time someone is spending online is harmful to them?',
    summary:
      'Look at the effect, not the hours: are relationships, friends, mood, sleep or schoolwork suffering, are they secretive, or voicing views at odds with British values? If so, seek advice and talk with the family about a healthier balance.',
    body: [
      p('Being online is part of daily life and harm differs from person to person. Signs that use may be harmful:'),
      ul(
        'relationships have suffered because of time online',
        'they see friends or go out less',
        'they seem moody, upset or withdrawn',
        'they are secretive about what they do online',
        'they say things that clash with British values',
      ),
      p(
        'If any of these worry you, seek advice from your safeguarding lead. Obsessive use can harm health, development and education.',
      ),
      p(
        'Help on screen time and balance: [Internet Matters](e:internet-matters), [Childnet](e:childnet), [GamCare](e:gamcare), [Big Deal?](e:big-deal), [National Centre for Gaming Disorders](e:national-centre-gaming-disorders), and the Royal College of Paediatrics and Child Health guide on screen time.',
      ),
    ],
    tags: ['screen time', 'addiction', 'wellbeing', 'gaming'],
    synonyms: [
      'gaming all night',
      'up all night',
      'no sleep',
      'late night gaming',
      'screen time',
      'too much time online',
      'internet addiction',
      'gaming addiction',
      'phone addiction',
      'always on phone',
      'withdrawn',
      'secretive',
    ],
    incidentTypes: ['gambling', 'other'],
    sources: [kent('2 Q12', 'Harmful time online'), camden('2', 'Risks: obsessive use')],
    related: ['age-rated-games', 'online-gambling', 'self-harm-suicide-content'],
  }),

  article({
    id: 'cybercrime',
    title: 'I think someone is at risk of cybercrime – how can I support them?',
    summary:
      'Report fraud or a cyber incident to Action Fraud on 0300 123 2040 as soon as it happens; for a live, ongoing cyber attack call the police on 101. A young person drifting into hacking can be referred to Cyber Choices.',
    body: [
      p(
        'Cybercrime is crime using computers or the internet. **Cyber-enabled** crime (fraud, scams) could happen offline but the internet makes it bigger and faster. **Cyber-dependent** crime needs a computer:',
      ),
      ul(
        'hacking: unauthorised access to a computer or network, for example a school system to change grades, or a work network to delete files',
        'denial of service (DoS, DDoS, "booting"): flooding a site or network with traffic to knock it offline',
        'making, supplying or getting malware: viruses, spyware, ransomware, botnets, remote access trojans',
      ),
      ol(
        'Report an incident to [Action Fraud](e:action-fraud) on **0300 123 2040** straight away; they advise and support.',
        'For a live, ongoing cyber attack, call the police on [101](e:police-non-emergency).',
        'Help them protect accounts: strong, different passwords and locked devices (see [protect personal devices](a:protect-personal-devices)).',
        'A child with strong computer skills who may be drifting into cyber-dependent crime: consider a referral to [Cyber Choices](e:cyber-choices), the NCA programme that redirects their skills.',
      ),
      p(
        'More advice: [Kent Police](e:kent-police-internet-safety), [NCSC](e:ncsc), [National Cyber Resilience Centre Group](e:ncrcg), [Get Safe Online](e:get-safe-online).',
      ),
    ],
    tags: ['cybercrime', 'hacking', 'fraud', 'scam', 'malware', 'virus'],
    synonyms: [
      'computer misuse',
      'computer virus',
      'laptop virus',
      'malware on laptop',
      'hacking',
      'hacked',
      'hacker',
      'scam',
      'scammed',
      'phishing',
      'phishing email',
      'scam text',
      'fraud',
      'virus',
      'ransomware',
      'DDoS',
      'booter',
      'account taken over',
      'identity theft',
    ],
    incidentTypes: ['hacking-virus', 'bypassing-security', 'gambling'],
    sources: [kent('2 Q13', 'Cybercrime'), camden('2', 'Risks: commerce, fraud and identity theft')],
    related: ['filtering-and-bypassing', 'protect-personal-devices', 'online-gambling'],
  }),

  article({
    id: 'disclosure-of-online-abuse',
    title: 'What should I do if a child or young person discloses online abuse or exploitation?',
    summary:
      'Take it as seriously as offline abuse. Listen, reassure, do not promise secrecy or blame; use open prompts only. Record their own words, never ask for or save images, and tell your safeguarding lead at once.',
    body: [
      p(
        'Children often hold back because they fear adults will brush it off ("I don’t understand technology") or punish them by taking devices away. Taking devices away rarely solves it and can drive the problem underground.',
      ),
      ol(
        'Listen and reassure them they were right to tell you. Online abuse is as serious as offline abuse.',
        'Do not promise to keep it secret; explain what you will do with what they told you, and why.',
        'If you must clarify, use open prompts: "tell me…", "explain what…", "describe how…". Never ask "why did you…?": it sounds like blame.',
        '**Never ask the child to show, print, save or forward images** that may be indecent.',
        'Record what they said as soon as you can, in their own words; note sites, apps and usernames.',
        'Tell your designated safeguarding lead at once; do not handle it alone.',
        'Keep the child involved, to suit their age, in what happens next (such as reports to the platform or [CEOP](e:ceop)).',
      ),
      warn(
        'Avoid victim blaming: the abuser is always responsible, whatever the content or circumstances. Children cannot be expected to foresee or prevent abuse (see UKCIS guidance on victim-blaming language, [UKCIS](e:ukcis)).',
      ),
      p(
        'Social workers: follow the Section 47 enquiry procedure to decide what is needed to safeguard the child. See [referral criteria](a:referral-criteria).',
      ),
    ],
    tags: ['disclosure', 'abuse', 'exploitation', 'victim blaming', 'recording'],
    synonyms: [
      'child told me',
      'disclosure',
      'discloses',
      'victim blaming',
      'section 47',
      'own words',
      'what to say',
      'confidentiality',
    ],
    incidentTypes: ['grooming', 'child-abuse-images', 'bullying', 'other'],
    sources: [kent('2 Q15', 'Disclosure of online abuse or exploitation')],
    related: ['referral-criteria', 'reporting-incidents', 'support-services'],
  }),

  article({
    id: 'support-services',
    title:
      'I’m working with a child, young person, or family who have experienced a specific concern online – what support is available for them?',
    summary:
      'CEOP (report online sexual abuse), IWF (illegal images), Childline 0800 1111, Stop it Now!, the Marie Collins Foundation, Action Fraud, Report Harmful Content and, for adults, the Revenge Porn Helpline.',
    body: [
      ul(
        '[CEOP](e:ceop): use the Report Abuse button when a child is sexually abused or approached suspiciously online; answered 24/7. Education: [Thinkuknow](e:thinkuknow).',
        '[Internet Watch Foundation](e:iwf): UK hotline for illegal content (child abuse images, criminally obscene or hate-inciting material).',
        '[Childline](e:childline): children can call **0800 1111** in private; advice online on sexting, grooming, bullying and more.',
        '[Stop it Now!](e:stop-it-now): child sexual abuse prevention with a free, confidential helpline.',
        '[Marie Collins Foundation](e:marie-collins-foundation): helps children abused through the internet and phones to recover.',
        '[Action Fraud](e:action-fraud): fraud and financially motivated internet crime; also [Kent Trading Standards](e:kent-trading-standards).',
        '[Report Harmful Content](e:report-harmful-content): how to report on each platform; reviews reports that got nowhere.',
        '[Revenge Porn Helpline](e:revenge-porn-helpline): adults (18+) facing intimate image abuse.',
      ),
      p('Staff can get help from the [Professional Online Safety Helpline](e:professional-online-safety-helpline).'),
    ],
    tags: ['support', 'helplines', 'reporting', 'services'],
    synonyms: ['who can help', 'helpline', 'phone number', 'where to report', 'support for family', 'agencies'],
    incidentTypes: ['other'],
    sources: [kent('2 Q16', 'Support after a specific concern')],
    related: ['disclosure-of-online-abuse', 'family-resources'],
  }),

  article({
    id: 'learn-more',
    title: 'How can I find out more about online safety?',
    summary:
      'Ask your designated safeguarding lead about training in your agency, and use KSCMP/MSCP multi-agency training and advice; education settings can ask the Education Safeguarding Service.',
    body: [
      ul(
        'Your designated safeguarding lead knows what training your agency offers.',
        '[KSCMP](e:kscmp) and [MSCP](e:mscp) run multi-agency training and publish advice.',
        'Schools and early years settings: the [Education Safeguarding Service](e:education-safeguarding-service).',
        'National advice: [UK Safer Internet Centre](e:uk-safer-internet-centre), [Childnet](e:childnet), [UKCIS](e:ukcis).',
      ),
      p('Training helps you work with confidence with children, young people and parents.'),
    ],
    tags: ['training', 'learning', 'CPD'],
    synonyms: ['course', 'training', 'CPD', 'learn about online safety'],
    incidentTypes: [],
    sources: [kent('2 Q17', 'Finding out more'), kent('5', 'Useful links and resources')],
    related: ['discuss-professional-social-media'],
  }),

  article({
    id: 'organisation-practice-concerns',
    title: 'What should I do if I am concerned about current online safety practices in my organisation?',
    summary:
      'Report evidence of misconduct to your designated safeguarding lead or use your whistleblowing policy. An allegation against someone working with children goes to the LADO through a senior manager.',
    body: [
      ol(
        'Raise it with your designated safeguarding lead, or follow your whistleblowing policy.',
        'If it is an allegation against a member of the children’s workforce, headteachers and managers seek advice from the [LADO](e:lado); KSCMP/MSCP explain the process.',
        'HR, social services or the police can also help where appropriate.',
      ),
      p('See also [concerns about a colleague](a:colleague-online-behaviour).'),
    ],
    tags: ['whistleblowing', 'organisation', 'misconduct', 'LADO'],
    synonyms: ['whistleblow', 'poor practice', 'unsafe practice at work', 'raise a concern'],
    incidentTypes: [],
    sources: [kent('2 Q18', 'Concerns about online safety practice')],
    related: ['colleague-online-behaviour'],
  }),
];
