import { resolve } from 'path';
import type { SqlRunner } from '../database/database';
import { selectColumns, toEntity } from '../database/entity-columns';
import { tables } from '../database/tables';
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

const { registered_source } = tables;
const r = registered_source.col;
const s = registered_source.as('s');

// One lock for every registration, named after the table.
const LOCK_REGISTRY = `SELECT pg_advisory_xact_lock(hashtext('${registered_source.name}'))`;
const AT_LOCATION = `SELECT ${r.id} FROM ${registered_source.name} WHERE ${r.location} = $1`;
const COMMUNITY_EXISTS = `SELECT 1 FROM ${tables.community.name} WHERE ${tables.community.col.id} = $1`;
const REGISTER = `INSERT INTO ${registered_source.name} (${registered_source.list('kind', 'location', 'community_id', 'time_zone', 'licence')}) VALUES ($1, $2, $3, $4, $5)
     RETURNING ${selectColumns(Source, registered_source.name)}`;
const ALL = `SELECT ${selectColumns(Source, 's')} FROM ${s} ORDER BY ${s.id}`;
const BY_ID_OR_PLACE = `SELECT ${selectColumns(Source, 's')} FROM ${s} WHERE ${s.id} = $1 OR ${s.location} = ANY($2::text[]) ORDER BY ${s.id} LIMIT 1`;
const REMOVE = `DELETE FROM ${s} WHERE ${s.id} = $1 RETURNING ${selectColumns(Source, 's')}`;

/** The longest licence text kept: an SPDX expression or a short name, not the licence itself. */
const MAX_LICENCE_LENGTH = 200;

/**
 * Registers a source after checking every field (kind, location, time zone, licence, community
 * and that no source is registered at that place already); refuses with all problems at once.
 * Run it in a transaction; the advisory lock makes the duplicate check hold against a
 * concurrent registration.
 */
export async function registerSource(sql: SqlRunner, input: SourceRegistration, cwd = process.cwd()): Promise<Source> {
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
  const location = await checkLocation(input.location, cwd);
  if (!location.ok) problems.push({ field: 'location', code: 'INVALID', message: location.message });
  await sql(LOCK_REGISTRY);
  if (location.ok) {
    const [taken] = await sql<{ id: number }>(AT_LOCATION, [location.location]);
    if (taken)
      problems.push({
        field: 'location',
        code: 'TAKEN',
        message: `A source is registered at "${location.location.slice(0, 200)}" already (id ${taken.id}).`,
      });
  }
  const [community] = await sql(COMMUNITY_EXISTS, [input.communityId]);
  if (!community) problems.push({ field: 'community', code: 'NOT_FOUND', message: 'No community found.' });
  if (problems.length || !location.ok) throw new RegistrationRefused(problems);
  const [row] = await sql<Source>(REGISTER, [kind, location.location, input.communityId, input.timeZone, licence]);
  return toEntity(Source, row);
}

/** Every registered source, oldest registration first. */
export async function listSources(sql: SqlRunner): Promise<Source[]> {
  const rows = await sql<Source>(ALL);
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
  const [row] = await sql<Source>(BY_ID_OR_PLACE, [byId, places]);
  return row ? toEntity(Source, row) : null;
}

/**
 * Removes a registration; returns the row as it was, or null when there was none. The records
 * read from it stay, with their provenance: removing a source stops syncing it, it does not
 * unpublish what it gave.
 */
export async function removeSource(sql: SqlRunner, id: number): Promise<Source | null> {
  const [row] = await sql<Source>(REMOVE, [id]);
  return row ? toEntity(Source, row) : null;
}
