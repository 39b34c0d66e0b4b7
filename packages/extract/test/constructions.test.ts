import { describe, expect, it } from 'vitest';
import { extractArticle } from '../src/extract.ts';
import type { ExtractedArticle, ExtractedQuote } from '../src/types.ts';

function speakers(article: ExtractedArticle, quote: ExtractedQuote): string {
  return quote.speakers
    .map((s) =>
      s.kind === 'person'
        ? article.people.find((p) => p.key === s.key)?.name
        : article.organisations.find((o) => o.key === s.key)?.name,
    )
    .join(' + ');
}

interface Case {
  name: string;
  text: string;
  /** Expected quotes in order: the words, who said them, full or fragment. */
  quotes: [words: string, speaker: string, kind: 'full' | 'fragment'][];
}

const cases: Case[] = [
  {
    name: 'X said, after the quote',
    text: '“We will win this,” Jane Doe said.',
    quotes: [['We will win this,', 'Jane Doe', 'full']],
  },
  {
    name: 'said X, a role',
    text: '“Prices will rise,” said Lynette Ong, a professor of economics at the University of Toronto.',
    quotes: [['Prices will rise,', 'Lynette Ong', 'full']],
  },
  {
    name: 'said the role, X at the end of the sentence',
    text: '“Carney must explain himself,” said the Conservative leader, Pierre Poilievre. The Ontario premier, Doug Ford, was angry. “Make no mistake.”',
    quotes: [
      ['Carney must explain himself,', 'Pierre Poilievre', 'full'],
      ['Make no mistake.', 'Doug Ford', 'full'],
    ],
  },
  {
    name: 'X told reporters',
    text: 'Donald Trump spoke on Friday. “Well, it’s OK,” Trump told reporters at the White House.',
    quotes: [['Well, it’s OK,', 'Donald Trump', 'full']],
  },
  {
    name: 'X wrote, with a colon introduction',
    text: 'In a column, Mary Jones, an economist, wrote: “The data do not support the claim.”',
    quotes: [['The data do not support the claim.', 'Mary Jones', 'full']],
  },
  {
    name: 'according to X',
    text: 'According to Martin Kell, a former Treasury official, “this is the most redistributive budget in a decade”.',
    quotes: [['this is the most redistributive budget in a decade', 'Martin Kell', 'fragment']],
  },
  {
    name: 'X said: colon introduction',
    text: 'Guy Saint-Jacques, a former Canadian ambassador to China, said: “The main goal has been achieved.”',
    quotes: [['The main goal has been achieved.', 'Guy Saint-Jacques', 'full']],
  },
  {
    name: 'she said resolves to the person named earlier',
    text: 'Beijing is under pressure, said Lynette Ong, a professor.\n“China still relies on exports,” she said.',
    quotes: [['China still relies on exports,', 'Lynette Ong', 'full']],
  },
  {
    name: 'surname resolves to the full name',
    text: 'Guy Saint-Jacques was in Beijing.\n“Mr Carney is driven by a sense of urgency,” Saint-Jacques said.',
    quotes: [['Mr Carney is driven by a sense of urgency,', 'Guy Saint-Jacques', 'full']],
  },
  {
    name: 'several speakers',
    text: 'Wang Wen and Jin Zhen, professors at Renmin University in Beijing, wrote: “Canada has chosen to break the deadlock.”',
    quotes: [['Canada has chosen to break the deadlock.', 'Wang Wen + Jin Zhen', 'full']],
  },
  {
    name: 'organisations and governments as speakers',
    text: 'On Friday, China and Canada announced “a preliminary, provisional agreement” on tariffs.',
    quotes: [['a preliminary, provisional agreement', 'China + Canada', 'fragment']],
  },
  {
    name: 'a named organisation in a statement',
    text: 'The Federation of Small Businesses said in a statement: “Small firms have been asked to carry too much.”',
    quotes: [
      ['Small firms have been asked to carry too much.', 'Federation of Small Businesses', 'full'],
    ],
  },
  {
    name: 'the company resolves to the organisation named earlier',
    text: 'Velora Motors will cut jobs. “The market has changed,” the company said.',
    quotes: [['The market has changed,', 'Velora Motors', 'full']],
  },
  {
    name: 'a fragment inside a sentence',
    text: 'Mark Carney secured what he described as a “preliminary but landmark” trade deal.',
    quotes: [['preliminary but landmark', 'Mark Carney', 'fragment']],
  },
  {
    name: 'a quote split around its attribution',
    text: '“Well, it’s OK,” Donald Trump said. “If you can get a deal with China, you should do that.”',
    quotes: [
      ['Well, it’s OK,', 'Donald Trump', 'full'],
      ['If you can get a deal with China, you should do that.', 'Donald Trump', 'full'],
    ],
  },
  {
    name: 'a quote over several paragraphs',
    text: 'Graham Boyd, the chairman, wrote: “This is a painful moment.\n“But we will come back stronger.”',
    quotes: [
      ['This is a painful moment.', 'Graham Boyd', 'full'],
      ['But we will come back stronger.', 'Graham Boyd', 'full'],
    ],
  },
  {
    name: 'an unattributed quote paragraph continues the previous speaker',
    text: '“It is a bold move,” said Vina Nadjibulla, a vice-president.\n“We have already learned this lesson.”',
    quotes: [
      ['It is a bold move,', 'Vina Nadjibulla', 'full'],
      ['We have already learned this lesson.', 'Vina Nadjibulla', 'full'],
    ],
  },
  {
    name: 'the person just introduced speaks the next quote',
    text: 'The Ontario premier, Doug Ford, criticised the move. “Make no mistake: China now has a foothold.”',
    quotes: [['Make no mistake: China now has a foothold.', 'Doug Ford', 'full']],
  },
  {
    name: 'straight marks',
    text: '"I can\'t believe it," Élise Moreau said.',
    quotes: [["I can't believe it,", 'Élise Moreau', 'full']],
  },
  {
    name: 'single marks inside double marks stay in the quote',
    text: '“He told me ‘never again’ and meant it,” said Ann Lee.',
    quotes: [['He told me ‘never again’ and meant it,', 'Ann Lee', 'full']],
  },
  {
    name: 'British single marks',
    text: '‘It’s not good enough,’ Joe Whitmore said.',
    quotes: [['It’s not good enough,', 'Joe Whitmore', 'full']],
  },
  {
    name: 'a passive agent',
    text: 'The results were described by the World Health Organization as “a major step forward”.',
    quotes: [['a major step forward', 'World Health Organization', 'fragment']],
  },
  {
    name: 'a role descriptor resolves to the person with that role',
    text: 'The finance minister, Helen Marsh, spoke first. Later, “we will not change course,” the finance minister said.',
    quotes: [['we will not change course,', 'Helen Marsh', 'fragment']],
  },
];

