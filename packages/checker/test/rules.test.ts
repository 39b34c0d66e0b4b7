import type { RuleId } from '@verbatim/domain/findings';
import { describe, expect, it } from 'vitest';
import { checkDraft } from '../src/check.ts';
import { sampleFacts } from './fixtures.ts';

const facts = sampleFacts();

async function rulesOf(draft: string, format: 'markdown' | 'text' | 'html' = 'markdown') {
  const findings = await checkDraft(draft, facts, { format });
  return findings.map((finding) => ({
    rule: finding.rule,
    text: draft.slice(finding.start, finding.end),
    replacement: finding.replacement,
  }));
}

describe('accepted ways of quoting correctly are not flagged', () => {
  const clean: [string, string][] = [
    ['curly marks', '“We will build the bridge before the first snow falls,” Jane Roe said.'],
    ['straight marks', '"We will build the bridge before the first snow falls," Jane Roe said.'],
    ['guillemets', '« We will build the bridge before the first snow falls », a dit Jane Roe.'],
    [
      'changed first-letter case',
      'Roe said the province would “build the bridge before the first snow falls.”',
    ],
    [
      'punctuation inside the closing mark',
      '“We will build the bridge before the first snow falls.” Roe said so.',
    ],
    [
      'punctuation outside the closing mark',
      '“We will build the bridge before the first snow falls”, Roe said.',
    ],
    ['ellipsis character', '“We will build the bridge … before the first snow falls,” Roe said.'],
    ['three dots', '“We will build the bridge... before the first snow falls,” Roe said.'],
    [
      'ellipsis dropping words',
      '“This budget is the biggest investment … our province has ever seen,” Roe said.',
    ],
    [
      'brackets replacing words',
      '“[The province] will build the bridge before the first snow falls,” Roe said.',
    ],
    [
      'brackets adding words',
      '“This budget is the biggest investment in [public] transit our province has ever seen,” Roe said.',
    ],
    ['a fragment', 'Roe promised the bridge “before the first snow falls”.'],
    [
      'a longer fragment',
      'Roe called it “the biggest investment in transit our province has ever seen”.',
    ],
    ['a split quote', '“We will build the bridge,” Roe said, “before the first snow falls.”'],
    [
      'a split quote with a full stop',
      '“This budget is the biggest investment in transit,” Roe said. “Our province has ever seen” nothing like it.',
    ],
    [
      'nested single quotes',
      '“The ferry will run every hour, ‘rain or shine,’ from May to October,” said Kim.',
    ],
    [
      'alias as attribution',
      '“We will build the bridge before the first snow falls,” the Ontario premier said.',
    ],
    [
      'surname with title',
      '“We will build the bridge before the first snow falls,” Premier Roe said.',
    ],
    [
      'title, full name',
      'Ontario Premier Jane Roe said: “We will build the bridge before the first snow falls.”',
    ],
    [
      'according to',
      'According to Kim, “the ferry will run every hour, rain or shine, from May to October.”',
    ],
    [
      'colon attribution',
      'Mina Kim: “The ferry will run every hour, rain or shine, from May to October.”',
    ],
    [
      'apposition',
      '“Nobody earning less than forty thousand dollars will pay more tax,” John Doe, the finance minister, said.',
    ],
    [
      'pronoun back to the named person',
      'Kim spoke first. “The ferry will run every hour, rain or shine, from May to October,” she said.',
    ],
    [
      'two speakers named together',
      'Jane Roe and John Doe said: “We will build the bridge before the first snow falls.”',
    ],
    ['paraphrase without marks', 'Roe said the bridge would be built before the first frost.'],
    ['short scare quotes', 'Critics called the plan “a fantasy”.'],
    ['a number written another way', 'About 70 per cent of Port Elm’s exports go by ferry.'],
    ['a number with a space group', 'The new bridge will create up to 49 000 jobs.'],
    ['a number with a k', 'The new bridge will create up to 49k jobs.'],
    [
      'numbers about other things',
      'The bridge will be 75 metres high and cost 94,000 dollars a day to run.',
    ],
    ['a figure in agreement in words', 'Residents have waited nearly ten years for the bridge.'],
  ];
  it.each(clean)('%s', async (_name, draft) => {
    expect(await rulesOf(draft)).toEqual([]);
  });
});

