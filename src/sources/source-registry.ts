import { resolve } from 'path';
import type { SqlRunner } from '../database/database';
import { selectColumns, toEntity } from '../database/entity-columns';
import { isTimeZone } from '../ingest/sources/zoned-time';
import { checkLocation } from './source-location';
import { SOURCE_KINDS, sourceKindNamed } from './source-kind.enum';
import { Source } from './source.entity';

/** What registering a source takes, as a person or a client gave it. */
export interface SourceRegistration {
  kind: string;
  location: string;
  communityId: number;
  timeZone: string;
  licence: string;
}

/** Where relative locations start from, and the folders (SOURCE_ROOTS) a location may lie in. */
export interface SourcePlaces {
  cwd: string;
  roots: readonly string[];
}

/** An input field at fault and why; the registry changed nothing. */
export interface RegistrationProblem {
  field: 'kind' | 'location' | 'community' | 'timeZone' | 'licence';
  message: string;
  code: 'INVALID' | 'TAKEN' | 'NOT_FOUND';
}

/** Thrown by the registry with every problem of one input. */
export class RegistrationRefused extends Error {
  constructor(readonly problems: RegistrationProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('\n'));
  }
}

/** The longest licence text kept: an SPDX expression or a short name, not the licence itself. */
const MAX_LICENCE_LENGTH = 200;

/**
 * Registers a source after checking every field (kind, location, time zone, licence, community
 * and that no source is registered at that place already) and that the place lies in one of
 * `places.roots`; refuses with all problems at once.
 * Run it in a transaction; the advisory lock makes the duplicate check hold against a
 * concurrent registration.
 */
export async function registerSource(sql: SqlRunner, input: SourceRegistration, places: SourcePlaces): Promise<Source> {
  const problems: RegistrationProblem[] = [];
  const kind = sourceKindNamed(input.kind);
  if (kind === null)
    problems.push({
      field: 'kind',
      code: 'INVALID',
      message: `Unknown kind "${input.kind.slice(0, 40)}": use one of ${SOURCE_KINDS.join(', ')}.`,
    });
  if (!isTimeZone(input.timeZone))
    problems.push({
      field: 'timeZone',
      code: 'INVALID',
      message: `"${String(input.timeZone).slice(0, 64)}" is not an IANA time zone (e.g. Europe/Brussels).`,
    });
  const licence = input.licence.trim();
  if (!licence || licence.length > MAX_LICENCE_LENGTH || /[\u0000-\u001f\u007f]/.test(licence)) {
    problems.push({
      field: 'licence',
      code: 'INVALID',
      message: `Give the licence the data is published under (e.g. CC-BY-4.0), on one line of at most ${MAX_LICENCE_LENGTH} characters.`,
    });
  }
  const location = await checkLocation(input.location, places.cwd, places.roots);
  if (!location.ok) problems.push({ field: 'location', code: 'INVALID', message: location.message });
  await sql(`SELECT pg_advisory_xact_lock(hashtext('registered_source'))`);
  if (location.ok) {
    const [taken] = await sql<{ id: number }>(`SELECT id FROM registered_source WHERE location = $1`, [location.location]);
    if (taken)
      problems.push({
        field: 'location',
        code: 'TAKEN',
        message: `A source is registered at "${location.location.slice(0, 200)}" already (id ${taken.id}).`,
      });
  }
  const [community] = await sql(`SELECT 1 FROM community WHERE id = $1`, [input.communityId]);
  if (!community) problems.push({ field: 'community', code: 'NOT_FOUND', message: 'No community found.' });
  if (problems.length || !location.ok) throw new RegistrationRefused(problems);
  const [row] = await sql<Source>(
    `INSERT INTO registered_source (kind, location, community_id, time_zone, licence) VALUES ($1, $2, $3, $4, $5)
     RETURNING ${selectColumns(Source, 'registered_source')}`,
    [kind, location.location, input.communityId, input.timeZone, licence],
  );
  return toEntity(Source, row);
}

/** Every registered source, oldest registration first. */
export async function listSources(sql: SqlRunner): Promise<Source[]> {
  const rows = await sql<Source>(`SELECT ${selectColumns(Source, 's')} FROM registered_source s ORDER BY s.id`);
  return rows.map((row) => toEntity(Source, row));
}

/**
 * The registered source a CLI argument names: its id, or its location as registered or as
 * written relative to `cwd` (the place may be gone, so links are not resolved). Null when none.
 */
export async function findSource(sql: SqlRunner, ref: string, cwd = process.cwd()): Promise<Source | null> {
  const byId = /^[1-9][0-9]{0,9}$/.test(ref) ? Number(ref) : null;
  const checked = await checkLocation(ref, cwd);
  const places = [ref, resolve(cwd, ref), ...(checked.ok ? [checked.location] : [])];
  const [row] = await sql<Source>(
    `SELECT ${selectColumns(Source, 's')} FROM registered_source s WHERE s.id = $1 OR s.location = ANY($2::text[]) ORDER BY s.id LIMIT 1`,
    [byId, places],
  );
  return row ? toEntity(Source, row) : null;
}

/**
 * Removes a registration; returns the row as it was, or null when there was none. The records
 * read from it stay, with their provenance: removing a source stops syncing it, it does not
 * unpublish what it gave.
 */
export async function removeSource(sql: SqlRunner, id: number): Promise<Source | null> {
  const [row] = await sql<Source>(`DELETE FROM registered_source s WHERE s.id = $1 RETURNING ${selectColumns(Source, 's')}`, [id]);
  return row ? toEntity(Source, row) : null;
}
