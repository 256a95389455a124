/** What every chart of the dashboard follows: a date range and a project. */
export interface DashboardFilter {
  /** First day, `YYYY-MM-DD`, inclusive. */
  from: string | null;
  /** Last day, `YYYY-MM-DD`, inclusive. */
  to: string | null;
  /** A project slug. */
  project: string | null;
}

/** Reads the filter from the page address, so a filtered dashboard can be shared as a link. */
export function filterFromUrl(search: string): DashboardFilter {
  const params = new URLSearchParams(search);
  const day = (name: string) => (/^\d{4}-\d{2}-\d{2}$/.test(params.get(name) ?? '') ? params.get(name) : null);
  return { from: day('from'), to: day('to'), project: params.get('project') || null };
}

/** The page address query of a filter. */
export function filterToSearch(filter: DashboardFilter): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The filter as the API's `AnalyticsFilter`: whole days in UTC, `to` inclusive. */
export function analyticsFilter(filter: DashboardFilter): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  if (filter.from) result.from = `${filter.from}T00:00:00Z`;
  if (filter.to) result.to = new Date(Date.parse(`${filter.to}T00:00:00Z`) + 86_400_000).toISOString();
  if (filter.project) result.projects = [filter.project];
  return result;
}