describe('each rule fires where it should', () => {
  const flagged: [string, string, RuleId, string, string | null][] = [
    [
      'changed word',
      '“This budget is the greatest investment in transit our province has ever seen,” Roe said.',
      'quote/misquote',
      'This budget is the greatest investment in transit our province has ever seen',
      'This budget is the biggest investment in transit our province has ever seen',
    ],
    [
      'added word',
      '“We will build the new bridge before the first snow falls,” Roe said.',
      'quote/misquote',
      'We will build the new bridge before the first snow falls',
      'We will build the bridge before the first snow falls',
    ],
    [
      'phrase dropped without an ellipsis',
      '“This budget is the biggest investment our province has ever seen,” Roe said.',
      'quote/misquote',
      'This budget is the biggest investment our province has ever seen',
      'This budget is the biggest investment in transit our province has ever seen',
    ],
    [
      'clauses swapped',
      '“From May to October, rain or shine, the ferry will run every hour,” Kim said.',
      'quote/misquote',
      'From May to October, rain or shine, the ferry will run every hour',
      'The ferry will run every hour, rain or shine, from May to October.',
    ],
    [
      'wrong speaker by name',
      '“We will build the bridge before the first snow falls,” John Doe said.',
      'quote/misattributed',
      'John Doe',
      'Jane Roe',
    ],
    [
      'wrong speaker by surname',
      '“Nobody earning less than forty thousand dollars will pay more tax,” said Kim.',
      'quote/misattributed',
      'Kim',
      'John Doe',
    ],
    [
      'wrong speaker by alias',
      '“Nobody earning less than forty thousand dollars will pay more tax,” the Ontario premier said.',
      'quote/misattributed',
      'the Ontario premier',
      'John Doe',
    ],
    [
      'wrong speaker by pronoun',
      'John Doe arrived late. “The ferry will run every hour, rain or shine, from May to October,” he said.',
      'quote/misattributed',
      'he',
      'Mina Kim',
    ],
    [
      'wrong speaker, unknown name',
      'Harbour worker Sam Patel said: “The ferry will run every hour, rain or shine, from May to October.”',
      'quote/misattributed',
      'Sam Patel',
      'Mina Kim',
    ],
    [
      'full sentence that matches nothing',
      '“Nobody will ever build a bridge here,” Roe said.',
      'quote/unverified',
      '“Nobody will ever build a bridge here,”',
      null,
    ],
    [
      'unverified, starting with a bracket',
      '“[The council] will never build a bridge here,” Roe said.',
      'quote/unverified',
      '“[The council] will never build a bridge here,”',
      null,
    ],
    [
      'candidate quote',
      '“The harbour will close for good next spring,” Kim said.',
      'quote/not-verified',
      '“The harbour will close for good next spring,”',
      null,
    ],
    [
      'disputed quote',
      'Northline said: “Our trains are the most punctual in the country.”',
      'quote/not-verified',
      '“Our trains are the most punctual in the country.”',
      null,
    ],
    [
      'retracted quote',
      '“Every station will have a library by next year,” Doe said.',
      'quote/not-verified',
      '“Every station will have a library by next year,”',
      null,
    ],
    [
      'percent',
      'About 75% of Port Elm’s exports go by ferry.',
      'figure/mismatch',
      'About 75%',
      'about 70%',
    ],
    [
      'count',
      'The new bridge will create 94,000 jobs.',
      'figure/mismatch',
      '94,000',
      'up to 49,000',
    ],
    [
      'duration',
      'Residents have waited nearly two decades for the bridge.',
      'figure/mismatch',
      'nearly two decades',
      'nearly a decade',
    ],
  ];
  it.each(flagged)('%s', async (_name, draft, rule, text, replacement) => {
    expect(await rulesOf(draft)).toEqual([{ rule, text, replacement }]);
  });

  it('marks a retracted quote as an error and a candidate as a warning', async () => {
    const [retracted] = await checkDraft(
      '“Every station will have a library by next year,” Doe said.',
      facts,
    );
    const [candidate] = await checkDraft(
      '“The harbour will close for good next spring,” Kim said.',
      facts,
    );
    expect(retracted?.severity).toBe('error');
    expect(candidate?.severity).toBe('warning');
  });

  it('lets configuration change severities and turn rules off', async () => {
    const draft = '“Nobody will ever build a bridge here,” Roe said.';
    const error = await checkDraft(draft, facts, { severities: { 'quote/unverified': 'error' } });
    const off = await checkDraft(draft, facts, { severities: { 'quote/unverified': 'off' } });
    expect(error.map((finding) => finding.severity)).toEqual(['error']);
    expect(off).toEqual([]);
  });
});

