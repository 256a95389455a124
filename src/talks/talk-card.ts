import { entityColumns } from '../lists/select-columns';
import { Project } from '../projects/project.entity';
import { Speaker } from '../speakers/speaker.entity';

/**
 * What `talk_card` (migration TalkCards) keeps of each credit's speaker and each project of a
 * talk, by property: the names a list of talks shows.
 */
const ON_CARD = new Map<typeof Speaker | typeof Project, ReadonlySet<string>>([
  [Speaker, new Set(['id', 'name', 'alias'])],
  [Project, new Set(['id', 'slug', 'name', 'communityId'])],
]);

/**
 * Whether the card holds every column of `entity` that a selection of `fields` reads: then a page
 * of talks reads one card per talk instead of joining its credits or links to their rows.
 */
export function cardServes(entity: typeof Speaker | typeof Project, fields: readonly string[]): boolean {
  const kept = ON_CARD.get(entity)!;
  return entityColumns(entity, fields).every((column) => kept.has(column.propertyName));
}

/** The card's `credits` or `projects` of the talk aliased `t`; a talk with neither may have no card. */
export function cardColumn(column: 'credits' | 'projects'): string {
  return `coalesce((SELECT c.${column} FROM talk_card c WHERE c.talk_id = t.id), '[]')`;
}
