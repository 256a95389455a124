import { entityColumns } from '../database/entity-columns';
import { type ColumnName, type TableName, tables } from '../database/tables';
import { Project } from '../projects/project.entity';
import { Speaker } from '../speakers/speaker.entity';

/** JSON properties of a card, each with the column of its table it copies. */
type CardShape<T extends TableName> = Record<string, ColumnName<T>>;

/**
 * What `talk_card` keeps of each talk (written by the triggers of migration TalkCards, which
 * landed before this declaration and so spells the same fields out itself): per credit the
 * `talk_speaker` role and these speaker columns, ordered by position, then speaker id; per project
 * these project columns, ordered by name, then id. The list reads a card only when the query asks
 * for nothing else of them. This is the one definition the reader goes by:
 * test/database/derived-data.test.ts fails when the cards the database writes differ from it, and
 * the reference the card tests compare every card with is built from it.
 */
export const TALK_CARD = {
  credits: {
    role: tables.talk_speaker.col.role,
    speaker: { id: 'id', name: 'name', alias: 'alias' } satisfies CardShape<'speaker'>,
  },
  projects: { id: 'id', slug: 'slug', name: 'name', communityId: 'community_id' } satisfies CardShape<'project'>,
} as const;

/** The entity properties a card holds of a credit's speaker and of a project. */
const ON_CARD = new Map<typeof Speaker | typeof Project, ReadonlySet<string>>([
  [Speaker, new Set(Object.keys(TALK_CARD.credits.speaker))],
  [Project, new Set(Object.keys(TALK_CARD.projects))],
]);

/**
 * Whether the card holds every column of `entity` that a selection of `fields` reads: then a page
 * of talks reads one card per talk instead of joining its credits or links to their rows.
 */
export function cardServes(entity: typeof Speaker | typeof Project, fields: readonly string[]): boolean {
  const kept = ON_CARD.get(entity)!;
  return entityColumns(entity, fields).every((column) => kept.has(column.propertyName));
}

const c = tables.talk_card.as('c');
const t = tables.talk.as('t');

/** The card's `credits` or `projects` of the talk aliased `t`; a talk with neither may have no card. */
export function cardColumn(column: 'credits' | 'projects'): string {
  return `coalesce((SELECT ${c[column]} FROM ${c} WHERE ${c.talk_id} = ${t.id}), '[]')`;
}
