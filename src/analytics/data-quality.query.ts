import type { SqlRunner } from '../database/database';
import { whereSql } from '../lists/keyset-page';
import { SqlParams } from '../database/sql-params';
import { tables } from '../database/tables';
import { eventConditions, eventWithdrawnCondition } from '../events/event.filter';
import { type AnalyticsFilter, scopedTalks } from './analytics.filter';
import { CompletenessPoint, DataQuality } from './data-quality';
import { type Period, periodOf, periodSeries } from './period.enum';

const t = tables.talk.as('t');
const e = tables.event.as('e');
const tp = tables.talk_project.as('tp');
const ts = tables.talk_speaker.as('ts');
const sp = tables.speaker.as('sp');
// The others who go by a person's name, for ambiguous aliases; people withdrawn from their sources count for none.
const other = tables.speaker.as('o');

// Per talk in scope: whether it has each part a complete record has.
const CHECKED = `checked AS (
  SELECT s.talk_id, s.at, s.time_zone,
    EXISTS (SELECT 1 FROM ${tp} WHERE ${tp.talk_id} = s.talk_id) AS has_project,
    EXISTS (SELECT 1 FROM ${ts} WHERE ${ts.talk_id} = s.talk_id) AS has_speaker,
    ${t.slides_url} IS NOT NULL AS has_slides, ${t.video_url} IS NOT NULL AS has_video
  FROM scoped s JOIN ${t} ON ${t.id} = s.talk_id)`;

/** Counts of incomplete talks, speakers and events in scope, in one statement. */
export async function dataQuality(sql: SqlRunner, filter: AnalyticsFilter): Promise<DataQuality> {
  const params = new SqlParams();
  const scoped = scopedTalks(filter, params);
  const events = [eventWithdrawnCondition(false), ...eventConditions(filter, params)];
  const [row] = await sql<Omit<DataQuality, 'filter'>>(
    `WITH ${scoped}, ${CHECKED},
      people AS (
        SELECT ${sp.id}, ${sp.alias} IS NOT NULL AND ${sp.name_key} = lower(regexp_replace(btrim(${sp.alias}), '\\s+', ' ', 'g')) AS alias_only
        FROM ${sp} WHERE ${sp.id} IN (SELECT ${ts.speaker_id} FROM ${ts} JOIN scoped s ON s.talk_id = ${ts.talk_id}))
    SELECT
      (SELECT count(*) FROM checked)::int AS talks,
      (SELECT count(*) FILTER (WHERE NOT has_project) FROM checked)::int AS "talksWithoutProject",
      (SELECT count(*) FILTER (WHERE NOT has_slides) FROM checked)::int AS "talksWithoutSlides",
      (SELECT count(*) FILTER (WHERE NOT has_video) FROM checked)::int AS "talksWithoutVideo",
      (SELECT count(*) FILTER (WHERE NOT has_speaker) FROM checked)::int AS "talksWithoutSpeaker",
      (SELECT count(*) FROM people)::int AS speakers,
      (SELECT count(*) FILTER (WHERE alias_only) FROM people)::int AS "speakersKnownOnlyByAlias",
      (SELECT count(*) FROM people p JOIN ${tables.speaker.name} sp ON sp.id = p.id
        WHERE (SELECT count(*) FROM ${tables.speaker.name} o WHERE lower(o.alias) = sp.name_key AND o.name_key <> sp.name_key AND ${other.withdrawn_at} IS NULL) > 1)::int AS "speakersWithAmbiguousAlias",
      ev.events, ev."eventsWithoutDate", ev."eventsWithoutCity"
    FROM (
      SELECT count(*)::int AS events, count(*) FILTER (WHERE ${e.starts_at} IS NULL)::int AS "eventsWithoutDate",
        count(*) FILTER (WHERE ${e.city} IS NULL AND ${e.format} IS DISTINCT FROM 'ONLINE')::int AS "eventsWithoutCity"
      FROM ${e}${whereSql(events)}) ev`,
    params.values,
  );
  return Object.assign(new DataQuality(), row, { filter });
}

/** The share of complete talks per period, every period from the first to the last dated talk present. */
export async function completeness(sql: SqlRunner, filter: AnalyticsFilter, period: Period): Promise<CompletenessPoint[]> {
  const params = new SqlParams();
  const rows = await sql<CompletenessPoint>(
    `WITH ${scopedTalks(filter, params)}, ${CHECKED},
      dated AS (
        SELECT ${periodOf(period, 'c.at', 'c.time_zone')} AS period, (has_project AND has_speaker AND has_slides AND has_video) AS complete
        FROM checked c WHERE c.at IS NOT NULL),
      periods AS (${periodSeries(period, 'dated', 'period')})
    SELECT pe.label AS period, pe.start, count(d.period)::int AS talks, count(*) FILTER (WHERE d.complete)::int AS "completeTalks",
      round(count(*) FILTER (WHERE d.complete)::numeric / nullif(count(d.period), 0), 4)::float8 AS share
    FROM periods pe LEFT JOIN dated d ON d.period = pe.period
    GROUP BY pe.period, pe.label, pe.start ORDER BY pe.period`,
    params.values,
  );
  return rows.map((row) => Object.assign(new CompletenessPoint(), row));
}
