import type { ExtractedOrganisation, ExtractedPerson, Located, SpeakerKey } from './types.ts';

interface RecentEntry {
  /** Body position of the mention. */
  at: number;
  speakers: SpeakerKey[];
  /** A mention of one person (candidates for "he"/"she") or a group/organisation ("they"). */
  plural: boolean;
}

/** How far back (in paragraphs) a pronoun may look for the person it stands for. */
const PRONOUN_REACH = 20;
/** How many of the most recently named people a descriptor ("the prime minister") may mean. */
const ROLE_REACH = 200;

/**
 * The people and organisations of one article, built in reading order. Every lookup goes
 * through a map or a bounded window, so extraction stays linear however many names an input has.
 */
export class EntityRegistry {
  readonly people: ExtractedPerson[] = [];
  readonly organisations: ExtractedOrganisation[] = [];
  private readonly peopleByKey = new Map<string, ExtractedPerson>();
  /** Lower-cased full names and aliases → person (the first person to use a form keeps it). */
  private readonly personByForm = new Map<string, ExtractedPerson>();
  /** Lower-cased last and first name → the latest person with it ("Saint-Jacques", "Xi"). */
  private readonly personByLast = new Map<string, ExtractedPerson>();
  private readonly personByFirst = new Map<string, ExtractedPerson>();
  /** People known by one word only, by that word. */
  private readonly singleNamed = new Map<string, ExtractedPerson>();
  /** Every form (name and aliases, as printed) each person is known by. */
  private readonly formsOf = new Map<ExtractedPerson, Set<string>>();
  private readonly organisationByName = new Map<string, ExtractedOrganisation>();
  /** Mentions and attributions per paragraph, for "he said" and unattributed quotes. */
  private readonly recentByParagraph = new Map<number, RecentEntry[]>();
  private readonly paragraphsSeen: number[] = [];

  constructor(private readonly toLocated: (start: number, end: number) => Located) {}

  /** A full or partial person name at body [start, end). Returns the person's key. */
  personMention(tokens: string[], start: number, end: number, create: boolean): string | null {
    const person = this.findPerson(tokens);
    const located = this.toLocated(start, end);
    if (person) {
      person.mentions.push(located);
      const form = tokens.join(' ');
      const known = this.formsOf.get(person) ?? new Set<string>();
      if (tokens.length > person.name.split(' ').length) {
        // A fuller form of a name first seen short ("Carney", later "Mark Carney").
        if (!known.has(person.name)) {
          person.aliases.push(person.name);
          known.add(person.name);
        }
        this.singleNamed.delete(person.name.toLowerCase());
        person.name = form;
        known.add(form);
        this.index(person, form);
      } else if (!known.has(form)) {
        person.aliases.push(form);
        known.add(form);
        this.index(person, form);
      }
      return person.key;
    }
    if (!create) return null;
    const key = `p${this.people.length}`;
    const name = tokens.join(' ');
    const aliases = tokens.length > 1 ? [tokens.at(-1) ?? name] : [];
    const created: ExtractedPerson = { key, name, aliases, roles: [], mentions: [located] };
    this.people.push(created);
    this.peopleByKey.set(key, created);
    this.formsOf.set(created, new Set([name, ...aliases]));
    this.index(created, name);
    for (const alias of aliases) this.index(created, alias);
    return key;
  }

  hasPerson(tokens: string[]): boolean {
    return this.findPerson(tokens) !== undefined;
  }

  organisationMention(
    name: string,
    kind: ExtractedOrganisation['kind'],
    start: number,
    end: number,
  ): string {
    const lower = name.toLowerCase();
    let organisation = this.organisationByName.get(lower);
    if (!organisation) {
      organisation = { key: `o${this.organisations.length}`, name, kind, mentions: [] };
      this.organisations.push(organisation);
      this.organisationByName.set(lower, organisation);
    }
    organisation.mentions.push(this.toLocated(start, end));
    return organisation.key;
  }

  /** The most recent organisation whose name contains `word` ("the ministry" → "Foreign Ministry"). */
  organisationByWord(word: string): string | null {
    const lower = word.toLowerCase();
    const recent = this.organisations.slice(-ROLE_REACH).reverse();
    const named = recent.find((o) => o.name.toLowerCase().split(/\s+/).includes(lower));
    if (named) return named.key;
    // "the company" is the organisation last named; "the ministry" the government last named.
    const governmental = /^(?:ministry|department|government|administration|embassy)$/.test(lower);
    const commercial = /^(?:company|firm|group|carmaker|bank|airline|carrier|club|team)$/.test(
      lower,
    );
    if (!governmental && !commercial) return null;
    return recent.find((o) => governmental === (o.kind === 'government'))?.key ?? null;
  }

