// Questions as workers ask them, each with the one article that must come FIRST. Kept apart from the
// search's tuning table (field-queries.ts): this table judges the ranking, it is not used to tune it.

/** [what a worker types, the article expected first] */
export type FirstResultQuery = readonly [string, string];

/**
 * The 15 realistic queries of issue 18: the five it names (which failed before) and ten more of the same kind,
 * written before the ranking was changed. The goal is at least 14 of 15 first.
 */
export const ISSUE_QUESTION_QUERIES: ReadonlyArray<FirstResultQuery> = [
  ['what if a colleague messages a child on facebook', 'colleague-online-behaviour'],
  ['how to make a referral', 'referral-criteria'],
  ['who do I tell about a teacher', 'colleague-online-behaviour'],
  ['gaming chat stranger', 'grooming-and-contact'],
  ['upskirting', 'nude-image-sharing'],
  ['a pupil shared a nude of another pupil', 'nude-image-sharing'],
  ['child is being bullied online', 'online-bullying'],
  ['dad looking at child abuse images', 'parent-internet-use'],
  ['boy being radicalised online', 'violent-extremism'],
  ['girl searching for ways to self harm', 'self-harm-suicide-content'],
  ['who do I report an online safety incident to', 'reporting-incidents'],
  ['staff member got a friend request from a young person', 'clients-as-friends'],
  ['child told me a man asked for photos', 'grooming-and-contact'],
  ['young person lost money gambling', 'online-gambling'],
  ['I lost my work laptop', 'storing-personal-data'],
];

/** Written at the same time, and never looked at while tuning: a check that the ranking generalises. */
export const HELD_OUT_QUESTION_QUERIES: ReadonlyArray<FirstResultQuery> = [
  ['refer a child to MASH', 'referral-criteria'],
  ['how do I refer to children’s social care', 'referral-criteria'],
  ['manager posted inappropriate photos', 'colleague-online-behaviour'],
  ['volunteer messaging a child on snapchat', 'colleague-online-behaviour'],
  ['stranger sending messages to my daughter', 'grooming-and-contact'],
  ['older man chatting to a girl on roblox', 'grooming-and-contact'],
  ['cyberflashing', 'nude-image-sharing'],
  ['nudes sent to the whole class', 'nude-image-sharing'],
  ['threats to kill on instagram', 'online-bullying'],
  ['boy watching ISIS videos', 'violent-extremism'],
  ['parent watching child porn', 'parent-internet-use'],
  ['teenager addicted to fortnite', 'harmful-screen-time'],
  ['child sharing pro-suicide posts', 'self-harm-suicide-content'],
  ['form to record an incident', 'reporting-incidents'],
  ['pupil hacked into the school computers', 'cybercrime'],
  ['11 year old with a fake instagram account', 'underage-social-media'],
];
