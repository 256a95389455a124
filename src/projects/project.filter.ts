import { Field, InputType } from 'type-graphql';
import type { SqlParams } from '../database/sql-params';
import { containsEveryWord } from '../database/sql-params';
import { tables } from '../database/tables';

/** Conditions on a list of projects; all given conditions must hold. */
@InputType({ description: 'Conditions on a list of projects; every condition given must hold.' })
export class ProjectFilter {
  @Field(() => [String], { nullable: true, description: 'Projects of these communities, by slug.' })
  communities?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Projects whose name, slug, alias or description contains every word of this text.' })
  query?: string | null;
}

const p = tables.project.as('p');
const a = tables.project_alias.as('a');
const community = tables.community;

/** SQL conditions of a project filter over `project p`. */
export function projectConditions(filter: ProjectFilter, params: SqlParams): string[] {
  const where: string[] = [];
  if (filter.communities) {
    where.push(
      `${p.community_id} IN (SELECT ${community.col.id} FROM ${community.name} WHERE ${community.col.slug} = ANY(${params.add(filter.communities.map((c) => c.toLowerCase()))}::text[]))`,
    );
  }
  if (filter.query?.trim()) {
    where.push(
      containsEveryWord(
        `${p.search_text} || ' ' || coalesce((SELECT string_agg(lower(${a.alias}), ' ') FROM ${a} WHERE ${a.project_id} = ${p.id}), '')`,
        filter.query,
        params,
      ),
    );
  }
  return where;
}
