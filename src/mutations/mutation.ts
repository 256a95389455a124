import { validate } from 'class-validator';
import { recordChange, snapshot, type RecordType, type Snapshot } from '../audit/audit-log';
import type { SqlRunner } from '../database/database';
import { isUnstorableText } from '../database/unavailable';
import type { Context } from '../graphql/context';
import { fromGlobalId } from '../graphql/global-id';
import { type Payload, type UserError, UserErrorCode, UserInputProblem, userError } from '../graphql/user-error';

/** What a mutation's work sees: the transaction's SQL and the audit log of this viewer. */
export interface Tx {
  sql: SqlRunner;
  /** Records one change in the audit log, in this transaction. */
  audit(recordType: string, recordId: number, before: Snapshot, after: Snapshot): Promise<void>;
  /** A record as JSON, for the audit log. */
  snapshot(type: RecordType, id: number): Promise<Snapshot>;
}

/** Unique and check constraints, and the input field and message each one means. */
const CONSTRAINTS: Record<string, { field: string; code: UserErrorCode; message: string }> = {
  event_slug_key: { field: 'slug', code: UserErrorCode.TAKEN, message: 'Another event already has this slug.' },
  event_check: { field: 'endsAt', code: UserErrorCode.INVALID, message: '`endsAt` must not be before `startsAt`.' },
  talk_event_title_key: { field: 'title', code: UserErrorCode.TAKEN, message: 'The event already has a talk with this title.' },
  speaker_name_key_key: {
    field: 'name',
    code: UserErrorCode.TAKEN,
    message: 'Another speaker already has this name; merge the two with `speakerMerge` if they are one person.',
  },
  project_slug_key: { field: 'slug', code: UserErrorCode.TAKEN, message: 'Another project already has this slug.' },
  registered_source_location_key: {
    field: 'location',
    code: UserErrorCode.TAKEN,
    message: 'A source is registered at this location already.',
  },
  project_alias_key_key: { field: 'alias', code: UserErrorCode.TAKEN, message: 'Another project already answers to this name.' },
};

/** The user error a database refusal means, or null when it is not the user's to fix. */
function constraintError(error: unknown): UserError | null {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e.driverError?.code ?? e.code;
  const constraint = e.driverError?.constraint ?? e.constraint;
  const known = constraint ? CONSTRAINTS[constraint] : undefined;
  if ((code === '23505' || code === '23514') && known) return userError(['input', known.field], known.message, known.code);
  if (code === '23503') return userError(['input'], 'A record this input refers to no longer exists.', UserErrorCode.NOT_FOUND);
  if (isUnstorableText(error))
    return userError(['input'], 'A text holds a character the database cannot store, such as NUL (\\u0000).', UserErrorCode.INVALID);
  // Data exceptions: a value PostgreSQL cannot store, such as a date beyond its range.
  if (code?.startsWith('22')) return userError(['input'], 'A value is out of the range the database can store.', UserErrorCode.INVALID);
  return null;
}

/**
 * Runs one mutation as one transaction, recorded in the audit log under the viewer's key. User
 * errors, whether found by the work or by a constraint of the database, roll everything back
 * and come back in `userErrors`; anything else is an error of the service and propagates.
 */
export async function runMutation<T>(
  ctx: Context,
  operation: string,
  input: object | null,
  work: (tx: Tx) => Promise<T>,
): Promise<Payload<T>> {
  const viewer = ctx.viewer!;
  try {
    if (input) await validateInput(input);
    const value = await ctx.db.transaction((_manager, sql) =>
      work({
        sql,
        audit: (recordType, recordId, before, after) => recordChange(sql, viewer, operation, recordType, recordId, before, after),
        snapshot: (type, id) => snapshot(sql, type, id),
      }),
    );
    return { value, userErrors: [] };
  } catch (error) {
    if (error instanceof UserInputProblem) return { value: null, userErrors: error.errors };
    const mapped = constraintError(error);
    if (mapped) return { value: null, userErrors: [mapped] };
    throw error;
  }
}

/** Checks an input object's class-validator rules; throws the problems as user errors under `input`. */
export async function validateInput(input: object): Promise<void> {
  const problems = await validate(input, {
    forbidUnknownValues: false,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
  });
  if (!problems.length) return;
  const errors: UserError[] = [];
  const walk = (list: typeof problems, path: string[]) => {
    for (const problem of list) {
      const at = [...path, problem.property];
      for (const message of Object.values(problem.constraints ?? {})) errors.push(userError(at, message));
      walk(problem.children ?? [], at);
    }
  };
  walk(problems, ['input']);
  throw new UserInputProblem(errors);
}

/** The database key behind a global ID of `type`, or a user error on `field`. */
export function idOf(globalId: string, type: string, field: string[]): number {
  try {
    return fromGlobalId(globalId, type).id;
  } catch (error) {
    throw new UserInputProblem([userError(field, (error as Error).message)]);
  }
}

/** Throws NOT_FOUND on `field` unless the row exists. */
export function found<T>(row: T | null | undefined, what: string, field: string[]): T {
  if (row === null || row === undefined) throw new UserInputProblem([userError(field, `No ${what} found.`, UserErrorCode.NOT_FOUND)]);
  return row;
}