describe('extractArticle: quotations and speakers', () => {
  it.each(cases)('$name', ({ text, quotes }) => {
    const article = extractArticle({ text, format: 'text' });
    expect(article.quotes.map((q) => [q.text, speakers(article, q), q.kind])).toEqual(quotes);
    let from = 0;
    for (const quote of article.quotes) {
      // Exact offsets: the span is where the words stand in the input.
      const at = text.indexOf(quote.text, from);
      expect(quote.span).toEqual({ start: at, end: at + quote.text.length });
      from = quote.span.end;
    }
  });

  it('attaches roles to people, from appositives either side of the name', () => {
    const article = extractArticle({
      text: 'The Ontario premier, Doug Ford, was angry. “No,” said Lynette Ong, a professor of political science and China scholar at the University of Toronto.',
    });
    const roles = Object.fromEntries(article.people.map((p) => [p.name, p.roles]));
    expect(roles['Doug Ford']).toEqual(['Ontario premier']);
    expect(roles['Lynette Ong']).toEqual([
      'professor of political science and China scholar at the University of Toronto',
    ]);
  });

  it('records the attribution as printed, with its offsets', () => {
    const text =
      '“Prices will rise,” said Lynette Ong, a professor at the University of Toronto, on Friday.';
    const [quote] = extractArticle({ text }).quotes;
    expect(quote?.speakerText?.text).toBe('Lynette Ong, a professor at the University of Toronto');
    expect(text.slice(quote?.speakerText?.span.start, quote?.speakerText?.span.end)).toBe(
      quote?.speakerText?.text,
    );
    expect(quote?.saidWhen).toBe('on Friday');
  });

  it('leaves a quote without a speaker unattributed rather than guessing', () => {
    const article = extractArticle({ text: 'The film “Dune” opened this week.' });
    expect(article.quotes.map((q) => [q.text, q.speakers])).toEqual([['Dune', []]]);
  });
});

describe('extractArticle: figures', () => {
  it('finds figures with their qualifier, unit, exact offsets and what they measure', () => {
    const text =
      'Canada sends about 70% of its exports to the US. The deal allows up to 49,000 Chinese electric vehicles into the market.';
    const figures = extractArticle({ text }).figures;
    expect(figures.map((f) => [f.text, f.qualifier, f.unit, f.value, f.measures])).toEqual([
      ['about 70%', 'about', 'percent', 70, 'its exports to the US'],
      ['up to 49,000', 'up-to', 'count', 49000, 'Chinese electric vehicles'],
    ]);
    for (const figure of figures)
      expect(text.slice(figure.span.start, figure.span.end)).toBe(figure.text);
  });
});
