import { Client } from 'pg';

/** One transaction's statements with their values. */
export type Transaction = [text: string, values: unknown[]][];

/**
 * Runs `writers` connections at once, each committing `rounds` transactions one after another
 * (`transaction(writer, round)` gives each one's statements), and tells how many committed and
 * why the others failed. Each writer has its own connection, as concurrent clients would.
 */
export async function concurrentWriters(
  databaseUrl: string,
  writers: number,
  rounds: number,
  transaction: (writer: number, round: number) => Transaction,
): Promise<{ committed: number; failures: string[] }> {
  const clients = await Promise.all(
    Array.from({ length: writers }, async () => {
      const client = new Client({ connectionString: databaseUrl });
      await client.connect();
      return client;
    }),
  );
  const failures: string[] = [];
  let committed = 0;
  try {
    await Promise.all(
      clients.map(async (client, writer) => {
        for (let round = 0; round < rounds; round++) {
          try {
            await client.query('BEGIN');
            for (const [text, values] of transaction(writer, round)) await client.query(text, values);
            await client.query('COMMIT');
            committed++;
          } catch (error) {
            await client.query('ROLLBACK');
            failures.push((error as Error).message);
          }
        }
      }),
    );
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
  return { committed, failures };
}
