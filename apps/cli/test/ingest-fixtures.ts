/** News-style articles for the ingest tests, generated so each one is distinct. */
const FIRST = [
  'Helen',
  'Daniel',
  'Priya',
  'Martin',
  'Amara',
  'Henrik',
  'Chloe',
  'Thomas',
  'Leila',
  'Omar',
];
const LAST = [
  'Marsh',
  'Price',
  'Natarajan',
  'Kell',
  'Nwosu',
  'Dahl',
  'Adair',
  'Brenner',
  'Moradi',
  'Siddiqui',
];

export function generatedArticle(index: number): string {
  const a = `${FIRST[index % 10]} ${LAST[(index * 3) % 10]}`;
  const b = `${FIRST[(index + 4) % 10]} ${LAST[(index * 7 + 1) % 10]}`;
  const lastA = a.split(' ')[1];
  return [
    `Report number ${index} on the harbour plan`,
    `By Staff Reporter ${index}`,
    '',
    `The council approved plan ${index} on Tuesday, a decision that ${a}, the council leader, described as “a turning point for the town”.`,
    `“We have waited ${index + 2} years for this,” ${lastA} said. “Nobody should pretend it was easy.”`,
    `Critics were unconvinced. “It costs about ${index + 10}% more than promised,” said ${b}, a local campaigner. “Someone will have to pay.”`,
    `${lastA} said the budget of $${index + 1}m was “fully funded”.`,
  ].join('\n');
}
