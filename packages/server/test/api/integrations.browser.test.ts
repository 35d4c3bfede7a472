/**
 * The Integrations and mail-client settings and the operator's webhook console against a real
 * provider in Debian's Chromium (playwright-core), in English:
 * - the holder creates an API token (shown once, copied), uses it over HTTP, revokes it (then 401);
 * - the holder adds a webhook pointing at a receiver started here that checks every Standard
 *   Webhooks signature with the secret read from the screen, sends a test event, sees it delivered
 *   in the log, and sends it again (same webhook-id, signed again);
 * - the mail-client page lists the servers the listeners offer and downloads the Apple profile;
 * - the operator's admin sees the endpoint in the console and replays its delivery.
 * axe finds no serious violation on any screen; screenshots (desktop and phone, light and dark) go
 * to docs/screenshots/.
 */
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { addPrincipal, adminPassword } from './admin-helpers.ts';
import { checkAccessibility } from './axe-check.ts';
import { holders, password, startApiProvider, type ApiProvider } from './api-provider.ts';
import { browserSkip, chromiumArgs, chromiumPath, screenshots, signedInPage } from './browser-setup.ts';

interface Received {
  readonly id: string;
  readonly type: string;
  readonly signed: boolean;
}

function signedBy(secret: string, headers: IncomingHttpHeaders, body: string): boolean {
  if (!secret.startsWith('whsec_')) return false;
  const id = String(headers['webhook-id']);
  const timestamp = String(headers['webhook-timestamp']);
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  return String(headers['webhook-signature'])
    .split(' ')
    .some((signature) => {
      const [version, value] = signature.split(',');
      const given = Buffer.from(value ?? '', 'base64');
      return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
    });
}

const mario = { address: holders.mario, password };

const views = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const schemes = ['light', 'dark'] as const;

