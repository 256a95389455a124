// `npm run dev`: builds once, then keeps the server, its types and the dashboard rebuilding as
// sources change, and restarts the server (development mode) on every new build.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const children = [];

function run(command, args, env = {}) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  children.push(child);
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`${command} ${args.join(' ')} stopped (${signal ?? code}); stopping the rest.`);
    stop(code ?? 1);
  });
  return child;
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  process.exitCode = code;
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

run(bin('tsc'), ['-p', 'tsconfig.build.json', '--watch', '--preserveWatchOutput']);
run(bin('vite'), ['build', '--watch', '--config', 'web/dashboard/vite.config.mts']);
run(process.execPath, ['--watch-path=dist/src', '--enable-source-maps', '--max-semi-space-size=32', 'dist/src/main.js'], {
  NODE_ENV: 'development',
});
