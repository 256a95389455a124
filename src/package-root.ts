import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The package's root folder. Code runs from src/ (tests) or dist/src/ (`npm start`), so the
 * root is the nearest folder above this file with a package.json, not a fixed number of levels up.
 */
export function packageRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}
