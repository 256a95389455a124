import type { EChartsCoreOption } from 'echarts/core';
import type { Cell } from './csv';
import type { DashboardFilter } from './filter';

/** One card of the dashboard: the operation behind it, and how its answer is drawn and exported. */
export interface Panel<T = any> {
  id: string;
  title: string;
  /** Whether the card spans the whole width (tables always do). */
  wide?: boolean;
  /** A line under the title that says what is counted. */
  note: string;
  /** The GraphQL operation, shown on the card and opened in the playground. */
  query: string;
  variables(filter: DashboardFilter): Record<string, unknown>;
  /** An ECharts option; panels without one draw a table. */
  chart?(data: T): EChartsCoreOption;
  table?(data: T): HTMLTableElement;
  /** The numbers drawn, as CSV rows with a header row first. */
  csv(data: T): Cell[][];
}

/** How a person is named on a chart: name, and alias (花名) when it differs. */
export function personLabel(person: { name: string; alias: string | null }): string {
  return person.alias && person.alias !== person.name ? `${person.name} (${person.alias})` : person.name;
}

/** The first `YYYY-MM-DD` of an ISO time, or an empty string. */
export function day(iso: string | null): string {
  return iso ? iso.slice(0, 10) : '';
}

/**
 * `href` when it is an http(s) address, else null: a link of any other scheme (`javascript:`,
 * `data:`) that reached the database by an import or by hand is shown as text, never followed.
 */
export function httpUrl(href: string | null): string | null {
  if (!href) return null;
  try {
    const { protocol } = new URL(href);
    return protocol === 'http:' || protocol === 'https:' ? href : null;
  } catch {
    return null;
  }
}
