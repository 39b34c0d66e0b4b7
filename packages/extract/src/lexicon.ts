// Word lists the rule-based extractor relies on. Kept small and explicit so a miss can be fixed by
// adding a word (see docs/extraction.md).

const words = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/));

/** Verbs that introduce or follow a quotation, in the forms news copy uses. */
export const REPORTING_VERBS = words(`
  said says say saying told tells tell wrote writes write added adds asked asks explained explains
  noted argued argues warned warns cautioned cautions stated insisted insists
  claimed suggested suggests acknowledged acknowledges admitted admits declared declares
  announced announces continued continues replied replies responded responds recalled recalls
  conceded concedes observed observes remarked stressed stresses emphasised emphasized
  emphasises emphasizes posted tweeted tweets testified testifies ruled concluded
  concludes predicted predicts described describes hailed criticised criticized
  complained complains urged urges vowed pledged promised agreed agrees
  countered counters shouted yelled whispered joked laughed sighed boasted boasts confirmed
  confirms denied denies thinks believes believed reckons reckoned maintained maintains
  contended contends mused muses wondered wonders assured assures reiterated reiterates
  recounted lamented quipped texted emailed spoke speaks pointed points`);

/** Multi-word reporting phrases matched as a unit ("according to X", "pointed out"). */
export const REPORTING_PHRASES = [
  'pointed out',
  'points out',
  'went on',
  'goes on',
  'spoke of',
  'speaks of',
  'said in a statement',
  'in a statement',
  'according to',
] as const;

/** Honorifics and titles that may precede a name and are not part of it. */
export const TITLES = words(`
  Mr Mr. Mrs Mrs. Ms Ms. Miss Dr Dr. Prof Prof. Professor Sir Dame Lord Lady Rev Rev. Father
  President Premier Chancellor Senator Sen. Sen Rep. Representative Governor Gov. Mayor Judge
  Justice Minister Secretary General Gen. Colonel Col. Captain Capt. Sergeant Sgt. Officer
  Detective Inspector Chief Coach Commissioner Ambassador King Queen Prince Princess Pope
  Bishop Archbishop Rabbi Imam Sheikh Councillor Councilor Deputy Vice Prime Foreign Finance
  Health Defence Defense Trade Justice Attorney Speaker Leader Chairman Chairwoman Chair CEO
  Director Superintendent Constable Lieutenant Lt. Major Admiral Marshal Congressman
  Congresswoman MP MEP`);

/** Lower-case particles inside names: "Ludwig van Beethoven", "Charles de Gaulle". */
export const NAME_PARTICLES = words(
  `de del della der di da das do dos du van von la le bin bint al el ibn ter ten`,
);

/** Capitalised words that start sentences or name things but never a person. */
export const NOT_NAME_WORDS = words(`
  The A An And But Or So If In On At By For From To Of As It Its It's This That These Those There
  Then When While After Before Since Until Although Though Because However Meanwhile Yet Still
  He She They We I You His Her Their Our My Your Him Them Us Me Who What Where Why How Which
  Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
  July August September October November December Last Next Earlier Later Today
  Yesterday Tomorrow Tonight Some Many Most All Both Each Every No Not Nor One Two Three Four Five
  Six Seven Eight Nine Ten First Second Third Another Other Such Much More Less Few Several Over
  Under About Around Across Against Among Between Despite During Without Within Into Onto Upon
  Instead Also Even Just Only Already Once Twice Here Now Asked Speaking Like Unlike Along
  Additional According Further Indeed Overall Nevertheless Although Whether Perhaps Please Yes
  Well Oh OK Thanks Sources Officials Critics Experts Analysts Residents Police Prosecutors
  Commentators Scientists Researchers Doctors Campaigners Economists Diplomats Lawyers
  Fans Protesters Investors Teachers Nurses Farmers Workers Voters Ministers Judges Senior Former
  Chinese Canadian American British French German Russian Japanese Indian European
  Australian Mexican Korean Italian Spanish Irish Scottish Welsh English Ukrainian Israeli
  Palestinian Iranian Western Eastern Northern Southern Conservative Liberal Labour Democrat
  Democrats Communist Socialist Green Republican Republicans Catholic Muslim Christian Jewish Asian African Arab Latin
  Brexit Covid COVID Internet Olympic Olympics Premier Championship Cup World Games Season`);

