import { randomBytes } from 'node:crypto';
import type { Database } from '../../src/database/database';

/** What happened to the requests of a workload, by outcome. */
export interface WorkloadReport {
  requests: number;
  /** Outcome → count: `ok`, an error code such as `SERVICE_UNAVAILABLE`, `http 500`, `network`. */
  outcomes: Record<string, number>;
  /** Slowest answer of a request that failed, in ms (failing fast is the point). */
  slowestFailureMs: number;
  /** Names of speakers and titles of talks whose create the service acknowledged. */
  acknowledged: { speakers: string[]; talks: string[] };
  latenciesMs: number[];
}

/** A mixed read and write load against one or more instances, until `stop()` is called. */
export interface Workload {
  stop(): Promise<WorkloadReport>;
  report: WorkloadReport;
}

const READS = [
  `{ events(first: 10) { nodes { title talks(first: 5) { nodes { title speakers { name } } } } } }`,
  `{ search(query: "SOFA", first: 10) { totalCount } }`,
  `{ projects(first: 20) { nodes { slug aliases talks { totalCount } } } }`,
  `{ speakers(first: 20) { totalCount nodes { name talks { totalCount } } } }`,
];

/**
 * Starts `concurrency` loops that each send, one after another, a random read or write: a
 * speaker created, a talk created on `eventId`, or an event read. Every name is unique to the
 * run (`tag`), so afterwards the database can be checked against what was acknowledged.
 */
export function startWorkload(options: {
  urls: string[];
  token: string;
  eventId: string;
  concurrency: number;
  tag: string;
  writeShare?: number;
}): Workload {
  const report: WorkloadReport = {
    requests: 0,
    outcomes: {},
    slowestFailureMs: 0,
    acknowledged: { speakers: [], talks: [] },
    latenciesMs: [],
  };
  let running = true;
  const count = (outcome: string) => (report.outcomes[outcome] = (report.outcomes[outcome] ?? 0) + 1);
  const loop = async (worker: number) => {
    for (let i = 0; running; i++) {
      const url = options.urls[(worker + i) % options.urls.length];
      const dice = Math.random();
      const unique = `${options.tag}-${worker}-${i}-${randomBytes(3).toString('hex')}`;
      let body: { query: string; variables?: Record<string, unknown> };
      let kind: 'speaker' | 'talk' | 'read' = 'read';
      if (dice < (options.writeShare ?? 0.3) / 2) {
        kind = 'speaker';
        body = {
          query: `mutation($input: SpeakerCreateInput!) { speakerCreate(input: $input) { speaker { id } userErrors { code } } }`,
          variables: { input: { name: unique, bio: 'soak' } },
        };
      } else if (dice < (options.writeShare ?? 0.3)) {
        kind = 'talk';
        body = {
          query: `mutation($input: TalkCreateInput!) { talkCreate(input: $input) { talk { id } userErrors { code } } }`,
          variables: { input: { event: options.eventId, title: unique } },
        };
      } else body = { query: READS[i % READS.length] };
      const started = performance.now();
      let outcome: string;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(kind === 'read' ? {} : { authorization: `Bearer ${options.token}` }) },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
        const json = (await response.json()) as any;
        if (response.status >= 500 && !json.errors?.[0]?.extensions?.code) outcome = `http ${response.status}`;
        else if (json.errors?.length) outcome = json.errors[0].extensions?.code ?? `http ${response.status}`;
        else {
          const payload = Object.values(json.data)[0] as any;
          outcome = payload?.userErrors?.length ? `userError ${payload.userErrors[0].code}` : 'ok';
          if (outcome === 'ok' && kind !== 'read') report.acknowledged[kind === 'speaker' ? 'speakers' : 'talks'].push(unique);
        }
      } catch {
        outcome = 'network';
      }
      const elapsed = performance.now() - started;
      report.requests++;
      report.latenciesMs.push(elapsed);
      if (outcome !== 'ok') report.slowestFailureMs = Math.max(report.slowestFailureMs, elapsed);
      count(outcome);
    }
  };
  const loops = Array.from({ length: options.concurrency }, (_, worker) => loop(worker));
  return {
    report,
    async stop() {
      running = false;
      await Promise.all(loops);
      return report;
    },
  };
}

/** What the database holds of a workload's writes, checked against what was acknowledged. */
export interface WriteAudit {
  /** Acknowledged creates missing from the database. */
  lost: string[];
  /** Records without their audit entry, or audit entries without their record: half-done writes. */
  halfDone: number;
  /** Records written by the workload (acknowledged or not). */
  stored: number;
}

/** Checks every acknowledged write is stored, and every stored write is whole (record and audit entry). */
export async function auditWrites(db: Database, tag: string, acknowledged: WorkloadReport['acknowledged']): Promise<WriteAudit> {
  const pattern = `${tag}-%`;
  const speakers = await db.query<{ name: string }>(`SELECT name FROM speaker WHERE name LIKE $1`, [pattern]);
  const talks = await db.query<{ title: string }>(`SELECT title FROM talk WHERE title LIKE $1`, [pattern]);
  const have = new Set([...speakers.map((s) => s.name), ...talks.map((t) => t.title)]);
  const lost = [...acknowledged.speakers, ...acknowledged.talks].filter((name) => !have.has(name));
  const [{ n: halfDone }] = await db.query<{ n: number }>(
    `SELECT (
       (SELECT count(*) FROM speaker s WHERE s.name LIKE $1 AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.record_type = 'Speaker' AND a.record_id = s.id AND a.operation = 'speakerCreate'))
     + (SELECT count(*) FROM talk t WHERE t.title LIKE $1 AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.record_type = 'Talk' AND a.record_id = t.id AND a.operation = 'talkCreate'))
     + (SELECT count(*) FROM audit_log a WHERE a.operation IN ('speakerCreate', 'talkCreate') AND coalesce(a.after->>'name', a.after->>'title') LIKE $1
          AND NOT EXISTS (SELECT 1 FROM speaker s WHERE a.record_type = 'Speaker' AND s.id = a.record_id)
          AND NOT EXISTS (SELECT 1 FROM talk t WHERE a.record_type = 'Talk' AND t.id = a.record_id))
     )::int AS n`,
    [pattern],
  );
  return { lost, halfDone, stored: have.size };
}
