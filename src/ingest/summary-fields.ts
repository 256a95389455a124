/** A labelled value from a page's summary list ("- 活动时间：…"), with its line. */
export interface SummaryField {
  value: string;
  line: number;
}

/**
 * Reads the "label：value" items pages open with (活动主题, 活动时间, 活动地点, 活动形式, 资料下载,
 * …), keeping the first occurrence of each label.
 */
export function readSummaryFields(lines: readonly { text: string; line: number }[]): Map<string, SummaryField> {
  const fields = new Map<string, SummaryField>();
  for (const { text, line } of lines) {
    const match = /^\s*(?:[-*+]\s*)?(?:\*\*)?\s*([\p{Script=Han}A-Za-z ]{2,12}?)\s*(?:\*\*)?\s*[:：]\s*(?:\*\*)?\s*(.*)$/u.exec(text);
    if (!match) continue;
    const label = match[1].trim();
    if (!fields.has(label)) fields.set(label, { value: match[2].trim(), line });
  }
  return fields;
}

/** The first summary field whose label contains one of the given words. */
export function findField(fields: Map<string, SummaryField>, ...words: string[]): SummaryField | undefined {
  for (const word of words) for (const [label, field] of fields) if (label.includes(word)) return field;
  return undefined;
}
