import { readFileSync, writeFileSync } from 'node:fs';
import type { Database, SqlRunner } from '../src/database/database';
import { importPages, type RunReport } from '../src/ingest/import-pages';

/** The tables a schedule import writes. */
export const SCHEDULE_TABLES = ['event', 'talk', 'speaker', 'talk_speaker', 'source', 'record_source', 'external_id', 'fact_value'];

/**
 * A frab schedule of about `megabytes` MB built from a sample's own structure: its days,
 * rooms, events and persons repeated, each copy on later dates with new event ids and guids, so
 * every talk is a talk of its own and the document stays valid.
 */
export function largeFrabXml(samplePath: string, megabytes: number, outPath: string): { bytes: number; talks: number } {
  const text = readFileSync(samplePath, 'utf8');
  const head = text.slice(0, text.indexOf('<day '));
  const body = text.slice(text.indexOf('<day '), text.lastIndexOf('</day>') + '</day>'.length);
  const copies = Math.max(1, Math.ceil((megabytes * 2 ** 20) / Buffer.byteLength(body)));
  const days = (body.match(/<day /g) ?? []).length;
  const parts = [head];
  for (let copy = 0; copy < copies; copy++) {
    parts.push(
      body
        .replace(
          /<day index="(\d+)" date="(\d{4}-\d{2}-\d{2})"/g,
          (_m, index, date) => `<day index="${copy * days + Number(index)}" date="${shift(date, copy * (days + 1))}"`,
        )
        .replace(/<event id="(\d+)"/g, (_m, id) => `<event id="${copy * 1_000_000 + Number(id)}"`)
        .replace(/guid="([0-9a-f]{8})-/gi, (_m, g) => `guid="${(parseInt(g, 16) + copy).toString(16).padStart(8, '0').slice(-8)}-`),
    );
  }
  parts.push('\n</schedule>\n');
  const xml = parts.join('');
  writeFileSync(outPath, xml);
  return { bytes: Buffer.byteLength(xml), talks: (xml.match(/<event /g) ?? []).length };
}

function shift(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Samples the process's resident and heap memory every 20 ms while `work` runs; returns its result and the peaks in MB. */
export async function withPeakMemory<T>(work: () => Promise<T>): Promise<{ result: T; rssMb: number; heapMb: number }> {
  let rss = process.memoryUsage().rss;
  let heap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss);
    heap = Math.max(heap, now.heapUsed);
  }, 20);
  try {
    const result = await work();
    return { result, rssMb: Math.round(rss / 2 ** 20), heapMb: Math.round(heap / 2 ** 20) };
  } finally {
    clearInterval(timer);
  }
}

/** Imports the given sources as schedules of the `conferences` community, in Europe/Brussels. */
export function importSchedules(db: Database, sources: Parameters<typeof importPages>[1]): Promise<RunReport> {
  return importPages(db, sources, { community: 'conferences', timeZone: 'Europe/Brussels' });
}

/** Talks and persons the graph holds. */
export async function graphSize(sql: SqlRunner): Promise<{ talks: number; speakers: number }> {
  const [row] = await sql<{ talks: number; speakers: number }>(
    `SELECT (SELECT count(*)::int FROM talk) AS talks, (SELECT count(*)::int FROM speaker) AS speakers`,
  );
  return row;
}