describe('input formats', () => {
  it('skips code, front matter, link targets and comments in Markdown', async () => {
    const draft = [
      '---',
      'title: "Nobody will ever build a bridge here, they said"',
      '---',
      '',
      '```',
      '“Nobody will ever build a bridge here,” Roe said.',
      '```',
      '',
      '    “Nobody will ever build a bridge here,” Roe said.',
      '',
      'Inline `“Nobody will ever build a bridge here,” Roe said.` code.',
      '',
      'A [link](https://example.com/"Nobody will ever build a bridge here") and <!-- “Nobody will ever build a bridge here,” -->.',
    ].join('\n');
    expect(await rulesOf(draft)).toEqual([]);
  });

  it('reads link text but not the link target', async () => {
    const draft =
      'She said “This budget is the [greatest investment](https://x.example/a) in transit our province has ever seen.”';
    const [finding] = await rulesOf(draft);
    expect(finding?.rule).toBe('quote/misquote');
  });

  it('reads HTML text content with exact offsets into the HTML', async () => {
    const draft =
      '<p>&ldquo;This budget is the <em>greatest</em> investment in transit our province has ever seen,&rdquo; Roe said.</p>';
    const findings = await checkDraft(draft, facts, { format: 'html' });
    expect(findings).toHaveLength(1);
    const finding = findings[0];
    expect(finding?.rule).toBe('quote/misquote');
    expect(draft.slice(finding?.start, finding?.end)).toBe(
      'This budget is the <em>greatest</em> investment in transit our province has ever seen',
    );
  });

  it('reads plain text as it is', async () => {
    const draft = '`“Nobody will ever build a bridge here,” Roe said.`';
    expect((await rulesOf(draft, 'text')).map((finding) => finding.rule)).toEqual([
      'quote/unverified',
    ]);
  });
});

describe('inline suppression', () => {
  const unverified = '“Nobody will ever build a bridge here,” Roe said.';
  it('silences the next line for the named rule', async () => {
    const draft = `<!-- verbatim-disable-next-line quote/unverified -->\n${unverified}\n\n${unverified}`;
    const findings = await checkDraft(draft, facts);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.start).toBe(draft.lastIndexOf('“'));
  });
  it('does not silence other rules', async () => {
    const draft = `<!-- verbatim-disable-next-line figure/mismatch -->\n${unverified}`;
    expect(await checkDraft(draft, facts)).toHaveLength(1);
  });
  it('silences a region, every rule when none is named', async () => {
    const draft = `<!-- verbatim-disable -->\n\n${unverified}\n\nThe new bridge will create 94,000 jobs.\n\n<!-- verbatim-enable -->\n\n${unverified}`;
    const findings = await checkDraft(draft, facts);
    expect(findings.map((finding) => finding.rule)).toEqual(['quote/unverified']);
    expect(findings[0]?.start).toBe(draft.lastIndexOf('“'));
  });
  it('silences a region for one rule only', async () => {
    const draft = `<!-- verbatim-disable quote/unverified -->\n\n${unverified}\n\nThe new bridge will create 94,000 jobs.\n\n<!-- verbatim-enable quote/unverified -->`;
    expect((await checkDraft(draft, facts)).map((finding) => finding.rule)).toEqual([
      'figure/mismatch',
    ]);
  });
});
