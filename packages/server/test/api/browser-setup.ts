/**
 * What the browser tests against a real provider share: Debian's Chromium with the launch flags of
 * packages/web/test/browser.ts, the repository's screenshot folder, and the current web build
 * (rebuilt when a web source is newer, as `npm start` does), or the reason to skip.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const chromiumPath = '/usr/bin/chromium';
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const repository = join(import.meta.dirname, '..', '..', '..', '..');
export const screenshots = join(repository, 'docs', 'screenshots');
const distIndex = join(repository, 'packages', 'web', 'dist', 'index.html');

if (existsSync(chromiumPath)) {
  spawnSync(process.execPath, [join(repository, 'scripts', 'ensure-web-build.js')], { stdio: 'inherit' });
}

/** False when the browser tests can run, else why not. */
export const browserSkip: string | false = !existsSync(chromiumPath)
  ? `${chromiumPath} is absent`
  : !existsSync(distIndex)
    ? 'packages/web/dist is not built (npm run build -w @pec/web)'
    : false;
