import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Role } from '../graphql/role.enum';
import { communityRef } from '../communities/community-ref';
import { projectKey } from '../database/name-key';
import { loadRow } from '../database/write-row';
import type { Context } from '../graphql/context';
import { found, idOf, runMutation, type Tx } from '../mutations/mutation';
import { createRecord, deleteRecord, type RecordSpec, updateRecord } from '../mutations/record-mutations';
import { tables } from '../database/tables';
import { deletePayloadType, payloadType, UserErrorCode, UserInputProblem, userError } from '../graphql/user-error';
import { Project } from './project.entity';
import { ProjectAliasInput, ProjectCreateInput, ProjectUpdateInput } from './project.inputs';

/** The result of creating, updating or renaming a project. */
export const ProjectPayload = payloadType(Project, 'project', 'ProjectPayload');
/** The result of deleting a project. */
export const ProjectDeletePayload = deletePayloadType('deletedProjectId', 'ProjectDeletePayload', 'project');

const { project, project_alias, project_key } = tables;
const k = project_key.as('k');
const p = project.as('p');

/**
 * Refuses names another project already answers to (by slug, name or alias, as `project_key`
 * folds them), so every name still leads to one project. One lock for all project names makes
 * the check and the write atomic against concurrent editors.
 */
async function claimNames(tx: Tx, projectId: number | null, names: { field: string; name: string }[]): Promise<void> {
  await tx.sql(`SELECT pg_advisory_xact_lock(hashtext('${project_key.name}'))`);
  for (const { field, name } of names) {
    const key = projectKey(name);
    if (!key) throw new UserInputProblem([userError(['input', field], `${field} must contain a letter or digit.`)]);
    const [owner] = await tx.sql<{ slug: string }>(
      `SELECT ${p.slug} FROM ${k} JOIN ${p} ON ${p.id} = ${k.project_id} WHERE ${k.key} = $1 AND ${k.project_id} IS DISTINCT FROM $2 LIMIT 1`,
      [key, projectId],
    );
    if (owner)
      throw new UserInputProblem([
        userError(['input', field], `The project "${owner.slug}" already answers to "${name}".`, UserErrorCode.TAKEN),
      ]);
  }
}

/** How projects are written. */
export const projectRecord: RecordSpec<Project, 'project'> = {
  type: 'Project',
  entity: Project,
  table: project,
  columns: { slug: 'slug', name: 'name', description: 'description', repositoryUrl: 'repository_url', homepageUrl: 'homepage_url' },
  async derive(tx, input: ProjectUpdateInput, id) {
    const names = (['slug', 'name'] as const).filter((field) => input[field] != null).map((field) => ({ field, name: input[field]! }));
    if (names.length) await claimNames(tx, id, names);
    if (input.community === undefined) return {};
    if (input.community === null) return { community_id: null };
    return { community_id: await communityRef(tx, input.community) };
  },
};

/** Creating, changing and deleting projects, and the other names they go by. Needs an EDITOR key. */
@Resolver()
export class ProjectMutations {
  @Authorized(Role.EDITOR)
  @Mutation(() => ProjectPayload, { description: 'Creates a project.' })
  projectCreate(@Arg('input', () => ProjectCreateInput, { description: 'The project.' }) input: ProjectCreateInput, @Ctx() ctx: Context) {
    return createRecord(ctx, projectRecord, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => ProjectPayload, { description: 'Changes the given fields of a project.' })
  projectUpdate(
    @Arg('id', () => ID, { description: 'ID of the project.' }) id: string,
    @Arg('input', () => ProjectUpdateInput, { description: 'The changes.' }) input: ProjectUpdateInput,
    @Ctx() ctx: Context,
  ) {
    return updateRecord(ctx, projectRecord, id, input);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => ProjectDeletePayload, { description: 'Deletes a project with its aliases; the talks that covered it stay.' })
  projectDelete(@Arg('id', () => ID, { description: 'ID of the project.' }) id: string, @Ctx() ctx: Context) {
    return deleteRecord(ctx, projectRecord, id);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => ProjectPayload, {
    description: 'Adds a name the project is also known by; nothing changes when it already answers to it.',
  })
  projectAliasAdd(
    @Arg('input', () => ProjectAliasInput, { description: 'The project and the name.' }) input: ProjectAliasInput,
    @Ctx() ctx: Context,
  ) {
    return runMutation(ctx, 'projectAliasAdd', input, async (tx) => {
      const projectId = idOf(input.project, 'Project', ['input', 'project']);
      found((await tx.sql(`SELECT 1 FROM ${project.name} WHERE id = $1 FOR UPDATE`, [projectId]))[0], 'project', ['input', 'project']);
      await claimNames(tx, projectId, [{ field: 'alias', name: input.alias }]);
      const key = projectKey(input.alias);
      const own = await tx.sql(`SELECT 1 FROM ${project_key.name} WHERE ${project_key.col.key} = $1`, [key]);
      if (!own.length) {
        const [added] = await tx.sql<{ row: Record<string, unknown> }>(
          `INSERT INTO ${project_alias.name} AS a (${project_alias.list('project_id', 'alias', 'key')}) VALUES ($1, $2, $3) RETURNING to_jsonb(a) AS row`,
          [projectId, input.alias.trim(), key],
        );
        await tx.audit('ProjectAlias', projectId, null, added.row);
        await tx.sql(`UPDATE ${project.name} SET ${project.col.updated_at} = now() WHERE id = $1`, [projectId]);
      }
      return (await loadRow(tx.sql, Project, project, projectId))!;
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => ProjectPayload, { description: 'Removes a name the project was also known by (not its slug or canonical name).' })
  projectAliasRemove(
    @Arg('input', () => ProjectAliasInput, { description: 'The project and the name.' }) input: ProjectAliasInput,
    @Ctx() ctx: Context,
  ) {
    return runMutation(ctx, 'projectAliasRemove', input, async (tx) => {
      const projectId = idOf(input.project, 'Project', ['input', 'project']);
      found((await tx.sql(`SELECT 1 FROM ${project.name} WHERE id = $1 FOR UPDATE`, [projectId]))[0], 'project', ['input', 'project']);
      const [removed] = await tx.sql<{ row: Record<string, unknown> }>(
        `DELETE FROM ${project_alias.as('a')} WHERE ${project_alias.col.project_id} = $1 AND ${project_alias.col.key} = $2 RETURNING to_jsonb(a) AS row`,
        [projectId, projectKey(input.alias)],
      );
      found(removed, `alias "${input.alias}" of this project`, ['input', 'alias']);
      await tx.audit('ProjectAlias', projectId, removed.row, null);
      await tx.sql(`UPDATE ${project.name} SET ${project.col.updated_at} = now() WHERE id = $1`, [projectId]);
      return (await loadRow(tx.sql, Project, project, projectId))!;
    });
  }
}
