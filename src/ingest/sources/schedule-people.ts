import { personKey } from '../../database/name-key';
import type { ExternalIdFact, SpeakerFact, TalkRoleValue, TalkSpeakerFact } from '../event-facts';

/** A person as a schedule names them on a talk. */
export interface SchedulePerson {
  name: string;
  bio?: string | null;
  affiliation?: string | null;
  externalIds?: ExternalIdFact[];
  role?: TalkRoleValue;
}

/**
 * The people of one schedule, each once: by the source's id when it gives one, else by name,
 * so that a person on ten talks is one speaker and two people who share a name but not an id
 * stay two references to one name.
 */
export class SchedulePeople {
  private readonly byKey = new Map<string, SpeakerFact>();

  /** Notes a person and returns the talk's reference to them. */
  credit(person: SchedulePerson): TalkSpeakerFact {
    const name = cleanName(person.name);
    const ids = person.externalIds ?? [];
    const key = ids.length ? `${ids[0].source}\u0000${ids[0].id}` : `name\u0000${personKey(name)}`;
    const known = this.byKey.get(key);
    if (known) {
      known.bio ??= person.bio ?? null;
      known.affiliation ??= person.affiliation ?? null;
      for (const id of ids) if (!known.externalIds!.some((k) => k.source === id.source && k.id === id.id)) known.externalIds!.push(id);
    } else {
      this.byKey.set(key, { name, bio: person.bio ?? null, affiliation: person.affiliation ?? null, externalIds: [...ids] });
    }
    return { name, role: person.role ?? 'SPEAKER', externalIds: ids.length ? [ids[0]] : undefined };
  }

  /** Every person noted, in order of first appearance. */
  list(): SpeakerFact[] {
    return [...this.byKey.values()];
  }
}

/** A name with its spaces collapsed; empty when there is none. */
export function cleanName(value: unknown): string {
  return typeof value === 'string' ? value.replace(/\s+/g, ' ').trim().slice(0, 300) : '';
}