/** Words that make a capitalised phrase an organisation. */
export const ORGANISATION_WORDS = words(`
  Ministry Department Council University College School Bank Inc Inc. Corp Corp. Corporation
  Ltd Ltd. LLC plc PLC Group Association Foundation Commission Agency Office Party Police Court
  Government Federation Union Institute Institution Company Club FC United City Authority Service
  Services Board Committee League Tribunal Reserve Fund Organisation Organization Network Times
  Post News Daily Journal Guardian Herald Tribune Press Reuters Kremlin Pentagon Parliament
  Congress Senate Assembly Bureau Centre Center Society Trust Hospital Airlines Airways Motors
  Technologies Systems Holdings Partners Capital Labs Laboratory Laboratories Studios Media
  Records Council Cabinet Navy Army Force Forces Guard Crisis Exchange Commission Coalition
  Alliance Movement Front Church Mission Programme Program Project Initiative Institute Academy
  Museum Library Team Cooperation Economic Racing Athletic Athletics Rovers Wanderers Hotspur Rangers Celtic Securities Research Analytics Consulting
  Investments Insurance Energy Pharmaceuticals Cross Crescent Watch Rights Alliance Greenpeace`);

/** Places whose name can stand for their government ("Beijing said", "Ottawa wants"). */
export const GOVERNMENT_PLACES = words(`
  Beijing Ottawa Washington Moscow London Paris Berlin Tokyo Delhi Brussels Kyiv Kiev Tehran
  Jerusalem Canberra Seoul Pyongyang Taipei Ankara Riyadh Cairo Brasilia Rome Madrid Warsaw
  US UK USA Budapest Canada China Russia Britain France Germany Japan India Ukraine Israel Iran Australia
  Mexico Brazil Italy Spain Poland Hungary Turkey Taiwan Korea Egypt Pakistan Afghanistan Syria
  Iraq Venezuela Cuba Nigeria Kenya Ethiopia Argentina Chile Colombia Peru Indonesia Vietnam
  Thailand Philippines Malaysia Singapore Sweden Norway Denmark Finland Netherlands Belgium
  Switzerland Austria Greece Portugal Ireland Scotland Wales England Ontario Quebec Alberta
  Europe Asia Africa America`);

/** Multi-word places (never people). Lower-cased for lookup. */
export const PLACE_PHRASES = words(`
  south-korea north-korea south-africa new-zealand saudi-arabia hong-kong new-york los-angeles
  san-francisco united-states united-kingdom white-house downing-street capitol-hill wall-street
  south-china-sea asia-pacific middle-east latin-america north-america southeast-asia
  east-asia west-bank gaza-strip new-delhi british-columbia nova-scotia`);

/** Lower-case nouns that, as a speaker ("the company said"), stand for an organisation. */
export const ORGANISATION_DESCRIPTORS = words(`
  company firm group ministry department government club court agency bank university party
  council police prosecutors prosecution committee commission authority board regulator
  union campaign team league organisers organizers embassy administration airline carrier
  hospital school institute foundation charity network broadcaster newspaper paper`);

/** Pronouns that can be speakers, resolved to someone named earlier. */
export const SPEAKER_PRONOUNS = words(`he she they we I He She They We`);

/** Adverbs and auxiliaries between a speaker and a reporting verb ("Carney also said"). */
export const SPEAKER_VERB_FILLERS = words(`
  also later then previously earlier once has had have had would will was is later recently
  further again repeatedly himself herself themselves itself simply only just even still
  subsequently initially finally separately privately publicly`);
