/**
 * Web Push in Debian's Chromium against a real provider at http://localhost (decision 0032). The
 * webmail's service worker (/sw.js) is served and installs; headless Chromium reaches no real push
 * service, so PushManager.subscribe and the worker's push handler are not exercised (the server's
 * side is proven over HTTP in web-push-api.test.ts). The Security screen lists the notified
 * devices with a removal button each, and says why when the browser has no Push API. No Content-Security-Policy
 * violation and no serious axe finding are allowed. Screenshots go to docs/screenshots/.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createECDH, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { checkAccessibility } from './axe-check.ts';
import { holders, password, startApiProvider, type ApiProvider } from './api-provider.ts';
import { browserSkip, chromiumArgs, chromiumPath, screenshots, signedInPage } from './browser-setup.ts';

describe('Web Push in the browser', { skip: browserSkip, timeout: 240_000 }, () => {
  let provider: ApiProvider;
  let browser: Browser;
  let base = '';

  before(async () => {
    provider = await startApiProvider({ overrides: { http: { publicUrl: 'http://localhost' } } });
    // A service worker needs a secure context: localhost is one.
    base = provider.base.replace('127.0.0.1', 'localhost');
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  });
  after(async () => {
    await browser.close();
    await provider.close();
  });

  /** Subscribes a (test-made) browser key through the page's own session, as the switch would. */
  async function subscribeThroughPage(page: Page): Promise<void> {
    const browserKey = createECDH('prime256v1');
    browserKey.generateKeys();
    const body = {
      endpoint: 'http://127.0.0.1:9/push/this-device',
      keys: {
        p256dh: browserKey.getPublicKey().toString('base64url'),
        auth: randomBytes(16).toString('base64url'),
      },
    };
    const status = await page.evaluate(async (json) => {
      const response = await fetch('/api/v1/push/subscriptions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-pec-request': '1' },
        body: JSON.stringify(json),
      });
      return response.status;
    }, body);
    assert.equal(status, 201);
  }

  it('shows a pushed PEC as a notification, and lists and removes the notified devices', async () => {
    mkdirSync(screenshots, { recursive: true });
    const cspErrors: string[] = [];
    const { context, page } = await signedInPage(
      browser,
      base,
      { address: holders.anna, password },
      cspErrors,
      { width: 1280, height: 900 },
    );
    await page.goto(`${base}/settings/security`);
    await page.getByRole('heading', { name: 'Notifications on this device', level: 2 }).waitFor();
    await page.getByRole('checkbox', { name: 'Notify this device of new PEC' }).waitFor();
    await page.getByText('No device is notified.').waitFor();

    // Strings, as this package is compiled without the DOM's types.
    const registrationId = await page.evaluate(
      "navigator.serviceWorker.register('/sw.js', { scope: '/' }).then((r) => navigator.serviceWorker.ready.then(() => r.scope))",
    );
    assert.equal(registrationId, `${base}/`);
    // The worker's script is served and installs (its push and notificationclick handlers are
    // not driven here: see the header).
    const active = await page.evaluate(
      'navigator.serviceWorker.ready.then((r) => (r.active === null ? null : r.active.scriptURL))',
    );
    assert.equal(active, `${base}/sw.js`);
    // The generated worker (workbox) imports the push handlers, and they are served.
    const worker = await (await fetch(`${base}/sw.js`)).text();
    assert.match(worker, /importScripts\(["']\/push-sw\.js["']\)/);
    const handlers = await (await fetch(`${base}/push-sw.js`)).text();
    assert.match(handlers, /addEventListener\('push'/);
    assert.match(handlers, /addEventListener\('notificationclick'/);

    await subscribeThroughPage(page);
    await page.reload();
    const remove = page.getByRole('button', { name: 'Remove', description: 'This device' });
    await remove.waitFor();
    await checkAccessibility(page, 'security with a notified device');
    const section = page.locator('section[aria-labelledby="push-title"]');
    await section.screenshot({ path: join(screenshots, 'web-push-settings-en.png') });
    await remove.click();
    await page.getByText('No device is notified.').waitFor();
    assert.deepEqual(cspErrors, []);
    await context.close();
  });

  it('says why on a phone whose browser has no Push API (dark)', async () => {
    const cspErrors: string[] = [];
    const { context, page } = await signedInPage(
      browser,
      base,
      { address: holders.bruno, password },
      cspErrors,
      { width: 390, height: 844, colorScheme: 'dark' },
    );
    await context.addInitScript('delete window.PushManager;');
    await page.goto(`${base}/settings/security`);
    await page.getByText('This browser cannot show notifications from the webmail.').waitFor();
    assert.equal(await page.getByRole('checkbox', { name: 'Notify this device of new PEC' }).count(), 0);
    await checkAccessibility(page, 'security without Push');
    await page
      .locator('section[aria-labelledby="push-title"]')
      .screenshot({ path: join(screenshots, 'web-push-unsupported-phone-dark-en.png') });
    assert.deepEqual(cspErrors, []);
    await context.close();
  });
});
