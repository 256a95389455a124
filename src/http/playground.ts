import express, { type Router } from 'express';
import path from 'node:path';
import { exampleOperations } from './example-operations';

/**
 * GraphiQL served from the package's own node_modules (React and GraphiQL UMD builds), so the
 * playground works with no internet connection. `/?query=…&variables=…` opens an operation.
 */
export function playgroundRouter(): Router {
  const router = express.Router();
  const modules = path.dirname(path.dirname(require.resolve('graphiql/package.json')));
  const assets: Record<string, string> = {
    'react.js': path.join(modules, 'react/umd/react.production.min.js'),
    'react-dom.js': path.join(modules, 'react-dom/umd/react-dom.production.min.js'),
    'graphiql.js': path.join(modules, 'graphiql/graphiql.min.js'),
    'graphiql.css': path.join(modules, 'graphiql/graphiql.min.css'),
  };
  // The start-up script is a file of this server, not an inline script, so the page runs under
  // a Content-Security-Policy that allows no inline script at all.
  const start = playgroundScript();
  router.get('/playground/playground.js', (_req, res) => {
    res.type('text/javascript').setHeader('cache-control', 'no-cache');
    res.send(start);
  });
  router.get('/playground/:asset', (req, res, next) => {
    const file = assets[req.params.asset];
    if (!file) return next();
    res.sendFile(file, { maxAge: '1d' });
  });
  router.get('/', (_req, res) => {
    res.type('html').send(playgroundHtml());
  });
  return router;
}

function playgroundHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>eventgraph playground</title>
<link rel="stylesheet" href="/playground/graphiql.css">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading the playground…</div>
<script src="/playground/react.js"></script>
<script src="/playground/react-dom.js"></script>
<script src="/playground/graphiql.js"></script>
<script src="/playground/playground.js"></script>
</body>
</html>`;
}

function playgroundScript(): string {
  const tabs = JSON.stringify(exampleOperations.map(({ query, variables }) => ({ query, variables: JSON.stringify(variables, null, 2) })));
  return `const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
const params = new URLSearchParams(location.search);
// /?query=…&variables=… (the dashboard's "Playground" links) opens that operation in the first tab.
const tabs = params.get('query') ? [{ query: params.get('query'), variables: params.get('variables') || undefined }, ...${tabs}] : ${tabs};
// GraphiQL 3 fills the editors of the first tab from the query and variables props, not from
// defaultTabs, so without them the first example would open with empty variables.
const props = { fetcher, defaultTabs: tabs, query: tabs[0].query, variables: tabs[0].variables, defaultEditorToolsVisibility: true };
const root = ReactDOM.createRoot(document.getElementById('graphiql'));
root.render(React.createElement(GraphiQL, props));
`;
}
