import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Role } from '../auth/role.enum';
import { selectColumns, toEntity } from '../database/select-columns';
import type { Context } from '../graphql/context';
import { runMutation } from '../graphql/mutation';
import { UserErrorCode, UserInputProblem, userError } from '../graphql/user-error';
import type { SqlRunner } from '../database/database';
import { EventPageImportInput, EventPageImportPayload, PageImportStatus, UncertainCharacter } from './event-page-import';
import { Event } from './event.entity';

/** `eventPageImport`: an editor's page through the importer's own pipeline, as one audited transaction. */
@Resolver()
export class EventPageImportResolver {
  @Authorized(Role.EDITOR)
  @Mutation(() => EventPageImportPayload, {
    description: 'Imports an event page: extracts the event, its talks, speakers and projects (repairing mis-decoded text) and upserts them by natural key. Importing the same page again changes nothing; a changed page updates in place.',
  })
  async eventPageImport(@Arg('input', () => EventPageImportInput, { description: 'The page and where it is published.' }) input: EventPageImportInput, @Ctx() ctx: Context): Promise<EventPageImportPayload> {
    const payload = await runMutation(ctx, 'eventPageImport', input, async (tx) => {
      const page = { path: input.sourceUrl, text: input.markdown, sourceUri: input.sourceUrl, community: input.community ?? 'sofastack' };
      const [community] = await tx.sql(`SELECT 1 FROM community WHERE slug = $1`, [page.community]);
      if (!community) throw new UserInputProblem([userError(['input', 'community'], `No community has the slug "${page.community}".`, UserErrorCode.NOT_FOUND)]);
      const slug = await eventSlugOf(tx.sql, page);
      const before = slug ? await eventBySlug(tx.sql, slug) : null;
      // The importer (YAML, encoding repair, extraction) loads on the first import, not at start-up.
      const { writePage } = await import('../ingest/import-page.js');
      const report = await writePage(tx.sql, page);
      if (report.status === 'failed') {
        const where = report.line ? `line ${report.line}: ` : '';
        throw new UserInputProblem([userError(['input', 'markdown'], `${where}${report.reason}`, UserErrorCode.INVALID)]);
      }
      const after = report.event ? await eventBySlug(tx.sql, report.event.slug) : null;
      if (after && report.status === 'imported') {
        await tx.audit('Event', after.id, before ? await tx.snapshot('Event', before.id) : null, await tx.snapshot('Event', after.id));
      }
      return Object.assign(new EventPageImportPayload(), {
        event: after,
        status: { imported: PageImportStatus.IMPORTED, unchanged: PageImportStatus.UNCHANGED, skipped: PageImportStatus.SKIPPED }[report.status as 'imported' | 'unchanged' | 'skipped'],
        uncertainCharacters: report.uncertain.map((c) => Object.assign(new UncertainCharacter(), { line: c.line, chosen: c.chosen, alternatives: c.alternatives, reason: c.reason })),
        warnings: report.warnings,
        userErrors: [],
      });
    });
    return payload.value ?? Object.assign(new EventPageImportPayload(), { event: null, status: null, uncertainCharacters: [], warnings: [], userErrors: payload.userErrors });
  }
}

async function eventBySlug(sql: SqlRunner, slug: string): Promise<Event | null> {
  const [row] = await sql(`SELECT ${selectColumns(Event, 'e')} FROM event e WHERE e.slug = $1`, [slug]);
  return row ? toEntity(Event, row) : null;
}

/** The slug of the event a previous import of this source wrote, if any: the audit's "before". */
async function eventSlugOf(sql: SqlRunner, page: { sourceUri: string }): Promise<string | null> {
  const [row] = await sql<{ slug: string }>(
    `SELECT e.slug FROM source s JOIN record_source rs ON rs.source_id = s.id AND rs.record_type = 'Event' JOIN event e ON e.id = rs.record_id WHERE s.uri = $1 LIMIT 1`,
    [page.sourceUri],
  );
  return row?.slug ?? null;
}
