/**
 * Deterministic news-style articles of about 800 words for the extraction benchmark: quotes in
 * every attribution form, people with roles, pronouns and figures, padded with reporting prose.
 */
import { mulberry32 } from '../checker/generate.ts';

const FIRST =
  'Helen Daniel Priya Martin Amara Henrik Chloe Thomas Leila Omar Grace Kwame Fatima Robert Marta Yusuf Sofia Hugo Ruth Peter'.split(
    ' ',
  );
const LAST =
  'Marsh Price Natarajan Kell Nwosu Dahl Adair Brenner Moradi Siddiqui Mensah Asante Bello Lang Lindgren Demir Pinto Marchetti Calloway Quist'.split(
    ' ',
  );
const ROLES = [
  'a professor of economics at the University of Leeds',
  'the chief executive of Velora Motors',
  'a spokesperson for the Department of Health',
  'the council leader',
  'an analyst at Berenson Securities',
  'the head coach',
  'a former Treasury official',
];
const CLAUSES = [
  'The decision followed months of negotiation between the two sides',
  'Officials had warned for weeks that the deadline could slip',
  'The plan has divided opinion in the region since it was first announced',
  'Opposition parties have called for an independent inquiry',
  'Markets reacted calmly to the news in early trading',
  'The announcement came after a long meeting that ran late into the evening',
  'Residents have been told to expect further disruption over the summer',
  'The figures were published alongside a detailed report on the sector',
];
const SAYINGS = [
  'We have made choices that are hard but honest',
  'Nobody should pretend that this was an easy decision',
  'The evidence points in one direction and we intend to follow it',
  'Families who are already struggling will pay the price for this',
  'I would rather be right in five years than popular next week',
  'This is the most important reform in a generation',
  'We will oppose it line by line and vote by vote',
  'The market has not moved as fast as any of us hoped',
];

export function generateArticle(index: number): string {
  const next = mulberry32(1000 + index);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const person = () => `${pick(FIRST)} ${pick(LAST)}`;
  const paragraphs: string[] = [
    `Report ${index}: ${pick(CLAUSES).toLowerCase()}`,
    'By Staff Reporter',
    '',
  ];
  let words = 0;
  while (words < 800) {
    const a = person();
    const surname = a.split(' ')[1];
    const n = Math.floor(next() * 90) + 5;
    const forms = [
      `“${pick(SAYINGS)},” said ${a}, ${pick(ROLES)}. “${pick(SAYINGS)}.”`,
      `${a}, ${pick(ROLES)}, said: “${pick(SAYINGS)}. ${pick(SAYINGS)}.”`,
      `${pick(CLAUSES)}, according to ${a}. “${pick(SAYINGS)},” she said.`,
      `${a} described the proposal as “${pick(SAYINGS).toLowerCase()}” and said about ${n}% of households would be affected.`,
      `“${pick(SAYINGS)},” ${surname} told reporters on Friday. ${pick(CLAUSES)}.`,
      `${pick(CLAUSES)}. Up to ${n * 1000} people could lose access, and the cost has risen by $${n}m since ${2000 + (n % 25)}.`,
    ];
    const paragraph = `${pick(forms)} ${pick(CLAUSES)}. ${pick(CLAUSES)}.`;
    paragraphs.push(paragraph);
    words += paragraph.split(/\s+/).length;
  }
  return paragraphs.join('\n');
}
