import { registerEnumType } from 'type-graphql';

/** A field of a talk or an event whose value each source and editor gives is kept apart (`fact_value.field` holds its column). */
export enum FactField {
  TITLE = 'TITLE',
  ABSTRACT = 'ABSTRACT',
  STARTS_AT = 'STARTS_AT',
  ENDS_AT = 'ENDS_AT',
  SLIDES_URL = 'SLIDES_URL',
  VIDEO_URL = 'VIDEO_URL',
  CITY = 'CITY',
  VENUE = 'VENUE',
}

/** The record types whose facts are kept per source. */
export type FactRecordType = 'Talk' | 'Event';

/** The column of a fact field, as `fact_value.field` stores it; talks and events name theirs alike. */
export type FactColumn = 'title' | 'abstract' | 'starts_at' | 'ends_at' | 'slides_url' | 'video_url' | 'city' | 'venue';

/** Each field's column. */
export const FACT_COLUMNS: Record<FactField, FactColumn> = {
  TITLE: 'title',
  ABSTRACT: 'abstract',
  STARTS_AT: 'starts_at',
  ENDS_AT: 'ends_at',
  SLIDES_URL: 'slides_url',
  VIDEO_URL: 'video_url',
  CITY: 'city',
  VENUE: 'venue',
};

/** The field a column stands for. */
export const FIELD_OF_COLUMN = Object.fromEntries(Object.entries(FACT_COLUMNS).map(([field, column]) => [column, field])) as Record<
  FactColumn,
  FactField
>;

/** The fields kept per source on each record type. */
export const FACT_FIELDS: Record<FactRecordType, readonly FactField[]> = {
  Talk: [FactField.TITLE, FactField.ABSTRACT, FactField.STARTS_AT, FactField.ENDS_AT, FactField.SLIDES_URL, FactField.VIDEO_URL],
  Event: [FactField.TITLE, FactField.STARTS_AT, FactField.ENDS_AT, FactField.CITY, FactField.VENUE],
};

/** Columns holding a time: their values are kept as ISO 8601 in UTC, so one instant written two ways is one value. */
export const TIME_COLUMNS: ReadonlySet<FactColumn> = new Set<FactColumn>(['starts_at', 'ends_at']);

/** A value as `fact_value.value` keeps it: times as ISO 8601 UTC, text as it is, null for none. */
export function factValue(column: FactColumn, value: string | Date | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (TIME_COLUMNS.has(column)) return new Date(value).toISOString();
  return String(value);
}

registerEnumType(FactField, {
  name: 'FactField',
  description: 'A field of a talk or an event whose value each source gives is kept: every value is listed in `factValues`.',
  valuesConfig: {
    TITLE: { description: 'The title (talks and events).' },
    ABSTRACT: { description: "A talk's abstract." },
    STARTS_AT: { description: 'When it starts (talks and events).' },
    ENDS_AT: { description: 'When it ends (talks and events).' },
    SLIDES_URL: { description: "A talk's slides link." },
    VIDEO_URL: { description: "A talk's recording link." },
    CITY: { description: "An event's city." },
    VENUE: { description: "An event's venue." },
  },
});
