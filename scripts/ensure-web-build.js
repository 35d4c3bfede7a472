// Builds the webmail (packages/web/dist) before `npm start` when there is no build yet or a
// source file is newer than it, so the HTTP listener has an app to serve; otherwise does nothing.
// Usage: node scripts/ensure-web-build.js
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const webDir = join(import.meta.dirname, '..', 'packages', 'web');

/** @param {string} path @returns {number} the newest modification time under `path` */
function newest(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const built = statSync(join(webDir, 'dist', 'index.html'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
const sources = Math.max(
  ...['src', 'public', 'index.html', 'vite.config.ts', 'package.json'].map((p) => newest(join(webDir, p))),
);
if (built <= sources) {
  console.log('pec: building the webmail (npm run build -w @pec/web)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build', '-w', '@pec/web'], {
    cwd: join(webDir, '..', '..'),
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error(`pec: the webmail build failed (status ${String(result.status)}); starting without it`);
  }
}
