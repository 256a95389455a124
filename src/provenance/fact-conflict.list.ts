import { scopedTalks, type AnalyticsFilter } from '../analytics/analytics.filter';
import { tables } from '../database/tables';
import { eventConditions } from '../events/event.filter';
import type { ListDefinition } from '../lists/list-definition';
import { whereSql } from '../lists/keyset-page';
import { FactConflict } from './fact-conflict';
import { type FactColumn, FIELD_OF_COLUMN } from '../facts/fact-field.enum';

const fv = tables.fact_value.as('fv');
const ed = tables.fact_value.as('ed');
const e = tables.event.as('e');

// Fields whose source values differ, unless an editor has given the field a value (and so decided).
const CONFLICTS = `(
  SELECT min(${fv.id}) AS id, ${fv.record_type} AS record_type, ${fv.record_id} AS record_id, ${fv.field} AS field, count(DISTINCT ${fv.value})::int AS "values"
  FROM ${fv}
  WHERE ${fv.source_id} IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM ${ed} WHERE ${ed.source_id} IS NULL AND ${ed.record_type} = ${fv.record_type} AND ${ed.record_id} = ${fv.record_id} AND ${ed.field} = ${fv.field})
  GROUP BY ${fv.record_type}, ${fv.record_id}, ${fv.field}
  HAVING count(DISTINCT ${fv.value}) > 1) c`;

/** How conflicts are listed: over the talks and events of an analytics slice, in the order their values were first stored. */
export const factConflictList: ListDefinition<FactConflict, AnalyticsFilter, 'ORDER'> = {
  name: 'factConflicts',
  from: CONFLICTS,
  columns: () => `c.record_type AS "recordType", c.record_id AS "recordId", c.field, c."values"`,
  id: 'c.id',
  sort: { ORDER: [] },
  filter: (filter, params) => [
    `(c.record_type = 'Talk' AND c.record_id IN (WITH ${scopedTalks(filter, params)} SELECT talk_id FROM scoped))
     OR (c.record_type = 'Event' AND c.record_id IN (SELECT ${e.id} FROM ${e}${whereSql(eventConditions(filter, params))}))`,
  ],
  parents: {},
  map: (row) =>
    Object.assign(new FactConflict(), {
      id: row.__id as number,
      recordType: row.recordType,
      recordId: row.recordId,
      field: FIELD_OF_COLUMN[row.field as FactColumn],
      values: row.values,
    }),
};
