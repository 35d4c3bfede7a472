// Builds dist/ for the browser tests unless a build newer than every source file is already there.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const webDir = join(import.meta.dirname, '..');
export const distDir = join(webDir, 'dist');

function newest(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

export function ensureBuilt(): void {
  const built = statSync(join(distDir, 'index.html'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = Math.max(
    ...['src', 'public', 'index.html', 'vite.config.ts'].map((p) => newest(join(webDir, p))),
  );
  if (built > sources) return;
  const vite = join(webDir, '..', '..', 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: webDir,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`vite build failed with status ${String(result.status)}`);
}
