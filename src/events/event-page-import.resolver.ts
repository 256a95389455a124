import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Role } from '../graphql/role.enum';
import { selectColumns, toEntity } from '../database/entity-columns';
import { tables } from '../database/tables';
import type { Context } from '../graphql/context';
import { importAudit } from '../ingest/import-audit';
import { runMutation, validateInput } from '../mutations/mutation';
import { type UserError, UserErrorCode, UserInputProblem, userError } from '../graphql/user-error';
import { EDITOR_PAGE_TIME_BUDGET_MS } from '../ingest/page-limit';
import type { SqlRunner } from '../database/database';
import { EventPageImportInput, EventPageImportPayload, PageImportStatus, UncertainCharacter } from './event-page-import';
import { Event } from './event.entity';

const COMMUNITY_EXISTS = `SELECT 1 FROM ${tables.community.name} WHERE ${tables.community.col.slug} = $1`;
const e = tables.event.as('e');
const EVENT_BY_SLUG = `SELECT ${selectColumns(Event, 'e')} FROM ${e} WHERE ${e.slug} = $1`;

/** `eventPageImport`: an editor's page through the importer's own pipeline, as one audited transaction. */
@Resolver()
export class EventPageImportResolver {
  @Authorized(Role.EDITOR)
  @Mutation(() => EventPageImportPayload, {
    description:
      'Imports an event page: extracts the event, its talks, speakers and projects (repairing mis-decoded text) and upserts them by natural key. Importing the same page again changes nothing; a changed page updates in place.',
  })
  async eventPageImport(
    @Arg('input', () => EventPageImportInput, { description: 'The page and where it is published.' }) input: EventPageImportInput,
    @Ctx() ctx: Context,
  ): Promise<EventPageImportPayload> {
    const refused = (userErrors: UserError[]) =>
      Object.assign(new EventPageImportPayload(), { event: null, status: null, uncertainCharacters: [], warnings: [], userErrors });
    const page = { path: input.sourceUrl, text: input.markdown, sourceUri: input.sourceUrl, community: input.community ?? 'sofastack' };
    try {
      await validateInput(input);
      const [community] = await ctx.db.query(COMMUNITY_EXISTS, [page.community]);
      if (!community)
        throw new UserInputProblem([
          userError(['input', 'community'], `No community has the slug "${page.community}".`, UserErrorCode.NOT_FOUND),
        ]);
    } catch (error) {
      if (error instanceof UserInputProblem) return refused(error.errors);
      throw error;
    }
    // The importer (YAML, encoding repair, extraction) loads on the first import, not at start-up.
    const { extractForImport, writeExtracted } = await import('../ingest/import-page.js');
    // Extracted before the transaction opens, within the editor's budget: no connection is held while the page is parsed.
    const extracted = await extractForImport(ctx.db.query, page, { budgetMs: EDITOR_PAGE_TIME_BUDGET_MS });
    if (extracted.result && !extracted.result.ok) return refused([pageError(extracted.result.line, extracted.result.reason)]);
    const payload = await runMutation(ctx, 'eventPageImport', input, async (tx) => {
      const audit = importAudit(tx, page.sourceUri);
      const report = await writeExtracted(tx.sql, extracted, { beforeWrite: (event) => audit.before(event) });
      if (report.status === 'failed') throw new UserInputProblem([pageError(report.line, report.reason ?? 'the page could not be read')]);
      await audit.record();
      const after = report.event ? await eventBySlug(tx.sql, report.event.slug) : null;
      return Object.assign(new EventPageImportPayload(), {
        event: after,
        status: { imported: PageImportStatus.IMPORTED, unchanged: PageImportStatus.UNCHANGED, skipped: PageImportStatus.SKIPPED }[
          report.status as 'imported' | 'unchanged' | 'skipped'
        ],
        uncertainCharacters: report.uncertain.map((c) =>
          Object.assign(new UncertainCharacter(), { line: c.line, chosen: c.chosen, alternatives: c.alternatives, reason: c.reason }),
        ),
        warnings: report.warnings,
        userErrors: [],
      });
    });
    return payload.value ?? refused(payload.userErrors);
  }
}

/** A page the importer refused, as the user error on `markdown`: its line, when one is at fault, and the reason. */
function pageError(line: number | null, reason: string): UserError {
  return userError(['input', 'markdown'], `${line ? `line ${line}: ` : ''}${reason}`, UserErrorCode.INVALID);
}

async function eventBySlug(sql: SqlRunner, slug: string): Promise<Event | null> {
  const [row] = await sql(EVENT_BY_SLUG, [slug]);
  return row ? toEntity(Event, row) : null;
}
