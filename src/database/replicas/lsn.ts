/** A position in PostgreSQL's write-ahead log, as a number that compares. */
export type Lsn = bigint;

/** Higher than any position the log can reach: what no replica has replayed. */
export const UNREACHABLE_LSN: Lsn = 2n ** 64n;

/** The number of PostgreSQL's text form of an LSN (`16/B374D848`, two hexadecimal halves). */
export function parseLsn(text: string): Lsn {
  const match = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(text);
  if (!match) throw new Error(`Not a WAL position: ${JSON.stringify(text)}`);
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}
