import type { Figure, Person, Quote, Source, VerificationEvent } from '@verbatim/domain/entities';
import type { EditorFacts } from '../facts/editor-facts.ts';

/** A quote or figure with what a writer needs to see next to it. */
export interface FactDetails {
  kind: 'quote' | 'figure';
  text: string;
  quote: Quote | null;
  figure: Figure | null;
  speakers: Person[];
  source: Source | null;
  verification: VerificationEvent | null;
}

export async function quoteDetails(facts: EditorFacts, quote: Quote): Promise<FactDetails> {
  const personIds = quote.speakers.filter((s) => s.kind === 'person').map((s) => s.id);
  const [people, [source], verification] = await Promise.all([
    facts.lookup.peopleByIds(personIds),
    facts.lookup.sourcesByIds([quote.sourceId]),
    facts.latestVerification('quote', quote.id),
  ]);
  return {
    kind: 'quote',
    text: quote.text,
    quote,
    figure: null,
    speakers: people.filter((person): person is Person => person !== null),
    source: source ?? null,
    verification,
  };
}

export async function figureDetails(facts: EditorFacts, figure: Figure): Promise<FactDetails> {
  const [[source], verification] = await Promise.all([
    facts.lookup.sourcesByIds([figure.sourceId]),
    facts.latestVerification('figure', figure.id),
  ]);
  return {
    kind: 'figure',
    text: figure.text,
    quote: null,
    figure,
    speakers: [],
    source: source ?? null,
    verification,
  };
}

export async function factDetails(
  facts: EditorFacts,
  fact: { kind: 'quote' | 'figure'; id: string },
): Promise<FactDetails | null> {
  if (fact.kind === 'quote') {
    const [quote] = await facts.quotesByIds([fact.id]);
    return quote ? quoteDetails(facts, quote) : null;
  }
  const [figure] = await facts.figuresByIds([fact.id]);
  return figure ? figureDetails(facts, figure) : null;
}

/** "Dominic LeBlanc, Minister of Canada–U.S. Trade" or the attribution as printed. */
export function speakerLine(details: FactDetails): string {
  if (details.speakers.length === 0) return details.quote?.speakerText ?? 'unknown speaker';
  return details.speakers
    .map((person) => {
      const role = person.roles[0]?.title;
      return role ? `${person.name}, ${role}` : person.name;
    })
    .join('; ');
}

export function sourceLine(source: Source | null): string {
  if (!source) return 'unknown source';
  const parts = [source.outlet, source.publishedOn].filter(Boolean).join(', ');
  return parts ? `${source.title} (${parts})` : source.title;
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_{}[\]<>|#])/g, '\\$1');
}

/** Markdown for hovers and completion documentation. */
export function detailsMarkdown(details: FactDetails): string {
  const lines: string[] = [];
  if (details.kind === 'quote') {
    lines.push(`**“${escapeMarkdown(details.text)}”**`, '');
    lines.push(`— ${escapeMarkdown(speakerLine(details))}`);
  } else if (details.figure) {
    lines.push(`**${escapeMarkdown(details.text)}** — ${escapeMarkdown(details.figure.measures)}`);
  }
  lines.push('');
  const source = details.source;
  const title = escapeMarkdown(sourceLine(source));
  lines.push(`Source: ${source?.url ? `[${title}](${source.url})` : title}`);
  const when = details.quote?.saidWhen;
  if (when) lines.push('', `Said: ${escapeMarkdown(when)}`);
  const status = details.quote?.status ?? details.figure?.status ?? 'candidate';
  lines.push('', `Status: **${status}**`);
  const event = details.verification;
  if (event) {
    const how = [event.method, event.note].filter(Boolean).join(' — ');
    lines.push(
      '',
      `Verification: ${escapeMarkdown(how || event.status)} (${escapeMarkdown(event.actor)}, ${event.at.slice(0, 10)})`,
    );
  }
  return lines.join('\n');
}

/** A citation to insert after a quote or figure: a Markdown link, or plain words. */
export function citationText(source: Source, markdown: boolean): string {
  const parts = [source.outlet, source.publishedOn].filter(Boolean).join(', ');
  const label = parts || source.title;
  if (markdown && source.url) return ` ([${label}](${source.url}))`;
  const words = [source.outlet, `“${source.title}”`, source.publishedOn, source.url]
    .filter(Boolean)
    .join(', ');
  return ` (${words})`;
}
