import './style.css';
import { echarts } from './charts';
import { downloadCsv, toCsv } from './csv';
import { type DashboardFilter, filterFromUrl, filterToSearch } from './filter';
import { playgroundUrl, runOperation } from './graphql';
import type { Panel } from './panel';
import { coOccurrencePanel } from './panels/co-occurrence';
import { coveragePanel } from './panels/coverage';
import { dataQualityPanel } from './panels/data-quality';
import { eventsPerYearPanel } from './panels/events-per-year';
import { latestTalksPanel } from './panels/latest-talks';
import { topProjectsPanel } from './panels/top-projects';
import { topSpeakersPanel } from './panels/top-speakers';

const panels: Panel[] = [
  coveragePanel,
  topSpeakersPanel,
  topProjectsPanel,
  coOccurrencePanel,
  eventsPerYearPanel('FORMAT'),
  eventsPerYearPanel('CITY'),
  dataQualityPanel,
  latestTalksPanel,
];

/** The state of every chart, for people at the browser console and for the browser tests. */
const dashboard = {
  filter: filterFromUrl(location.search),
  charts: {} as Record<string, echarts.ECharts>,
  data: {} as Record<string, unknown>,
};
(window as unknown as { eventgraphDashboard: typeof dashboard }).eventgraphDashboard = dashboard;

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function card(panel: Panel): HTMLElement {
  const section = document.createElement('section');
  section.className = `card${panel.wide || panel.table ? ' wide' : ''}`;
  section.id = panel.id;
  section.innerHTML = `
    <header>
      <h2></h2>
      <div class="actions">
        <a class="open-playground" title="Open this operation in the playground">Playground</a>
        <button type="button" class="download-csv" title="Download the numbers of this chart">CSV</button>
      </div>
    </header>
    <p class="note"></p>
    <div class="body" role="figure"></div>
    <p class="error" hidden></p>
    <details><summary>GraphQL</summary><pre class="operation"></pre></details>`;
  section.querySelector('h2')!.textContent = panel.title;
  section.querySelector('.note')!.textContent = panel.note;
  section.querySelector('.operation')!.textContent = panel.query;
  section.querySelector('.body')!.setAttribute('aria-label', panel.title);
  if (panel.table) section.querySelector('.body')!.classList.add('table');
  section.querySelector('.download-csv')!.addEventListener('click', () => {
    const data = dashboard.data[panel.id];
    if (data) downloadCsv(`${panel.id}.csv`, toCsv(panel.csv(data)));
  });
  return section;
}

async function load(panel: Panel, filter: DashboardFilter): Promise<void> {
  const section = byId(panel.id);
  const variables = panel.variables(filter);
  section.querySelector<HTMLAnchorElement>('.open-playground')!.href = playgroundUrl(panel.query, variables);
  const body = section.querySelector<HTMLElement>('.body')!;
  const error = section.querySelector<HTMLElement>('.error')!;
  section.classList.add('loading');
  try {
    const data = await runOperation(panel.query, variables);
    dashboard.data[panel.id] = data;
    error.hidden = true;
    if (panel.chart) {
      const chart = (dashboard.charts[panel.id] ??= echarts.init(body, undefined, { renderer: 'svg' }));
      chart.setOption(panel.chart(data), { notMerge: true });
    } else if (panel.table) {
      body.replaceChildren(panel.table(data));
    }
  } catch (failure) {
    delete dashboard.data[panel.id];
    error.textContent = `Could not load: ${failure instanceof Error ? failure.message : String(failure)}`;
    error.hidden = false;
  } finally {
    section.classList.remove('loading');
  }
}

async function refresh(): Promise<void> {
  document.body.dataset.state = 'loading';
  await Promise.all(panels.map((panel) => load(panel, dashboard.filter)));
  document.body.dataset.state = 'ready';
}

async function fillProjects(select: HTMLSelectElement): Promise<void> {
  const { projects } = await runOperation<{ projects: { nodes: { slug: string; name: string }[] } }>(
    `query DashboardProjects { projects(first: 100) { nodes { slug name } } }`,
    {},
  );
  for (const project of projects.nodes) select.append(new Option(project.name, project.slug));
  select.value = dashboard.filter.project ?? '';
}

async function start(): Promise<void> {
  const grid = byId('panels');
  for (const panel of panels) grid.append(card(panel));
  const form = byId<HTMLFormElement>('filter');
  const from = byId<HTMLInputElement>('from');
  const to = byId<HTMLInputElement>('to');
  const project = byId<HTMLSelectElement>('project');
  from.value = dashboard.filter.from ?? '';
  to.value = dashboard.filter.to ?? '';
  await fillProjects(project).catch(() => undefined);
  const apply = () => {
    dashboard.filter = { from: from.value || null, to: to.value || null, project: project.value || null };
    history.replaceState(null, '', `${location.pathname}${filterToSearch(dashboard.filter)}`);
    void refresh();
  };
  form.addEventListener('change', apply);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    apply();
  });
  form.addEventListener('reset', () => setTimeout(apply));
  new ResizeObserver(() => Object.values(dashboard.charts).forEach((chart) => chart.resize())).observe(grid);
  await refresh();
}

void start();