  addRole(key: string, role: string): void {
    const person = this.peopleByKey.get(key);
    const cleaned = role
      .trim()
      .replace(/^(a|an|the)\s+/i, '')
      .replace(/[\s,.;:]+$/, '');
    if (!person || cleaned.length < 3 || cleaned.split(/\s+/).length > 20) return;
    if (!person.roles.includes(cleaned)) person.roles.push(cleaned);
  }

  /** A recently named person whose role contains every word of `descriptor` ("the prime minister"). */
  personByRole(descriptor: string): string | null {
    const words = descriptor
      .toLowerCase()
      .replace(/^(the|a|an)\s+/, '')
      .split(/\s+/)
      .filter((w) => w.length > 0);
    if (words.length === 0) return null;
    const first = Math.max(0, this.people.length - ROLE_REACH);
    for (let i = this.people.length - 1; i >= first; i--) {
      const person = this.people[i];
      if (!person) continue;
      for (const role of person.roles) {
        const roleWords = role.toLowerCase().split(/[\s,]+/);
        if (words.every((w) => roleWords.includes(w))) return person.key;
      }
    }
    return null;
  }

  /**
   * Mentions inside an attribution that name someone else ("Chloe Adair, an analyst at Berenson
   * Securities") are not candidates for a later unattributed quote.
   */
  suppressWithin(
    paragraph: number,
    start: number,
    end: number,
    speakers: readonly SpeakerKey[],
  ): void {
    const entries = this.recentByParagraph.get(paragraph);
    if (!entries) return;
    const keep = new Set(speakers.map((s) => s.key));
    const kept = entries.filter(
      (entry) =>
        entry.at <= start || entry.at >= end || entry.speakers.some((s) => keep.has(s.key)),
    );
    this.recentByParagraph.set(paragraph, kept);
  }

  remember(at: number, paragraph: number, speakers: SpeakerKey[]): void {
    if (speakers.length === 0) return;
    const plural = speakers.length > 1 || speakers[0]?.kind === 'organisation';
    let entries = this.recentByParagraph.get(paragraph);
    if (!entries) {
      entries = [];
      this.recentByParagraph.set(paragraph, entries);
      this.paragraphsSeen.push(paragraph);
    }
    entries.push({ at, speakers, plural });
  }

  /**
   * The most recent mention before `at`: within one paragraph when `paragraph` is given,
   * otherwise in the latest paragraphs (at most PRONOUN_REACH back) that have one.
   */
  mostRecent(
    at: number,
    options: { paragraph?: number; plural?: boolean } = {},
  ): SpeakerKey[] | null {
    if (options.paragraph !== undefined) {
      return latestBefore(this.recentByParagraph.get(options.paragraph), at, options.plural);
    }
    const last = this.paragraphsSeen.length - 1;
    for (let i = last; i >= 0 && i > last - PRONOUN_REACH; i--) {
      const paragraph = this.paragraphsSeen[i] as number;
      const found = latestBefore(this.recentByParagraph.get(paragraph), at, options.plural);
      if (found) return found;
    }
    return null;
  }

  /** Makes one form of a person's name findable; the full name also sets first and last name. */
  private index(person: ExtractedPerson, form: string): void {
    const lower = form.toLowerCase();
    if (!this.personByForm.has(lower)) this.personByForm.set(lower, person);
    if (form !== person.name) return;
    const parts = lower.split(' ');
    if (parts.length > 1) {
      this.personByLast.set(parts.at(-1) ?? lower, person);
      this.personByFirst.set(parts[0] ?? lower, person);
    } else {
      this.singleNamed.set(lower, person);
    }
  }

  private findPerson(tokens: string[]): ExtractedPerson | undefined {
    const full = tokens.join(' ').toLowerCase();
    const exact = this.personByForm.get(full);
    if (exact) return exact;
    if (tokens.length === 1) {
      // A surname (or, for names written family-name first, the first name: "Xi"); latest first.
      return this.personByLast.get(full) ?? this.personByFirst.get(full);
    }
    // "Mark Carney" after "Carney": the earlier single-name person gets the full name.
    return this.singleNamed.get(tokens.at(-1)?.toLowerCase() ?? '');
  }
}

/** Entries are not in text order (attributions come after mentions): take the latest before `at`. */
function latestBefore(
  entries: readonly RecentEntry[] | undefined,
  at: number,
  plural: boolean | undefined,
): SpeakerKey[] | null {
  if (!entries) return null;
  let best: RecentEntry | null = null;
  for (const entry of entries) {
    if (entry.at >= at) continue;
    if (plural !== undefined && entry.plural !== plural) continue;
    if (!best || entry.at >= best.at) best = entry;
  }
  return best?.speakers ?? null;
}
