/** One cell of a CSV file. */
export type Cell = string | number | null;

/**
 * A CSV document (RFC 4180: comma-separated, CRLF, quotes doubled), starting with a byte order
 * mark so that spreadsheet programs read Chinese text as UTF-8. A text cell that a spreadsheet
 * would take for a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets
 * a leading `'`, so it opens as the text it is; numbers, negative ones included, stay numbers.
 */
export function toCsv(rows: Cell[][]): string {
  const cell = (value: Cell) => {
    const text = value === null ? '' : typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value);
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
