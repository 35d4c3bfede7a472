/**
 * What the browser tests against a real provider share: Debian's Chromium with the launch flags of
 * packages/web/test/browser.ts, the repository's screenshot folder, and the current web build
 * (rebuilt when a web source is newer, as `npm start` does), or the reason to skip.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';

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

export interface SignedInPageOptions {
  readonly width: number;
  readonly height: number;
  readonly locale?: string;
  readonly colorScheme?: 'light' | 'dark';
}

/**
 * A new browser context (Rome time, English unless told) signed in to the webmail at `base`, with
 * every Content Security Policy error of its console pushed onto `cspErrors`.
 */
export async function signedInPage(
  browser: Browser,
  base: string,
  credentials: { readonly address: string; readonly password: string },
  cspErrors: string[],
  options: SignedInPageOptions,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: options.width, height: options.height },
    locale: options.locale ?? 'en-GB',
    colorScheme: options.colorScheme ?? 'light',
    timezoneId: 'Europe/Rome',
  });
  context.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
      cspErrors.push(message.text());
  });
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await page.locator('input[autocomplete="username"]').fill(credentials.address);
  await page.locator('input[type="password"]').fill(credentials.password);
  await page.locator('form button[type="submit"]').click();
  await page.locator('.compose-button').waitFor();
  return { context, page };
}
