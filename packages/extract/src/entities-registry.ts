import type { ExtractedOrganisation, ExtractedPerson, Located, SpeakerKey } from './types.ts';

interface RecentEntry {
  /** Body position of the mention. */
  at: number;
  paragraph: number;
  speakers: SpeakerKey[];
  /** A mention of one person (candidates for "he"/"she") or a group/organisation ("they"). */
  plural: boolean;
}

/** The people and organisations of one article, built in reading order. */
export class EntityRegistry {
  readonly people: ExtractedPerson[] = [];
  readonly organisations: ExtractedOrganisation[] = [];
  private readonly recent: RecentEntry[] = [];

  constructor(private readonly toLocated: (start: number, end: number) => Located) {}

  /** A full or partial person name at body [start, end). Returns the person's key. */
  personMention(tokens: string[], start: number, end: number, create: boolean): string | null {
    const person = this.findPerson(tokens);
    const located = this.toLocated(start, end);
    if (person) {
      person.mentions.push(located);
      const form = tokens.join(' ');
      if (tokens.length > person.name.split(' ').length) {
        // A fuller form of a name first seen short ("Carney", later "Mark Carney").
        if (!person.aliases.includes(person.name)) person.aliases.push(person.name);
        person.name = form;
      } else if (form !== person.name && !person.aliases.includes(form)) {
        person.aliases.push(form);
      }
      this.touch(person);
      return person.key;
    }
    if (!create) return null;
    const key = `p${this.people.length}`;
    const name = tokens.join(' ');
    const aliases = tokens.length > 1 ? [tokens.at(-1) ?? name] : [];
    const created: ExtractedPerson = { key, name, aliases, roles: [], mentions: [located] };
    this.people.push(created);
    this.touch(created);
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
    let organisation = this.organisations.find((o) => o.name.toLowerCase() === lower);
    if (!organisation) {
      organisation = { key: `o${this.organisations.length}`, name, kind, mentions: [] };
      this.organisations.push(organisation);
    }
    organisation.mentions.push(this.toLocated(start, end));
    return organisation.key;
  }

  /** The most recent organisation whose name contains `word` ("the ministry" → "Foreign Ministry"). */
  organisationByWord(word: string): string | null {
    const lower = word.toLowerCase();
    for (let i = this.organisations.length - 1; i >= 0; i--) {
      const organisation = this.organisations[i];
      if (organisation?.name.toLowerCase().split(/\s+/).includes(lower)) return organisation.key;
    }
    // "the company" is the organisation last named; "the ministry" the government last named.
    const governmental = /^(?:ministry|department|government|administration|embassy)$/.test(lower);
    const commercial = /^(?:company|firm|group|carmaker|bank|airline|carrier|club|team)$/.test(
      lower,
    );
    if (!governmental && !commercial) return null;
    for (let i = this.organisations.length - 1; i >= 0; i--) {
      const organisation = this.organisations[i];
      if (!organisation) continue;
      if (governmental === (organisation.kind === 'government')) return organisation.key;
    }
    return null;
  }

  addRole(key: string, role: string): void {
    const person = this.people.find((p) => p.key === key);
    const cleaned = role
      .trim()
      .replace(/^(a|an|the)\s+/i, '')
      .replace(/[\s,.;:]+$/, '');
    if (!person || cleaned.length < 3 || cleaned.split(/\s+/).length > 20) return;
    if (!person.roles.includes(cleaned)) person.roles.push(cleaned);
  }

  /** A person whose role contains every word of `descriptor` ("the prime minister"). */
  personByRole(descriptor: string): string | null {
    const words = descriptor
      .toLowerCase()
      .replace(/^(the|a|an)\s+/, '')
      .split(/\s+/)
      .filter((w) => w.length > 0);
    if (words.length === 0) return null;
    for (let i = this.people.length - 1; i >= 0; i--) {
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
  suppressWithin(start: number, end: number, speakers: readonly SpeakerKey[]): void {
    const keep = new Set(speakers.map((s) => s.key));
    for (let i = this.recent.length - 1; i >= 0; i--) {
      const entry = this.recent[i];
      if (!entry || entry.at <= start || entry.at >= end) continue;
      if (entry.speakers.some((s) => keep.has(s.key))) continue;
      this.recent.splice(i, 1);
    }
  }

  remember(at: number, paragraph: number, speakers: SpeakerKey[]): void {
    if (speakers.length === 0) return;
    const plural = speakers.length > 1 || speakers[0]?.kind === 'organisation';
    this.recent.push({ at, paragraph, speakers, plural });
  }

  /** The most recent mention before `at` (optionally within one paragraph). */
  mostRecent(
    at: number,
    options: { paragraph?: number; plural?: boolean } = {},
  ): SpeakerKey[] | null {
    // Entries are not appended in text order (attributions come after mentions): take the latest.
    let best: RecentEntry | null = null;
    for (const entry of this.recent) {
      if (entry.at >= at) continue;
      if (options.paragraph !== undefined && entry.paragraph !== options.paragraph) continue;
      if (options.plural !== undefined && entry.plural !== options.plural) continue;
      if (!best || entry.at >= best.at) best = entry;
    }
    return best?.speakers ?? null;
  }

  /** Lower-cased forms of each person's name, kept up to date as names grow (lookups are hot). */
  private readonly forms = new Map<
    ExtractedPerson,
    { name: string; parts: string[]; aliases: Set<string> }
  >();

  private touch(person: ExtractedPerson): void {
    const name = person.name.toLowerCase();
    this.forms.set(person, {
      name,
      parts: name.split(' '),
      aliases: new Set(person.aliases.map((a) => a.toLowerCase())),
    });
  }

  private findPerson(tokens: string[]): ExtractedPerson | undefined {
    const full = tokens.join(' ').toLowerCase();
    for (const [person, form] of this.forms) {
      if (form.name === full || form.aliases.has(full)) return person;
    }
    if (tokens.length === 1) {
      // A surname (or, for names written family-name first, the first name: "Xi"); latest first.
      for (let pass = 0; pass < 2; pass++) {
        for (let i = this.people.length - 1; i >= 0; i--) {
          const person = this.people[i];
          const parts = person ? this.forms.get(person)?.parts : undefined;
          if (!person || !parts || parts.length < 2) continue;
          if ((pass === 0 ? parts.at(-1) : parts[0]) === full) return person;
        }
      }
      return undefined;
    }
    // "Mark Carney" after "Carney": the earlier single-name person gets the full name.
    const last = tokens.at(-1)?.toLowerCase();
    for (const [person, form] of this.forms) {
      if (form.parts.length === 1 && form.name === last) return person;
    }
    return undefined;
  }
}
