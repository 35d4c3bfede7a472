/**
 * What the browser tests against a real provider share: Debian's Chromium with the launch flags of
 * packages/web/test/browser.ts, the repository's screenshot folder, and the current web build
 * (rebuilt when a web source is newer, as `npm start` does), or the reason to skip.
 */
import assert from 'node:assert/strict';
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
 * Signs in to the webmail at `base` through its own form, filled and sent as a person would; the
 * caller waits for what follows (the app, or a refusal).
 */
export async function signInWithForm(
  page: Page,
  base: string,
  credentials: { readonly address: string; readonly password: string },
): Promise<void> {
  await page.goto(`${base}/signin`);
  await page.locator('#signin-address').fill(credentials.address);
  await page.locator('#signin-password').fill(credentials.password);
  await page.locator('form button[type=submit]').click();
}

/**
 * Signs an operator or a postmaster in at `base`/admin/signin through its form; the caller waits
 * for what follows (the console, or a refusal).
 */
export async function signInAtAdmin(
  page: Page,
  base: string,
  credentials: { readonly email: string; readonly password: string },
): Promise<void> {
  await page.goto(`${base}/admin/signin`);
  await page.locator('#admin-signin-email').fill(credentials.email);
  await page.locator('#admin-signin-password').fill(credentials.password);
  await page.locator('form button[type=submit]').click();
}

/**
 * Signs the page's browser context in to the webmail at `base` with the request the sign-in form
 * sends (`POST /api/v1/session`, `X-PEC-Request`, fetched by the page itself: the browser's own user
 * agent and cookie jar), without loading the app to show the form: the screenshot loops sign in a
 * dozen new contexts each, and the form's page load was a third of each one's CPU (decision 0059).
 * The form itself stays under test in each file's first test. Leaves the page on a static file of
 * the origin; the caller then goes to the screen it checks.
 */
export async function signInWithoutForm(
  page: Page,
  base: string,
  credentials: { readonly address: string; readonly password: string },
): Promise<void> {
  await page.goto(`${base}/favicon.svg`);
  const status = await page.evaluate(
    async (body) =>
      (
        await fetch('/api/v1/session', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-PEC-Request': '1' },
          credentials: 'same-origin',
          body: JSON.stringify(body),
        })
      ).status,
    { ...credentials, staySignedIn: false },
  );
  assert.equal(status, 204, `sign-in of ${credentials.address}`);
}

/**
 * A new browser context (Rome time, English unless told) signed in to the webmail at `base` (as the
 * form signs in: `signInWithoutForm`), on the app's first page, with
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
  await signInWithoutForm(page, base, credentials);
  await page.goto(`${base}/`);
  await page.locator('.compose-button').waitFor();
  return { context, page };
}
