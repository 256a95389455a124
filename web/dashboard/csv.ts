/** One cell of a CSV file. */
export type Cell = string | number | null;

/**
 * A CSV document (RFC 4180: comma-separated, CRLF, quotes doubled), starting with a byte order
 * mark so that spreadsheet programs read Chinese text as UTF-8.
 */
export function toCsv(rows: Cell[][]): string {
  const cell = (value: Cell) => {
    const text = value === null ? '' : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `\uFEFF${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** Offers a CSV document for download under `name`. */
export function downloadCsv(name: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
