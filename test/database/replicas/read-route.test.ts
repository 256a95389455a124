import { describe, expect, it } from 'vitest';
import type { Replica } from '../../../src/database/replicas/replica';
import { ReadRoute } from '../../../src/database/replicas/read-route';
import type { ReadRouter } from '../../../src/database/replicas/read-router';
import { StatementNames } from '../../../src/database/statement-names';

/** A route over one replica that answers with `replicaAnswer` and a primary that answers `primary`. */
function route(replicaAnswer: () => Promise<{ rows: unknown[] }>) {
  const failures: unknown[] = [];
  const replica = { replayed: 7n, query: replicaAnswer, fail: (error: unknown) => failures.push(error) } as unknown as Replica;
  const router = { pick: () => replica, statementNames: new StatementNames() } as unknown as ReadRouter;
  const primaryCalls: string[] = [];
  const primary = async (text: string) => (primaryCalls.push(text), [{ from: 'primary' }]);
  const reads = new ReadRoute(primary as never, router, ['address:x']);
  return { reads, failures, primaryCalls };
}

const sqlError = (code: string) => Object.assign(new Error(`error ${code}`), { code });

describe('ReadRoute', () => {
  it('sends statements to the primary until replicas are allowed, then to the replica the router picks', async () => {
    const { reads, primaryCalls } = route(async () => ({ rows: [{ from: 'replica' }] }));
    expect(await reads.query('SELECT 1')).toEqual([{ from: 'primary' }]);
    reads.allowReplicas();
    expect(await reads.query('SELECT 2')).toEqual([{ from: 'replica' }]);
    expect(primaryCalls).toEqual(['SELECT 1']);
  });

  it('sends a read the replica fails mid-request (connection lost) to the primary once, and takes the replica out', async () => {
    const lost = sqlError('ECONNRESET');
    const { reads, failures, primaryCalls } = route(async () => Promise.reject(lost));
    reads.allowReplicas();
    expect(await reads.query('SELECT 3')).toEqual([{ from: 'primary' }]);
    expect(primaryCalls).toEqual(['SELECT 3']);
    expect(failures).toEqual([lost]);
  });

  it('sends a read cancelled by a recovery conflict (40001) to the primary, leaving the replica in', async () => {
    const { reads, failures, primaryCalls } = route(async () => Promise.reject(sqlError('40001')));
    reads.allowReplicas();
    expect(await reads.query('SELECT 4')).toEqual([{ from: 'primary' }]);
    expect(primaryCalls).toEqual(['SELECT 4']);
    expect(failures).toEqual([]);
  });

  it('passes on an error of the statement itself (a timeout, bad SQL) without running it again', async () => {
    for (const code of ['57014', '42601']) {
      const { reads, failures, primaryCalls } = route(async () => Promise.reject(sqlError(code)));
      reads.allowReplicas();
      await expect(reads.query('SELECT 5')).rejects.toThrow(`error ${code}`);
      expect(primaryCalls).toEqual([]);
      expect(failures).toEqual([]);
    }
  });

  it('refuses to send a statement for a request answered with a timeout already', async () => {
    const { reads } = route(async () => ({ rows: [] }));
    reads.allowReplicas();
    const abandoned = new AbortController();
    abandoned.abort();
    await expect(reads.query('SELECT 6', [], { signal: abandoned.signal })).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it('lets an answer read only from the primary be cached without asking the router', () => {
    const { reads } = route(async () => ({ rows: [] }));
    expect(reads.cacheable(3)).toBe(true);
  });
});
