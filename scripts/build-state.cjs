// Whether dist/ holds a build of the current sources, without compiling anything: `npm start`
// asks this first and rebuilds only when a source is newer than the last complete build.
// Plain JavaScript on purpose: it must run before anything has been compiled.
'use strict';
const { spawnSync } = require('node:child_process');
const { mkdirSync, readdirSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');

/** What a build is made from: a change to any of these makes dist/ stale. */
const BUILD_INPUTS = [
  'src',
  'migrations',
  'scripts',
  'bench',
  'web',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
];

/** Written as the build's last step, so an interrupted build is never taken for a complete one. */
const STAMP = join('dist', '.build-complete');

/** The newest modification time under `paths` (files and folders, recursively), in ms; 0 when none exist. */
function newestChange(base, paths) {
  let newest = 0;
  const visit = (path) => {
    let info;
    try {
      info = statSync(path);
    } catch {
      return;
    }
    newest = Math.max(newest, info.mtimeMs);
    if (!info.isDirectory()) return;
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      if (entry.isDirectory() || entry.isFile()) visit(join(path, entry.name));
    }
  };
  for (const path of paths) visit(join(base, path));
  return newest;
}

/** Why dist/ under `base` must be rebuilt, or null when it is current. */
function staleReason(base = root) {
  let built;
  try {
    built = statSync(join(base, STAMP)).mtimeMs;
  } catch {
    return 'no complete build yet';
  }
  const changed = newestChange(base, BUILD_INPUTS);
  return changed > built ? 'sources changed since the last build' : null;
}

function writeStamp(base = root) {
  mkdirSync(join(base, 'dist'), { recursive: true });
  writeFileSync(join(base, STAMP), `${new Date().toISOString()}\n`);
}

// `node scripts/build-state.cjs stamp` ends a build; `… ensure` builds only when stale.
module.exports = { BUILD_INPUTS, STAMP, newestChange, staleReason, writeStamp };

if (require.main === module) {
  const command = process.argv[2];
  if (command === 'stamp') writeStamp();
  else if (command === 'ensure') {
    const reason = staleReason();
    if (reason) {
      console.log(`Building (${reason})…`);
      const built = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
      if (built.status !== 0) process.exit(built.status ?? 1);
    }
  } else {
    console.error('usage: node scripts/build-state.cjs stamp|ensure');
    process.exit(2);
  }
}
