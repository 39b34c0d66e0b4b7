import type {
  Figure,
  Organisation,
  Person,
  Quote,
  SpeakerRef,
  VerificationEvent,
} from '@verbatim/domain/entities';
import type { FactStore } from '@verbatim/store/fact-store';

/** Readable text for people: the quote, who said it, its status. */

export async function speakerNames(
  store: FactStore,
  quotes: readonly Quote[],
): Promise<Map<string, string>> {
  const people = new Set<string>();
  const organisations = new Set<string>();
  for (const quote of quotes) {
    for (const speaker of quote.speakers) {
      (speaker.kind === 'person' ? people : organisations).add(speaker.id);
    }
  }
  const names = new Map<string, string>();
  const found: (Person | Organisation | null)[] = [
    ...(await store.peopleByIds([...people])),
    ...(await store.organisationsByIds([...organisations])),
  ];
  for (const entity of found) if (entity) names.set(entity.id, entity.name);
  return names;
}

export function speakersText(speakers: readonly SpeakerRef[], names: Map<string, string>): string {
  return speakers.map((speaker) => names.get(speaker.id) ?? speaker.id).join(' and ');
}

export function quoteLines(quote: Quote, names: Map<string, string>): string[] {
  const when = [quote.saidWhen, quote.saidWhere].filter(Boolean).join(', ');
  return [
    `“${quote.text}”`,
    `    — ${speakersText(quote.speakers, names)}${when ? ` (${when})` : ''} · ${quote.status} · ${quote.id}`,
  ];
}

export function figureLines(figure: Figure): string[] {
  return [figure.text, `    — ${figure.measures} · ${figure.status} · ${figure.id}`];
}

export function historyLines(events: readonly VerificationEvent[]): string[] {
  return events.map((event) => {
    const how = [event.method, event.note].filter(Boolean).join('; ');
    return `  ${event.at}  ${event.status.padEnd(9)}  ${event.actor}${how ? ` — ${how}` : ''}`;
  });
}
