// Guidance cards drawn from the Camden online safety and safeguarding guidance: risks, safety
// messages, specific risks (5.1 to 5.6), referral (6) and safe working practice (7). Own words.
import type { Article } from '../../domain/guidance.ts';
import { added, article, camden, kent, ol, p, table, ul, warn } from './build.ts';

export const CAMDEN_ARTICLES: Article[] = [
  article({
    id: 'online-risks-four-cs',
    title: 'What risks should I be aware of online?',
    summary:
      'Think in four Cs: content a child sees, contact with others, their own conduct, and commerce (money). Ask about each one, then record, report and refer as you would any concern.',
    body: [
      p(
        'Children and adults meet risk online in four ways. Use them as a checklist when you talk to a child or a family, and remember that harm can come from peers and relatives as well as strangers.',
      ),
      ul(
        '**Content**: seeing illegal, harmful or upsetting material (pornography, violence, hate, self-harm, extremism).',
        '**Contact**: being approached by others, such as an adult posing as a child to gain trust (grooming), bullying or harassment.',
        '**Conduct**: what the child does themselves, such as sharing personal details or nude images, bullying others or breaking copyright.',
        '**Commerce**: money harm, such as scams, fraud, gambling or giving away a parent’s card details.',
      ),
      p(
        'Camden’s guidance names the fourth C "culture": children using the internet irresponsibly, for example breaking copyright, posting personal photos to a global audience, bullying, or sexting images that can never be taken back.',
      ),
      table(
        'The four Cs by type of risk (adapted by Kent and Medway from EU Kids Online 2018)',
        ['Risk', 'Commercial', 'Aggressive', 'Sexual', 'Values'],
        [
          [
            '**Content** (child or adult receives it)',
            'Adverts, spam, sponsorship, copyright, hacking, fraud and scams',
            'Violent or hateful content',
            'Pornography; unwanted sexual comments; being sent nude or semi-nude images by peers; revenge porn',
            'Bias; racist or extremist content; misleading advice; body image and self-esteem; distressing content; neglect',
          ],
          [
            '**Contact** (child or adult takes part)',
            'Tracking, harvesting of data, sharing personal information',
            'Being bullied, harassed or stalked',
            'Online dating scams; sexual bullying; grooming; online sexual exploitation; taking nude or semi-nude images',
            'Self-harm, pro-eating disorder and suicide content; grooming for extremism and radicalisation',
          ],
          [
            '**Conduct** (child or adult acts)',
            'Illegal downloading, hacking, gambling, privacy, copyright',
            'Bullying, harassing or stalking others',
            'Creating or sharing sexual content, including nudes of self or others; unhealthy sexual relationships; harmful sexual behaviour towards other children',
            'Giving misleading advice; urging others to take risks; spreading extremist views; problematic use or addiction; plagiarism',
          ],
        ],
      ),
      p(
        'Heavy, obsessive use can also hurt health, relationships and schoolwork, and repeated viewing of violence, pornography or self-harm can leave a child numbed to it. See [harmful time online](a:harmful-screen-time).',
      ),
      p(
        'Online safety comes up often in case reviews. Your job is to recognise, respond, record and refer, exactly as offline. Next: [key safety messages](a:key-safety-messages) and [referral criteria](a:referral-criteria).',
      ),
    ],
    tags: ['risks', 'four Cs', 'content', 'contact', 'conduct', 'commerce'],
    synonyms: ['4 Cs', 'types of online risk', 'online harms', 'EU Kids Online', 'culture', 'dangers online'],
    incidentTypes: ['other'],
    sources: [
      camden('2', 'Benefits and risks: content, contact, commerce, culture'),
      kent('2 Q1', 'What risks should I be aware of online?'),
    ],
    related: ['key-safety-messages', 'referral-criteria', 'illegal-or-inappropriate'],
  }),

  article({
    id: 'key-safety-messages',
    title: 'Key online safety messages for children',
    summary:
      'Tell the child what can go wrong, how to protect themselves, what to do and who to tell if something worries them, and that they will not be blamed for reporting.',
    body: [
      p('Check that every child you work with has heard these messages, in words that fit their age:'),
      ul(
        'The internet brings real benefits and real risks.',
        'What they do online can put them, and other people, at risk.',
        'There are simple ways to stay safe (see [safe use of email, social media, chat and webcams](a:safe-use-of-ict)).',
        'What to do if something they see or receive worries them, and who they can tell or report to.',
        '**They will not be blamed** for telling someone about an online incident.',
        'Bullying online is never acceptable.',
        'Basic netiquette: behave online as you would face to face.',
      ),
      p(
        'Some children are more at risk than others: often those with strong computer skills but weaker social skills, and children with SEND (see [children with SEND](a:send-vulnerability)).',
      ),
      p('For help, children can call [Childline](e:childline); families can use [Thinkuknow](e:thinkuknow).'),
    ],
    tags: ['prevention', 'safety messages', 'children', 'netiquette'],
    synonyms: ['top tips', 'stay safe online', 'advice for children', 'what to tell a child'],
    incidentTypes: ['other'],
    sources: [camden('4.1', 'Key online safety messages'), camden('4', 'Preventative work')],
    related: ['safe-use-of-ict', 'send-vulnerability', 'family-resources'],
  }),

  article({
    id: 'safe-use-of-ict',
    title: 'Safe use of email, social media, chat, gaming and webcams',
    summary:
      'Supervise and filter to suit the child’s age. Teach them to keep personal details private, block and report, never meet online-only contacts, and tell a carer about anything hurtful or pressuring.',
    body: [
      p(
        'Supervision should match the child’s age and understanding, and search engines should be filtered to block unsuitable sites.',
      ),
      table(
        'What to teach children, by type of service',
        ['Service', 'Teach the child to'],
        [
          [
            'Email',
            'Keep messages polite; share no contact details of their own or others; tell a parent or carer at once about upsetting mail; never use email to bully; be careful with attachments from unknown senders.',
          ],
          [
            'Social networks, forums',
            'Give away nothing that could locate them or others (home address, school, clubs); be wary of location "check-ins"; think before posting photos of themselves or others; use privacy settings and block lists; stay polite; do not answer hurtful messages but tell a carer.',
          ],
          [
            'Chat rooms and online games',
            'Keep personal details private; use only moderated, age-appropriate chat that needs registration; **never arrange to meet** someone known only online; stay polite; tell a carer about hurtful messages; know that bullying in chat can have serious consequences.',
          ],
          [
            'Webcams',
            'Use them only with people they know well; stop if anything feels uncomfortable or embarrassing; tell a carer if anyone pressures them to do something.',
          ],
        ],
      ),
      p('Camden’s "top safety tips" poster for children is available from CSSW.'),
    ],
    tags: ['prevention', 'email', 'social media', 'chat', 'gaming', 'webcam', 'privacy'],
    synonyms: ['skype', 'video chat', 'check in', 'location sharing', 'buddy list', 'block', 'ICT'],
    incidentTypes: ['other'],
    sources: [camden('4.2', 'Safe use of ICT')],
    related: ['key-safety-messages', 'grooming-and-contact'],
  }),

  article({
    id: 'send-vulnerability',
    title: 'Children with special educational needs and disabilities (SEND) online',
    summary:
      'Children with SEND may be more at risk online. Agree closer supervision and extra guidance with parents or carers, and point them to specialist resources.',
    body: [
      p(
        'A child with SEND may find it harder to judge who is trustworthy online or to see where a risk lies. They may need more guidance and closer supervision than their peers.',
      ),
      ul(
        'Talk with parents or carers about the supervision the child needs.',
        'Help the family find specialist advice: [Internet Matters Inclusive Digital Safety](e:internet-matters) and [NSPCC advice for families of children with SEND](e:nspcc-online-safety).',
        'Pre-existing vulnerabilities such as SEND, mental health needs or isolation make online harm more likely (see [underage social media](a:underage-social-media)).',
      ),
    ],
    tags: ['SEND', 'disability', 'vulnerable children'],
    synonyms: ['special needs', 'learning disability', 'autism', 'SEN'],
    incidentTypes: ['other'],
    sources: [camden('4.3', 'Children with SEND'), kent('2 Q5', 'Risk factors for online harm')],
    related: ['key-safety-messages', 'family-resources'],
  }),

  article({
    id: 'online-bullying',
    title: 'Someone has told me that they are being bullied or harassed online. What advice can I give them?',
    summary:
      'Reassure them they were right to tell. Advise: do not reply or retaliate, keep evidence (screenshots, dates, names), block and report. Call 999 if anyone is in danger, 101 if a crime may have happened; seek advice on referral if the bullying is severe.',
    body: [
      p(
        'Online bullying is using technology to hurt or upset someone on purpose. It follows the child home and never stops, reaches a big audience, is hard to remove, and may feel anonymous to the bully. Sharing or liking a hurtful post can turn a bystander into a bully, and some young people post abuse about themselves (digital self-harm).',
      ),
      p('It can look like:'),
      ul(
        'rude, abusive or threatening messages, emails or texts',
        'insulting or defamatory posts on social media or blogs',
        'a website or account set up to target someone',
        'filming someone being hurt or humiliated and sharing it ("happy slapping")',
      ),
      p('**What to advise**'),
      ol(
        'Tell them they did the right thing by telling you.',
        'Do not reply or retaliate. In a chat room, leave it and tell a carer.',
        'Keep evidence: screenshots and messages with times, dates, names and places.',
        'Block the person and report them to the site, game or app (moderators can remove posts and ban users). If the site does nothing, use [Report Harmful Content](e:report-harmful-content).',
        'Keep passwords secret; give numbers and emails only to trusted people; let only close friends see their profile.',
        'Tell a trusted adult. Parents can ask for help: phone companies can trace calls and block a number, email providers can trace and block a sender, sites can remove posts and ban the bully; a new number or email address can help.',
      ),
      p(
        'Bullying is not itself a crime, but threats and harassment can be (for example under the Protection from Harassment Act 1997, Malicious Communications Act 1988, Communications Act 2003 and Public Order Act 1986). Crime: police on [101](e:police-non-emergency). Injury, danger or a threat to life: [999](e:police-emergency).',
      ),
      p(
        'If the bullies go to the same school, involve the school: heads can act on pupils’ behaviour off the premises (Education and Inspections Act 2006, s.89). Most cases are handled through the setting’s anti-bullying policy with parents.',
      ),
      warn(
        '**Seek advice on a referral** (Camden’s online safety officer or a MASH social worker) when the bullying causes significant harm: for example it is extreme (such as threats to someone’s life), involves sexual bullying or harassment, goes on over time, involves several bullies or a gang, or badly affects the child. Extreme bullying meets the [referral criteria](a:referral-criteria); then refer **both** the victim and the bully, as both have needs.',
      ),
    ],
    tags: ['bullying', 'harassment', 'cyberbullying', 'evidence', 'block', 'report'],
    synonyms: [
      'harassment',
      'malicious communications',
      'cyberbullying',
      'cyber bullying',
      'trolling',
      'harassed',
      'threats',
      'nasty messages',
      'happy slapping',
      'digital self-harm',
      'abusive messages',
      'picked on',
    ],
    incidentTypes: ['bullying', 'hate-material'],
    sources: [
      camden('5.1', 'Online bullying'),
      camden('6.2', 'Referral: extreme online bullying'),
      kent('2 Q14', 'Someone is being bullied or harassed online'),
    ],
    related: ['referral-criteria', 'hate-material', 'comments-about-me'],
  }),

  article({
    id: 'grooming-and-contact',
    title: 'A child is in contact with an adult they met online, or is being groomed',
    summary:
      'If the child is about to meet the person, call 999 now. Otherwise help end the contact, keep evidence, report to CEOP, and seek advice on a referral. Do not copy any images.',
    body: [
      warn(
        'A child on the way to meet an adult known only from the internet: **call the police on 999 now** ([999](e:police-emergency)).',
      ),
      p(
        'Adults can hide behind a false identity and pose as children to win a child’s trust, aiming to abuse them (grooming). Abuse can also happen without meeting: a child can be pressured into sexual acts on a webcam or video call while the abuser watches or records. Abusers may be adults or other young people.',
      ),
      p('**What to do**'),
      ol(
        'Help the child and family stop the contact: block, and change numbers, usernames or email if needed.',
        'Keep evidence of messages and profiles, but never save or forward sexual images of a child.',
        'Show the child the CEOP **Report Abuse** button and use it ([CEOP](e:ceop)); parents should report to the police.',
        'Ask the parents to watch the child’s internet use closely and report anything new.',
        'Tell your safeguarding lead and complete an [incident report](a:reporting-incidents).',
      ),
      p(
        'Ask Camden’s online safety officer or a MASH social worker about a referral if the child may be groomed for sexual abuse, has arranged or plans to meet an online contact, has helped make, or has looked at, abusive images, or has suffered non-contact sexual abuse.',
      ),
      p(
        'The law: an adult who talks to a child under 16 and then meets or travels to meet them intending a sexual offence commits grooming (Sexual Offences Act 2003, s.15). Sending sexual messages to a child under 16, or trying to get them to send some, is an offence even if the child never replies (Serious Crime Act 2015, s.67).',
      ),
    ],
    tags: ['grooming', 'contact', 'sexual abuse', 'webcam', 'CEOP', 'stranger'],
    synonyms: [
      'stranger',
      'stranger online',
      'unknown adult',
      'gaming chat',
      'in-game chat',
      'asked for pictures',
      'sexual messages from an adult',
      'sexual communication with a child',
      'older man',
      'adult talking to child',
      'talking to strangers',
      'secret online friend',
      'catfish',
      'catfishing',
      'fake identity',
      'groomed',
      'online predator',
      'paedophile',
      'stranger danger',
      'meeting someone from online',
      'friend request from adult',
      'webcam abuse',
      'live streaming abuse',
      'non-contact sexual abuse',
      'older boyfriend',
    ],
    incidentTypes: ['grooming', 'child-abuse-images'],
    sources: [
      camden('5.2', 'Inappropriate contacts and non-contact sexual abuse'),
      camden('6.2', 'Referral: grooming'),
      kent('2 Q2', 'Grooming offences'),
    ],
    related: ['online-cse', 'disclosure-of-online-abuse', 'referral-criteria'],
  }),

  article({
    id: 'online-cse',
    title: 'A child may be sexually exploited online (CSE)',
    summary:
      'Complete the CSE risk assessment, discuss with the online safety officer or MASH, and refer to children’s social care where it indicates. Send the risk assessment with the referral.',
    body: [
      p(
        'Child sexual exploitation is when a young person is made to take part in sexual activity, under pressure or in exchange for something (money, gifts, food, a place to stay). There is always an imbalance of power, such as a much older abuser, and the child may not see it as abuse.',
      ),
      p('Online, this can mean a child posting or sending sexual images of themselves for money or goods.'),
      added(
        p(
          'Threats to share a child’s images unless they pay or send more (often called sextortion) are abuse too: treat them as online sexual exploitation.',
        ),
      ),
      ol(
        'Complete the CSE risk assessment ([CSCB guidance](e:cscb-guidance)).',
        'Discuss it with Camden’s online safety officer or a MASH social worker.',
        'Refer to children’s social care through the [MASH](e:camden-mash) where the assessment indicates, with the risk assessment attached.',
        'Report online sexual abuse to [CEOP](e:ceop); for recovery support see the [Marie Collins Foundation](e:marie-collins-foundation).',
      ),
      p(
        'Consider whether sexting, harassment or bullying may be part of exploitation or gang activity (see [nude image sharing](a:nude-image-sharing)).',
      ),
    ],
    tags: ['CSE', 'exploitation', 'sexual abuse'],
    synonyms: [
      'child sexual exploitation',
      'sextortion',
      'sexual extortion',
      'blackmail',
      'images for money',
      'gifts for pictures',
      'county lines',
      'gang',
    ],
    incidentTypes: ['grooming', 'child-abuse-images'],
    sources: [camden('5.3', 'Online child sexual exploitation'), camden('6.2', 'Referral: online CSE')],
    related: ['grooming-and-contact', 'nude-image-sharing', 'referral-criteria'],
  }),

  article({
    id: 'violent-extremism',
    title: 'A child is seeing terrorist material or is in contact with violent extremists',
    summary:
      'Record it and send an incident report to the online safety officer and the Channel Panel co-ordinator. Seek their advice on a Channel (Prevent) referral; refer to children’s social care if the child is deeply drawn in or a parent backs extremist violence.',
    body: [
      p(
        'Extremist groups of many kinds (far-right, animal rights, religious extremists who back violence) use the internet to stir up violence against groups and to share information on explosives or attacks. Some young people, because of their circumstances, are drawn in and radicalised.',
      ),
      ol(
        'Warn young people about the risks of joining such groups; accessing extremist sites should be against the service’s rules.',
        'Check filtering, and review it after every incident of a young person reaching extremist sites.',
        'Log every incident so patterns of targeting show, and send an [incident report](a:reporting-incidents) to Camden’s online safety officer and the [Channel Panel co-ordinator](e:channel-panel).',
        'If a young person is talking to extremists and being drawn in, ask the Channel Panel co-ordinator for advice and consider a Channel referral.',
        'Report terrorist content found online to [Report Terrorist Content](e:report-terrorist-content).',
      ),
      warn(
        '**Refer to children’s social care** when the child is deeply caught up in the extremist narrative and a parent promotes extremist violence, or a parent’s extremism could endanger a younger child, for example by taking them to a conflict zone.',
      ),
      p(
        'Camden has a Prevent duty to steer young people away from extremism; see the [CSCB guidance on radicalisation](e:cscb-guidance) and [Educate Against Hate](e:educate-against-hate).',
      ),
    ],
    tags: ['extremism', 'radicalisation', 'terrorism', 'Prevent', 'Channel'],
    synonyms: [
      'terrorist',
      'radicalised',
      'far right',
      'jihadist',
      'ISIS',
      'bomb making',
      'extremist videos',
      'Prevent referral',
      'conflict zone',
    ],
    incidentTypes: ['terrorist-material', 'radicalisation', 'hate-material'],
    sources: [
      camden('5.4', 'Contact with violent extremists'),
      camden('6.2', 'Referral: violent extremists'),
      kent('2 Q1', 'Grooming for extremism'),
    ],
    related: ['referral-criteria', 'hate-material', 'misinformation'],
  }),

  article({
    id: 'self-harm-suicide-content',
    title:
      'Someone I’m supporting is sharing or accessing content online about self-harm, suicide or eating disorders – how should I respond?',
    summary:
      'Stay calm and talk openly, without judging or blaming. Signpost support (Childline 0800 1111 for children). Follow safeguarding procedures if the content puts them at risk, and consider a referral if you worry about their emotional wellbeing.',
    body: [
      p(
        'The internet can help people who are struggling find others like them. It can also show graphic pro-self-harm, pro-suicide or pro-eating-disorder content, on social media, video sites, forums and groups, found through keywords and hashtags.',
      ),
      p(
        'What harms one person may not harm another, and it depends on how they feel at the time. For someone already low, with poor body image or worrying thoughts, extreme content can make things worse without them noticing, and repeated viewing can make the behaviour seem normal. Most young people are not harmed, but some vulnerable ones are drawn in, with risk of serious or fatal harm.',
      ),
      ol(
        'Stay calm. Talk openly about it; do not judge or blame.',
        'Point them to support: [Childline](e:childline) (0800 1111), [Beat](e:beat) for eating problems, [Samaritans](e:samaritans), [Young Minds](e:young-minds), [Shout](e:shout), [Live Well Kent](e:live-well-kent) (17+), the [Ripple](e:ripple) browser tool.',
        'Report the content where it is posted, or through [Report Harmful Content](e:report-harmful-content).',
        'Follow your safeguarding procedures if the content puts them at risk of harm.',
      ),
      warn(
        '**Consider a referral to children’s social care** when a child is visiting sites that promote suicide, self-harm or other dangerous behaviour and you are worried about their emotional wellbeing.',
      ),
      p(
        'Services should give young people a safe space to talk about self-harm and suicide, and staff need training to spot those at risk.',
      ),
    ],
    tags: ['self-harm', 'suicide', 'eating disorders', 'mental health', 'wellbeing'],
    synonyms: [
      'self harm',
      'selfharm',
      'cutting',
      'pro-ana',
      'pro ana',
      'anorexia',
      'bulimia',
      'suicidal',
      'dangerous websites',
      'extreme behaviour sites',
      'drugs content',
    ],
    incidentTypes: ['other'],
    sources: [
      camden('5.5', 'Websites advocating extreme or dangerous behaviours'),
      camden('6.2', 'Referral: suicide and self-harm sites'),
      kent('2 Q7', 'Self-harm, suicide or eating disorder content'),
    ],
    related: ['report-harmful-content', 'harmful-screen-time', 'referral-criteria'],
  }),

  article({
    id: 'nude-image-sharing',
    title:
      'I’m aware someone under 18 has taken or received nude or semi-nude photos of another under-18 – should I just tell them to delete it?',
    summary:
      'No. Do not view, copy, save, forward or delete the image, and do not ask the child to. Tell your safeguarding lead at once; they decide whether police or children’s social care are needed. Reassure the young person without blame.',
    body: [
      warn(
        '**Never view, copy, print, share, save or store the image, or ask a child to send or show it to you. That is illegal.** Do not delete it either: the safeguarding lead decides what happens to it.',
      ),
      p(
        'Sharing nudes (also called sexting, "pics", youth-produced sexual imagery) means under-18s sending or posting nude or semi-nude images, videos or live streams, through social media, games, chat apps or forums. Making or sharing such images of anyone under 18 is illegal even when they agreed, but motives are often not sexual or criminal, so the response must be balanced. Once an image is sent, the child has lost control of where it goes.',
      ),
      p('**If it comes to your attention**'),
      ol(
        'Tell your designated safeguarding lead straight away.',
        'If you saw the image by accident (a child showed you), tell the safeguarding lead and get support for yourself.',
        'Do not question the children about the image: the safeguarding lead does that.',
        'Do not tell colleagues, the children or any parents about it.',
        'Do not blame or shame anyone. Explain that you have to pass it on and that they will be helped.',
      ),
      p(
        'The safeguarding lead weighs the context, ages and understanding. Many cases need only advice and support, but some need the police or children’s social care urgently. Only when the lead has decided no statutory agency is needed should the image be deleted, to stop it spreading. Respond in proportion: no child should be criminalised without need.',
      ),
      p(
        'Consider whether it is linked to sexual harassment by peers, harmful sexual behaviour, exploitation or gang activity ([online CSE](a:online-cse)). National guidance: [UKCIS](e:ukcis) and the [sexting guidance](e:nca-sexting-guidance).',
      ),
      warn(
        'An **adult** sharing indecent images of under-18s is child sexual abuse: report it to the police urgently (see [indecent images of children](a:child-abuse-images)).',
      ),
    ],
    tags: ['nudes', 'sexting', 'images', 'youth produced sexual imagery'],
    synonyms: [
      'upskirting',
      'cyberflashing',
      'unwanted nude',
      'sexual harassment by peers',
      'voyeurism',
      'deepfake nude',
      'fake nude image',
      'nudify app',
      'nudes',
      'semi-nudes',
      'sexting',
      'sexts',
      'nude selfie',
      'dick pic',
      'pics',
      'sending nudes',
      'explicit photo',
      'naked picture',
      'image shared at school',
      'delete the photo',
      'sextortion',
    ],
    incidentTypes: ['child-abuse-images', 'soft-porn', 'bullying'],
    sources: [
      camden('5.6', 'Sexting and sexual harassment by peers'),
      kent('2 Q9', 'Nude or semi-nude images of under-18s'),
      kent('2 Q2', 'Indecent images made by children'),
    ],
    related: ['child-abuse-images', 'online-cse', 'disclosure-of-online-abuse'],
  }),

  article({
    id: 'child-abuse-images',
    title: 'I have found, or been shown, what may be an indecent image of a child',
    summary:
      'Do not look further, print, save, copy or forward it. Turn the screen off, secure the device as it is, and tell your safeguarding lead now. Get police advice on 101, or 999 if a child is at immediate risk.',
    body: [
      warn(
        '**Never print, save, screenshot, forward or email the image, even to report it.** Viewing, making, holding or sharing indecent images of under-18s is a crime (Protection of Children Act 1978; Criminal Justice Act 1988), and viewing online can count as possession.',
      ),
      ol(
        'Turn off the screen or monitor. Reassure any child present.',
        'Secure the device or system as it is, in line with your child protection policy: do not delete anything.',
        'Tell your designated safeguarding lead immediately; note what you saw, when and where (the web address if you can, without copying the image).',
        'Get police advice urgently on [101](e:police-non-emergency), or [999](e:police-emergency) if a child is at immediate risk.',
        'Illegal images found online can be reported to the [IWF](e:iwf).',
      ),
      p(
        'If an adult in the child’s household is viewing or sharing such images, that needs a child protection response: see [an adult at home viewing child abuse images](a:parent-internet-use).',
      ),
      p(
        'Someone who passes images on "to alert a colleague" has potentially committed a criminal offence; technicians should act only on a written request under a published procedure (see [monitoring network use](a:network-monitoring)).',
      ),
    ],
    tags: ['child abuse images', 'indecent images', 'illegal content', 'evidence'],
    synonyms: [
      'making indecent images',
      'possessing indecent images',
      'CSAM',
      'child sexual abuse material',
      'IIOC',
      'indecent images of children',
      'child porn',
      'abuse images',
      'found images on phone',
      'illegal pictures',
    ],
    incidentTypes: ['child-abuse-images', 'hard-porn'],
    sources: [
      kent('2 Q2', 'Illegal: indecent images of children'),
      kent('2 Q3', 'If inappropriate material is found'),
      camden('6.5', 'Adults viewing child sex abuse images'),
      camden('Appendix 1', 'Incident types: child abuse images'),
    ],
    related: ['parent-internet-use', 'nude-image-sharing', 'reporting-incidents'],
  }),

  article({
    id: 'parent-internet-use',
    title: 'An adult in the household is viewing child abuse images or other worrying material',
    summary:
      'Evidence that an adult at home views or shares child sexual abuse images needs a child protection referral now; it is handled jointly by the police CAIT and children’s social care. Do not copy anything as evidence.',
    body: [
      p(
        'A parent’s own internet use can raise concerns, such as heavy pornography use. If anything suggests that an adult living with the child looks at or passes on child sexual abuse images, every child in that home, or who sees that adult, may be at risk.',
      ),
      ol(
        'Do not look for, copy or keep any image.',
        'Tell your safeguarding lead and make a referral to children’s social care ([MASH](e:camden-mash)); this is one of the referral criteria.',
        'The police [CAIT](e:police-cait) and children’s social care handle it together, under the London child protection procedures (section 5.23).',
        'Complete an [online safety incident report](a:reporting-incidents).',
      ),
      p(
        'Adults worried about their own or someone else’s thoughts or behaviour can call the confidential [Stop it Now!](e:stop-it-now) helpline.',
      ),
    ],
    tags: ['parents', 'household', 'child abuse images', 'child protection'],
    synonyms: ['dad looking at child images', 'partner viewing images', 'adult in home', 'parent pornography'],
    incidentTypes: ['child-abuse-images', 'hard-porn'],
    sources: [
      camden('6.5', 'Parents’ use of the internet'),
      camden('6.2', 'Referral: adult in household accessing abuse images'),
    ],
    related: ['child-abuse-images', 'referral-criteria'],
  }),

  article({
    id: 'referral-criteria',
    title: 'When should I refer an online safety concern to children’s social care?',
    summary:
      'Discuss with your online safety officer and seek advice (online safety officer or MASH). Refer through the MASH on an e-CAF when a child is groomed or exploited, extreme bullying, extremism, persistent harmful material, suicide or self-harm sites, or an adult at home with abuse images.',
    body: [
      p(
        'If a child is at risk of harm because of their internet use, talk to your service’s online safety contact officer and ask Camden’s online safety officer or a MASH social worker whether to refer. For radicalisation, the Channel Panel co-ordinator can advise too.',
      ),
      p('**Refer when there is evidence that:**'),
      ul(
        'unsuitable adults are in touch with the child, grooming them for online sexual abuse or already abusing them (for example by webcam)',
        'the child is being groomed for, or is involved in, online sexual exploitation',
        'the child is the victim **or** the perpetrator of extreme online bullying (extreme bullying or harassment of a sexual or racist nature included); refer both children',
        'violent extremists have drawn the child deep into their story, perhaps with parents who agree with them',
        'the child keeps accessing and sharing violent, pornographic or other inappropriate material',
        'the child visits sites promoting suicide, self-harm or other dangerous behaviour and you worry about their emotional wellbeing',
        'an adult in the child’s household accesses or shares child sexual abuse images',
      ),
      p('**How**'),
      ol(
        'Refer to the [MASH](e:camden-mash) using the e-CAF referral form.',
        'Complete an [online safety incident report](a:reporting-incidents) and send it to [Camden’s online safety officer](e:camden-online-safety-officer).',
        'For sexual exploitation, attach the CSE risk assessment.',
      ),
      p(
        'Where significant harm is likely, children’s social care hold a strategy discussion with the police CAIT. It looks at the electronic evidence, any adults who pose a risk, other children involved as victims or perpetrators, the needs of all children, and whether parents can protect; with more than one victim or abuser it may run under the organised and complex abuse procedures. Significant harm turns on how much harm and risk there is, whether adults who pose a risk are involved, and whether parents can and will protect.',
      ),
    ],
    tags: ['referral', 'threshold', 'MASH', 'child protection', 'significant harm'],
    synonyms: [
      'referral',
      'refer',
      'make a referral',
      'referral criteria',
      'threshold for referral',
      'social services',
      'children’s services',
      'when to refer',
      'refer to social care',
      'CSSW',
      'e-CAF',
      'threshold',
      'strategy discussion',
      'section 47',
      'next steps',
    ],
    incidentTypes: [
      'grooming',
      'bullying',
      'radicalisation',
      'terrorist-material',
      'child-abuse-images',
      'hard-porn',
      'soft-porn',
      'hate-material',
      'other',
    ],
    sources: [camden('6.2', 'Referral to CSSW'), camden('6.3', 'Action by CSSW'), camden('6.1', 'Role of CSSW')],
    related: ['reporting-incidents', 'disclosure-of-online-abuse', 'children-known-to-cssw'],
  }),

  article({
    id: 'reporting-incidents',
    title: 'How do I report an online safety incident?',
    summary:
      'Report every incident to your service’s online safety officer, and fill in the online safety incident report form for Camden’s online safety officer. Serious concerns go to the safeguarding lead, who decides on a referral to social care or the police.',
    body: [
      p('Every service has an online safety contact officer who leads on its online safety policy.'),
      ol(
        'Report **every** online safety incident to your service’s online safety officer.',
        'If the child’s safety or wellbeing may be seriously affected, the online safety officer talks to the designated safeguarding lead, who decides whether to refer to children’s social care or the police ([referral criteria](a:referral-criteria)).',
        'Complete the online safety incident report form (Camden Appendix 1) and send a copy to [Camden’s online safety officer](e:camden-online-safety-officer), so that CSSW sees emerging online risks.',
      ),
      p(
        'The form asks for: your organisation; when and where it happened; who was involved; the type of incident; what happened; whether access was deliberate or accidental and whether material was created, viewed, printed, shown, sent or distributed; the action taken for staff or for the child; and the outcome.',
      ),
      warn('Describe images in words. **Never attach, copy or save** an indecent image of a child to a report.'),
    ],
    tags: ['incident report', 'reporting', 'online safety officer', 'form'],
    synonyms: ['incident form', 'Appendix 1', 'record incident', 'log concern', 'e-safety officer', 'report form'],
    incidentTypes: ['other'],
    sources: [
      camden('3.3', 'Online safety contact officer'),
      camden('Appendix 1', 'Online safety incident report form'),
      camden('6.4', 'Children known to CSSW'),
    ],
    related: ['referral-criteria', 'disclosure-of-online-abuse'],
  }),

  article({
    id: 'children-known-to-cssw',
    title: 'I’m a social worker and a serious online incident happened at home',
    summary:
      'Complete an online safety incident report, send it to Camden’s online safety officer and share it with a child protection IRO for advice. Work with parents on supervision, filters and parental controls.',
    body: [
      ol(
        'Complete an [online safety incident report](a:reporting-incidents).',
        'Send it to [Camden’s online safety officer](e:camden-online-safety-officer) and share it with a child protection IRO for advice on what to do.',
        'Online safety issues often surface while assessing something else, for example a child with harmful sexual behaviour visiting adult sites, or a vulnerable child taking risks through social media contacts.',
      ),
      p('**Working with parents and carers**'),
      ul(
        'Agree how much supervision the child needs online, for their age and understanding.',
        'Go through practical steps: filters, parental controls, where devices are used.',
        'Make sure parents know the risks so they can keep teaching safety at home (see [resources for families](a:family-resources)).',
        'Camden’s internet safety guide for parents and the division’s online safety resource folder have material to share.',
      ),
    ],
    tags: ['social work', 'parents', 'home', 'parental controls'],
    synonyms: ['IRO', 'child protection plan', 'home visit', 'filters', 'supervision at home'],
    incidentTypes: ['other'],
    sources: [camden('6.4', 'Children known to CSSW')],
    related: ['family-resources', 'reporting-incidents'],
  }),

  article({
    id: 'safe-working-practice',
    title: 'Safe working practice: my own internet, phone and photo use',
    summary:
      'Keep work and private life apart online: work devices only for photos and contact with children and families, no private messaging with children, no comments about cases online, and encrypt personal data you take out of the office.',
    body: [
      p(
        'Keep your own online behaviour beyond misreading, to protect children and yourself from misplaced or malicious allegations:',
      ),
      ul(
        'Take photos or video of children only for an agreed work purpose, on work equipment; keep them only on work systems and erase other copies.',
        'Lock down your own social media so children and parents cannot see it, and post nothing inappropriate, illegal or damaging to your professional standing.',
        'Never discuss specific children online.',
        'Do not chat with children through your private messaging or social media accounts.',
        'Avoid using your own phone to call children or parents; do not keep their numbers on your personal phone or lend them your phone.',
        'Store children’s personal data securely, and encrypt it if it leaves the office.',
        'Keep work laptops and phones safe and secure at all times.',
      ),
      p(
        'Your contract, code of conduct and professional body (for example Social Work England) set standards that cover your internet use. Know them. See also [photos of clients](a:photos-of-clients) and [storing personal data](a:storing-personal-data).',
      ),
    ],
    tags: ['professional conduct', 'staff', 'social media', 'photos', 'data protection'],
    synonyms: [
      'code of conduct',
      'professional boundaries',
      'allegations against staff',
      'own phone',
      'personal phone',
    ],
    incidentTypes: [],
    sources: [camden('7', 'IT and safe working practice')],
    related: ['clients-as-friends', 'photos-of-clients', 'storing-personal-data'],
  }),

  article({
    id: 'hate-material',
    title: 'Racist, sexist, homophobic, transphobic, biphobic or religious hate material',
    summary:
      'Report hateful posts to the platform (or Report Harmful Content); report illegal hate content to the IWF or police (101). If it is extreme bullying of a child, seek advice on a referral, for the victim and the perpetrator.',
    body: [
      p(
        'Hate content ranges from offensive to criminal. Stirring up hatred on grounds such as race, religion or sexual orientation is an offence, as is sending threats or offensive messages meant to cause distress.',
      ),
      ol(
        'Support the person who saw or received it. Keep evidence (screenshots with dates and names); do not share the content further.',
        'Report it on the site or app; if nothing happens, use [Report Harmful Content](e:report-harmful-content).',
        'Criminal hate content can be reported to the [IWF](e:iwf) or the police on [101](e:police-non-emergency).',
        'If it is bullying aimed at a child, follow [online bullying](a:online-bullying): extreme bullying, racist or sexual bullying included, meets the [referral criteria](a:referral-criteria), for both children.',
        'If it comes with extremist views, see [violent extremism](a:violent-extremism).',
        'Complete an [incident report](a:reporting-incidents).',
      ),
      p(
        'Staff liking or sharing extremist or hateful content is a conduct matter (see [what is inappropriate](a:illegal-or-inappropriate)).',
      ),
    ],
    tags: ['hate', 'racism', 'homophobia', 'transphobia', 'religion'],
    synonyms: [
      'incitement to hatred',
      'stirring up hatred',
      'homophobic comments',
      'racist comments',
      'hateful comments',
      'hate messages',
      'racist',
      'sexist',
      'homophobic',
      'transphobic',
      'biphobic',
      'hate speech',
      'hate crime',
      'misogyny',
      'antisemitic',
      'islamophobic',
    ],
    incidentTypes: ['hate-material', 'bullying'],
    sources: [
      kent('2 Q2', 'Illegal hate, harm and harassment'),
      kent('3 Q10', 'Harmful or hateful content'),
      camden('6.2', 'Referral: extreme bullying, racist included'),
      camden('Appendix 1', 'Incident types: hate material'),
    ],
    related: ['report-harmful-content', 'online-bullying'],
  }),

  article({
    id: 'pornography',
    title: 'A child has seen or is sharing pornography',
    summary:
      'Turn off the screen, reassure the child, and log and report the address to your safeguarding lead. Talk to parents about filters. Refer if the child persistently accesses or shares it, or an adult shows it to a child.',
    body: [
      p(
        'Most online material is made for adults, and children can meet pornography even through innocent searches. Regular viewing can numb them to sex and violence.',
      ),
      ol(
        'If it appears while you are with a child: turn off the screen, reassure them, and record and report the web address to your safeguarding lead. Do not print or capture it.',
        'Talk with parents about supervision, filters and parental controls (see [resources for families](a:family-resources)).',
        'Record it on an [incident report](a:reporting-incidents), noting whether access was deliberate or accidental.',
      ),
      warn(
        '**Refer** when a child persistently accesses and shares violent or pornographic material. Showing pornography to a child under 16 for sexual gratification is a crime (Sexual Offences Act 2003, s.12): tell the safeguarding lead and the police. Any sexual image of an under-18 is an indecent image of a child: see [indecent images](a:child-abuse-images).',
      ),
      p(
        'A child with harmful sexual behaviour may be visiting adult sites; consider this in assessments. Illegal ("hard core" extreme or obscene) material can be reported to the [IWF](e:iwf).',
      ),
    ],
    tags: ['pornography', 'adult content', 'sexual content'],
    synonyms: ['porn', 'soft porn', 'hard core', 'adult websites', 'explicit videos', 'x-rated', 'obscene'],
    incidentTypes: ['soft-porn', 'hard-porn'],
    sources: [
      camden('2', 'Risks: content'),
      camden('6.2', 'Referral: pornographic materials'),
      camden('6.3', 'Children with harmful sexual behaviour'),
      kent('2 Q2', 'Causing a child to watch a sexual act'),
      kent('2 Q3', 'If inappropriate material is found'),
    ],
    related: ['child-abuse-images', 'referral-criteria', 'safer-online-activity'],
  }),

  article({
    id: 'online-gambling',
    title: 'A child is gambling online or losing money online',
    summary:
      'Children can lose real money online: gambling, in-game spending, or a parent’s card handed to a scam. Point the family to GamCare or Big Deal?, and report fraud to Action Fraud (0300 123 2040). The steps below are the service’s advice.',
    body: [
      p(
        'Children can be drawn into unregulated commercial activity online with real money consequences for them and their parents: gambling, in-game spending, and handing over a parent’s card details to a scam, which opens the door to fraud and identity theft.',
      ),
      added(
        ol(
          'Find out what the child is using, how much has been spent or lost, and whose money or card it was.',
          'Help parents protect payment details and use parental controls and spending limits.',
          'Point to support: [GamCare](e:gamcare), [Big Deal?](e:big-deal).',
          'Fraud or scams: report to [Action Fraud](e:action-fraud) on 0300 123 2040.',
          'If it is compulsive, look at the wider picture (see [harmful time online](a:harmful-screen-time)).',
        ),
      ),
    ],
    tags: ['gambling', 'money', 'commerce', 'fraud'],
    synonyms: [
      'spent money on a game',
      'in-game spending',
      'overspending',
      'bank card',
      'pounds',
      'betting',
      'loot boxes',
      'in-app purchases',
      'spending money',
      'casino',
      'credit card',
      'skins',
    ],
    incidentTypes: ['gambling'],
    sources: [
      camden('2', 'Risks: commerce'),
      kent('2 Q1', 'Conduct: gambling'),
      kent('2 Q12', 'Gambling and gaming support'),
      camden('Appendix 1', 'Incident types: online gambling'),
    ],
    related: ['cybercrime', 'harmful-screen-time'],
  }),

  article({
    id: 'filtering-and-bypassing',
    title: 'A child has got round filters or security, or accessed systems without permission',
    summary:
      'Record it, tell the online safety officer and IT, and review the filtering. Deal with it under the acceptable use agreement; if it may be hacking, see cybercrime and consider Cyber Choices.',
    body: [
      p(
        'Services that give children internet access should filter unsuitable sites, monitor use, and have acceptable use agreements that set out rights, responsibilities and sanctions.',
      ),
      ol(
        'Record what was bypassed, how and what was reached; report to the online safety officer and IT.',
        'Review the filtering and access controls, especially after extremist or pornographic material was reached.',
        'Apply the acceptable use agreement and involve parents.',
        'Make sure users log in with their own accounts: without an identifiable user, misuse cannot be traced (see [monitoring network use](a:network-monitoring)).',
        'Unauthorised access to a system is a crime: see [cybercrime](a:cybercrime) and consider [Cyber Choices](e:cyber-choices) for a young person with strong computer skills.',
      ),
      p(
        'Filters reduce but never remove risk, and a family home may have none, so teaching safe behaviour matters most.',
      ),
    ],
    tags: ['filtering', 'security', 'acceptable use', 'AUP'],
    synonyms: [
      'VPN',
      'proxy',
      'bypass filter',
      'got round the filter',
      'using someone else’s login',
      'password sharing',
    ],
    incidentTypes: ['bypassing-security', 'hacking-virus'],
    sources: [
      camden('3.2', 'Elements of online safety'),
      camden('5.4', 'Review filtering after incidents'),
      kent('4 Q4', 'Monitoring network use'),
      camden('Appendix 1', 'Incident types: bypassing security'),
    ],
    related: ['cybercrime', 'network-monitoring'],
  }),
];
