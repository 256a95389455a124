import { PersonMention } from './person-mention';

/** One person of a page, filled from every mention of them; talks hold these records. */
export interface PagePerson {
  name: string;
  alias: string | null;
  about: string | null;
}

/**
 * The people of one page: every mention that shares a name or alias with an earlier one
 * ("贾岛 蚂蚁金服 高级技术专家" and "靳文祥（花名贾岛）") is the same record, which takes the
 * real name and the alias from whichever mention has them. Records are shared, so a talk
 * credited to the alias alone ends up with the real name too.
 */
export class PagePeople {
  private readonly people: PagePerson[] = [];
  private readonly byName = new Map<string, PagePerson>();

  /** The record of the person a mention names, created or completed by it. */
  mention(mention: PersonMention): PagePerson {
    const same = this.byName.get(mention.name) ?? (mention.alias !== null ? this.byName.get(mention.alias) : undefined);
    if (!same) {
      const person: PagePerson = { name: mention.name, alias: mention.alias, about: mention.about };
      this.people.push(person);
      this.index(person);
      return person;
    }
    if (knowsBoth(mention) && !knowsBoth(same)) {
      same.name = mention.name;
      same.alias = mention.alias;
      this.index(same);
    }
    if (mention.about && !same.about) same.about = mention.about;
    return same;
  }

  private index(person: PagePerson): void {
    for (const name of [person.name, person.alias]) if (name !== null && !this.byName.has(name)) this.byName.set(name, person);
  }

  /** Everyone mentioned, in order of first mention. */
  all(): readonly PagePerson[] {
    return this.people;
  }
}

function knowsBoth(person: { name: string; alias: string | null }): boolean {
  return person.alias !== null && person.alias !== person.name;
}