describe(
  'integrations and mail-client settings in the browser',
  { skip: browserSkip, timeout: 600_000 },
  () => {
    let provider: ApiProvider;
    let browser: Browser;
    let receiver: Server;
    let receiverUrl = '';
    let secret = '';
    const received: Received[] = [];
    const cspErrors: string[] = [];

    before(async () => {
      receiver = createServer((request, response) => {
        let body = '';
        request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        request.on('end', () => {
          const event = JSON.parse(body) as { type: string };
          received.push({
            id: String(request.headers['webhook-id']),
            type: event.type,
            signed: signedBy(secret, request.headers, body),
          });
          response.writeHead(204).end();
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      receiverUrl = `http://127.0.0.1:${String((receiver.address() as AddressInfo).port)}/pec-events`;
      provider = await startApiProvider({ overrides: { integration: { webhookPollSeconds: 0.1 } } });
      browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
      mkdirSync(screenshots, { recursive: true });
    });
    after(async () => {
      await browser.close();
      await provider.close();
      await new Promise((resolve) => receiver.close(resolve));
    });

    async function until(what: string, done: () => boolean): Promise<void> {
      for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      assert.ok(done(), what);
    }

    /** Screenshots of the page at `path` for every view and scheme, axe on each. */
    async function shots(path: string, file: string, ready: (page: Page) => Promise<void>): Promise<void> {
      for (const view of views) {
        for (const scheme of schemes) {
          const { context, page } = await signedInPage(browser, provider.base, mario, cspErrors, {
            width: view.width,
            height: view.height,
            colorScheme: scheme,
          });
          await page.goto(`${provider.base}${path}`);
          await ready(page);
          await checkAccessibility(page, `${file} ${view.name} ${scheme}`);
          await page.screenshot({
            path: join(screenshots, `${file}-${view.name}-${scheme}-en.png`),
            fullPage: true,
          });
          await context.close();
        }
      }
    }

    it('creates an API token shown once, uses it, and revokes it', async () => {
      const { context, page } = await signedInPage(browser, provider.base, mario, cspErrors, {
        width: 1280,
        height: 900,
      });
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: provider.base });
      await page.getByRole('link', { name: 'Settings', exact: true }).click();
      await page.getByRole('link', { name: 'Integrations', exact: true }).click();
      await page.getByRole('heading', { name: 'Integrations', level: 1 }).waitFor();
      await page.getByText('No token yet.').waitFor();
      await checkAccessibility(page, 'integrations empty');

      // Refused in words before any request: no name.
      await page.getByRole('button', { name: 'Create token' }).click();
      await page.getByRole('alert').filter({ hasText: 'Give the token a name.' }).waitFor();

      await page.getByLabel('Name', { exact: true }).fill('Accounting ERP');
      await page.getByRole('checkbox', { name: /Manage webhooks/ }).check();
      await page.getByLabel('Valid for').selectOption('30');
      await page.getByRole('button', { name: 'Create token' }).click();
      await page.getByRole('heading', { name: 'Token “Accounting ERP” created' }).waitFor();
      const token = (await page.getByTestId('api-token').innerText()).trim();
      assert.match(token, /^pec_[A-Za-z0-9_-]{43}$/);
      await page.getByRole('button', { name: 'Copy', exact: true }).click();
      await page.getByText('Copied to the clipboard.').waitFor();
      assert.equal(await page.evaluate<string>('navigator.clipboard.readText()'), token);
      const tokens = page.getByRole('list', { name: 'Your API tokens' });
      await tokens.getByText('Accounting ERP').waitFor();
      await tokens.getByText('never used').waitFor();
      await tokens.getByText('Read receipts').waitFor();
      await tokens.getByText(/expires /).waitFor();

      // The token works over HTTP, and the list then shows its use.
      const used = await fetch(`${provider.base}/api/v1/webhooks`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(used.status, 200);
      await page.reload();
      await tokens.getByText(/last used /).waitFor();
      // The secret is not shown again.
      assert.equal(await page.getByTestId('api-token').count(), 0);

      await page.getByRole('button', { name: 'Revoke the token Accounting ERP' }).click();
      await tokens.getByText('Revoked', { exact: true }).waitFor();
      const refused = await fetch(`${provider.base}/api/v1/webhooks`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(refused.status, 401);
      await context.close();
    });

    it('adds a webhook, sends a test event a real receiver verifies, sees it in the log and replays it', async () => {
      const { context, page } = await signedInPage(browser, provider.base, mario, cspErrors, {
        width: 1280,
        height: 900,
      });
      await page.goto(`${provider.base}/settings/integrations`);
      await page.getByText('No webhook yet.').waitFor();
      await page.getByLabel('Address (URL)').fill('ftp://nope');
      await page.getByRole('button', { name: 'Add webhook' }).click();
      await page.getByRole('alert').filter({ hasText: 'Enter an address starting with https://' }).waitFor();

      await page.getByLabel('Address (URL)').fill(receiverUrl);
      await page.getByLabel('Description (optional)').fill('Document system');
      await page.getByRole('checkbox', { name: /New PEC received/ }).uncheck();
      await page.getByRole('button', { name: 'Add webhook' }).click();
      await page.getByRole('heading', { name: `Webhook for ${receiverUrl} added` }).waitFor();
      secret = (await page.getByTestId('webhook-secret').innerText()).trim();
      assert.match(secret, /^whsec_[A-Za-z0-9+/]+=*$/);
      const endpoints = page.getByRole('list', { name: 'Your webhook endpoints' });
      await endpoints.getByText(receiverUrl).waitFor();
      assert.equal(await endpoints.getByText(/New PEC received/).count(), 0);

      await page.getByRole('button', { name: 'Send test event to Document system' }).click();
      await page.getByText('Test event sent: it appears in the log below.').waitFor();
      await until('the receiver gets the test event', () => received.length === 1);
      assert.equal(received[0]?.type, 'webhook.test');
      assert.equal(received[0].signed, true, 'signed with the secret the screen showed');
      const log = page.getByRole('table', { name: 'Deliveries to Document system' });
      // The log looks again while a delivery waits; a reload shows the delivered state for sure.
      await log.getByText('Delivered', { exact: true }).waitFor({ timeout: 15_000 });
      await log.getByText('HTTP 204').waitFor();
      await log.getByText('1 attempt').waitFor();
      await log.getByText(received[0].id).waitFor();
      await checkAccessibility(page, 'integrations with a delivery log');
      await page.screenshot({ path: join(screenshots, 'integrations-webhook-log-en.png'), fullPage: true });

      await log.getByRole('button', { name: /^Send again: Test event of / }).click();
      await until('the replay arrives', () => received.length === 2);
      assert.equal(received[1]?.id, received[0].id, 'the same webhook-id');
      assert.equal(received[1].signed, true);
      await log.getByText('2 attempts').waitFor({ timeout: 15_000 });

      // Disabled: a test event waits, and says so.
      await page.getByRole('button', { name: 'Disable the webhook Document system' }).click();
      await endpoints.getByText('Disabled', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Send test event to Document system' }).click();
      await page.getByText('Test event queued: it will be sent when you enable the webhook.').waitFor();
      await log.getByText('Waiting', { exact: true }).waitFor();
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(received.length, 2);
      await page.getByRole('button', { name: 'Enable the webhook Document system' }).click();
      await until('the waiting test event arrives once enabled', () => received.length === 3);
      assert.equal(received[2]?.signed, true);
      assert.deepEqual(cspErrors, []);
      await context.close();
    });

    it('screenshots of Integrations, desktop and phone, light and dark, with axe', async () => {
      await shots('/settings/integrations', 'integrations', async (page) => {
        await page.getByRole('list', { name: 'Your webhook endpoints' }).getByText(receiverUrl).waitFor();
        await page.getByRole('button', { name: 'Deliveries to Document system' }).click();
        await page.getByRole('table', { name: 'Deliveries to Document system' }).waitFor();
      });
    });

    it('the mail-client page lists the servers and downloads the Apple profile', async () => {
      const { context, page } = await signedInPage(browser, provider.base, mario, cspErrors, {
        width: 1280,
        height: 900,
      });
      await page.getByRole('link', { name: 'Settings', exact: true }).click();
      await page.getByRole('link', { name: 'Mail client', exact: true }).click();
      await page.getByRole('heading', { name: 'Mail client', level: 1 }).waitFor();
      await page.getByText('Thunderbird and Outlook set themselves up', { exact: false }).waitFor();
      const imap = page.getByRole('table', { name: 'Incoming mail (IMAP)' });
      const imaps = provider.running.addresses.find((a) => a.name === 'imaps');
      assert.ok(imaps !== undefined);
      await imap.getByRole('cell', { name: String(imaps.port), exact: true }).waitFor();
      await imap.getByText('SSL/TLS').first().waitFor();
      await page.getByRole('table', { name: 'Outgoing mail (SMTP)' }).waitFor();
      await page.getByText(holders.mario, { exact: true }).waitFor();
      await page.getByText('The password of your PEC box.').waitFor();
      assert.equal(await page.getByRole('heading', { name: 'App passwords' }).count(), 0);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Download the profile for Apple devices' }).click(),
      ]);
      assert.equal(download.suggestedFilename(), `${holders.mario}.mobileconfig`);
      const file = await download.path();
      const profile = await readFile(file, 'utf8');
      assert.match(profile, /<key>PayloadType<\/key>\s*<string>com\.apple\.mail\.managed<\/string>/);
      assert.match(profile, new RegExp(`<integer>${String(imaps.port)}</integer>`));
      await context.close();

      await shots('/settings/mail-client', 'mail-client', async (page) => {
        await page.getByRole('table', { name: 'Incoming mail (IMAP)' }).waitFor();
      });
    });

    it("the operator's console lists the endpoint and replays a delivery", async () => {
      await addPrincipal(provider.ctx, 'admin@ops.example.it', 'admin');
      for (const view of views) {
        for (const scheme of schemes) {
          const context = await browser.newContext({
            viewport: { width: view.width, height: view.height },
            locale: 'en-GB',
            timezoneId: 'Europe/Rome',
            colorScheme: scheme,
          });
          const page = await context.newPage();
          await page.goto(`${provider.base}/admin/signin`);
          await page.locator('#admin-signin-email').fill('admin@ops.example.it');
          await page.locator('#admin-signin-password').fill(adminPassword);
          await page.locator('button[type=submit]').click();
          await page.waitForURL(/\/admin\/(?!signin)/);
          await page.goto(`${provider.base}/admin/operator/webhooks`);
          await page.getByRole('heading', { name: 'Webhook deliveries', level: 1 }).waitFor();
          const endpoints = page.getByRole('list', { name: 'Webhook endpoints' });
          await endpoints
            .getByText(new RegExp(`^${holders.mario} · \\d delivered, \\d waiting, 0 failed`))
            .waitFor();
          await page.getByRole('button', { name: `Deliveries to ${receiverUrl}` }).click();
          const log = page.getByRole('table', { name: `Deliveries to ${receiverUrl}` });
          await log.getByText('Test event').first().waitFor();
          await checkAccessibility(page, `operator webhooks ${view.name} ${scheme}`);
          await page.screenshot({
            path: join(screenshots, `operator-webhooks-${view.name}-${scheme}-en.png`),
            fullPage: true,
          });
          if (view.name === 'desktop' && scheme === 'light') {
            const before = received.length;
            await log
              .getByRole('button', { name: /^Send again: Test event of / })
              .first()
              .click();
            await until('the operator replay arrives', () => received.length === before + 1);
            assert.equal(received.at(-1)?.signed, true);
          }
          await context.close();
        }
      }
    });
  },
);
