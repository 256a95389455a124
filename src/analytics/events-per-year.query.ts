import type { SqlRunner } from '../database/database';
import { whereSql } from '../lists/keyset-page';
import { SqlParams } from '../database/sql-params';
import { tables } from '../database/tables';
import { eventConditions, eventWithdrawnCondition } from '../events/event.filter';
import type { AnalyticsFilter } from './analytics.filter';
import { type EventDimension, EventTally, dimensionColumn } from './event-tally';

const e = tables.event.as('e');

/**
 * Events in scope per year and series, format or city, every (year, value) present from the
 * first to the last year with an event, zeros included. Undated events are not counted.
 */
export async function eventsPerYear(sql: SqlRunner, filter: AnalyticsFilter, by: EventDimension): Promise<EventTally[]> {
  const params = new SqlParams();
  const rows = await sql<EventTally>(
    `WITH counted AS (
        SELECT extract(year FROM ${e.starts_at} AT TIME ZONE ${e.time_zone})::int AS year, ${dimensionColumn[by]} AS value, count(*)::int AS events
        FROM ${e}${whereSql([`${e.starts_at} IS NOT NULL`, eventWithdrawnCondition(false), ...eventConditions(filter, params)])} GROUP BY 1, 2),
      years AS (SELECT generate_series(min(year), max(year)) AS year FROM counted),
      total AS (SELECT value, sum(events) AS events FROM counted GROUP BY value)
    SELECT y.year, v.value, coalesce(c.events, 0) AS events
    FROM years y CROSS JOIN total v LEFT JOIN counted c ON c.year = y.year AND c.value IS NOT DISTINCT FROM v.value
    ORDER BY y.year, v.events DESC, v.value NULLS LAST`,
    params.values,
  );
  return rows.map((row) => Object.assign(new EventTally(), row));
}
