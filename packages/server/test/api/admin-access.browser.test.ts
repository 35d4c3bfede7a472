/**
 * Administrative API tokens and password recovery in Debian's Chromium (playwright-core) against a
 * real provider (decision 0042). A postmaster creates a token at /admin/tokens (only the scopes its
 * role may hold are offered), sees the secret once, calls an administrative route with it, revokes
 * it after a confirmation and the route answers 401. Then "Forgot password?" on /admin/signin asks
 * for a link (the same neutral answer for an unknown address), the mail is caught by a local SMTP
 * sink reached through the relay, /admin/recover/<token> sets the new password, the postmaster signs
 * in with it, and the used link says it no longer works. Screenshots go to docs/screenshots/
 * admin-tokens-*.png and admin-recover-*.png (en desktop light, it phone dark, fr desktop dark).
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { startSmtpSink, type SmtpSink } from '../../src/protocols/smtp/relay-client/testing/smtp-sink.ts';
import { domain, startApiProvider, type ApiProvider } from './api-provider.ts';
import { addPrincipal, adminPassword } from './admin-helpers.ts';
import { browserSkip, chromiumArgs, chromiumPath, screenshots } from './browser-setup.ts';

const desktop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };
const contactDomain = 'contatti.example';
const pm = `pm@${contactDomain}`;
const support = `support@${contactDomain}`;
const newPassword = 'a brand new admin passphrase';
const looks = [
  { language: 'en', locale: 'en-GB', scheme: 'light', device: 'desktop', viewport: desktop },
  { language: 'it', locale: 'it-IT', scheme: 'dark', device: 'phone', viewport: phone },
  { language: 'fr', locale: 'fr-FR', scheme: 'dark', device: 'desktop', viewport: desktop },
] as const;

describe('administrative tokens and recovery in a browser', { skip: browserSkip, timeout: 600_000 }, () => {
  let provider: ApiProvider;
  let sink: SmtpSink;
  let browser: Browser;

  before(async () => {
    provider = await startApiProvider({ overrides: { relay: { dns: false } } });
    sink = await startSmtpSink({
      cert: await readFile(join(provider.dir, 'certs', 'tls-cert.pem'), 'utf8'),
      key: await readFile(join(provider.dir, 'certs', 'tls-key.pem'), 'utf8'),
      noStartTls: true,
    });
    await provider.ctx.storage.routes.set({
      domain: contactDomain,
      host: '127.0.0.1',
      port: sink.port,
      tls: 'none',
    });
    await addPrincipal(provider.ctx, pm, 'postmaster', [domain]);
    await addPrincipal(provider.ctx, support, 'support');
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    mkdirSync(screenshots, { recursive: true });
  });
  after(async () => {
    await browser.close();
    await sink.close();
    await provider.close();
  });

  async function open(look: (typeof looks)[number]): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      viewport: look.viewport,
      locale: look.locale,
      timezoneId: 'Europe/Rome',
      colorScheme: look.scheme,
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: provider.base });
    return { context, page: await context.newPage() };
  }

  async function signIn(page: Page, email: string, password = adminPassword): Promise<void> {
    await page.goto(`${provider.base}/admin/signin`);
    await page.locator('#admin-signin-email').fill(email);
    await page.locator('#admin-signin-password').fill(password);
    await page.locator('form button[type=submit]').click();
    await page.locator('.admin-section').first().waitFor();
  }

  async function values(boxes: Locator): Promise<(string | null)[]> {
    return Promise.all((await boxes.all()).map((box) => box.getAttribute('value')));
  }

  function boxes(secret: string): Promise<Response> {
    return fetch(`${provider.base}/api/v1/admin/domains/${domain}/boxes`, {
      headers: { authorization: `Bearer ${secret}` },
    });
  }

  async function mailTo(to: string, count: number): Promise<string[]> {
    for (let attempt = 0; attempt < 150; attempt++) {
      const mails = sink.received.filter((m) => m.rcptTo.includes(to));
      if (mails.length >= count)
        return mails.map((m) => m.bytes.toString('utf8').replace(/=\r\n/g, '').replace(/=3D/g, '='));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.fail(`no mail number ${String(count)} to ${to} within 30 s`);
  }

  it('creates a token, uses it, revokes it after a confirmation and then it answers 401', async () => {
    const { context, page } = await open(looks[0]);
    await signIn(page, pm);
    const nav = page.getByRole('navigation', { name: 'Administration sections' });
    await nav.getByRole('link', { name: 'API tokens' }).click();
    await page.getByRole('heading', { name: 'API tokens', level: 1 }).waitFor();
    await page.getByText('You have no API token yet.').waitFor();
    // A postmaster may hold read and manage, never message contents.
    const scopes = page.getByRole('group', { name: 'Scopes' });
    assert.deepEqual(await values(scopes.getByRole('checkbox')), ['admin:read', 'admin:manage']);
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByRole('alert').getByText('Give the token a name.').waitFor();
    await page.getByLabel('Name', { exact: true }).fill('nightly report');
    await page.getByLabel('Expires after').selectOption('30');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByText('Token “nightly report” created').waitFor();
    await page.getByText('this is the only time it is shown').waitFor();
    const secret = (await page.getByTestId('admin-token-secret').innerText()).trim();
    assert.match(secret, /^pecadm_[A-Za-z0-9_-]{43}$/);
    await page.getByRole('button', { name: 'Copy' }).click();
    assert.equal(await page.evaluate('navigator.clipboard.readText()'), secret);
    const row = page.getByRole('row', { name: /nightly report/ });
    await row.getByText('Read', { exact: true }).waitFor();
    await row.getByRole('cell', { name: 'Never' }).waitFor();
    await page.screenshot({ path: join(screenshots, 'admin-tokens-desktop-en-light.png'), fullPage: true });

    assert.equal((await boxes(secret)).status, 200, 'the token reads the boxes of the domain');
    await page.reload();
    await row.getByRole('cell', { name: 'Never' }).waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('admin-token-secret').count(), 0, 'the secret is not shown again');

    await row.getByRole('button', { name: 'Revoke nightly report' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke the token?' });
    await dialog.getByText('Scripts using “nightly report” stop working at once.').waitFor();
    await page.screenshot({ path: join(screenshots, 'admin-tokens-revoke-desktop-en-light.png') });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    assert.equal((await boxes(secret)).status, 200, 'cancelled: still live');
    await row.getByRole('button', { name: 'Revoke nightly report' }).click();
    await dialog.getByRole('button', { name: 'Revoke token' }).click();
    await row.getByText('Revoked').waitFor();
    assert.equal((await boxes(secret)).status, 401, 'revoked');
    await context.close();
  });

  it('offers support only the read scope, and looks right in Italian and French, dark', async () => {
    for (const look of looks.slice(1)) {
      const { context, page } = await open(look);
      await signIn(page, look.language === 'it' ? pm : support);
      await page.goto(`${provider.base}/admin/tokens`);
      await page
        .locator('#admin-token-name')
        .fill(look.language === 'it' ? 'backup notturno' : 'supervision');
      if (look.language === 'fr')
        assert.deepEqual(await values(page.locator('input[name=scope]')), ['admin:read']);
      await page.locator('.admin-token-form button[type=submit]').click();
      await page.getByTestId('admin-token-secret').waitFor();
      await page.screenshot({
        path: join(screenshots, `admin-tokens-${look.device}-${look.language}-${look.scheme}.png`),
        fullPage: true,
      });
      await context.close();
    }
  });

  it('recovers the password from "Forgot password?" through the mailed link', async () => {
    const { context, page } = await open(looks[0]);
    await page.goto(`${provider.base}/admin/signin`);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.waitForURL('**/admin/recover');
    await page.getByLabel('E-mail address').fill('not an address');
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText('Enter a complete address').waitFor();
    await page.screenshot({ path: join(screenshots, 'admin-recover-request-desktop-en-light.png') });
    // An unknown address gets exactly the same answer, and no mail.
    await page.getByLabel('E-mail address').fill(`nessuno@${contactDomain}`);
    await page.getByRole('button', { name: 'Send the link' }).click();
    const neutral = await page.getByRole('status').innerText();
    assert.match(neutral, /If this address belongs to an administration account/);
    await page.getByRole('link', { name: 'Back to sign-in' }).click();
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByLabel('E-mail address').fill(pm);
    await page.getByRole('button', { name: 'Send the link' }).click();
    assert.equal(await page.getByRole('status').innerText(), neutral);
    await page.screenshot({ path: join(screenshots, 'admin-recover-sent-desktop-en-light.png') });

    const [mail] = await mailTo(pm, 1);
    const token = /\/admin\/recover\/([A-Za-z0-9_-]{43})/.exec(mail ?? '')?.[1];
    assert.ok(token !== undefined, mail);
    // The other looks of the reset page, before the link is used (checking it does not use it).
    for (const look of looks.slice(1)) {
      const other = await open(look);
      await other.page.goto(`${provider.base}/admin/recover/${token}`);
      await other.page.locator('#admin-recover-new').waitFor();
      await other.page.screenshot({
        path: join(screenshots, `admin-recover-${look.device}-${look.language}-${look.scheme}.png`),
        fullPage: true,
      });
      await other.page.goto(`${provider.base}/admin/recover`);
      await other.page.locator('#admin-recover-email').waitFor();
      await other.page.screenshot({
        path: join(screenshots, `admin-recover-request-${look.device}-${look.language}-${look.scheme}.png`),
        fullPage: true,
      });
      await other.context.close();
    }

    await page.goto(`${provider.base}/admin/recover/${token}`);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('Repeat the new password').fill('something else entirely');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByText('The two passwords are not the same.').waitFor();
    await page.screenshot({ path: join(screenshots, 'admin-recover-desktop-en-light.png') });
    await page.getByLabel('Repeat the new password').fill(newPassword);
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByText(`Sign in as ${pm} with the new password.`).waitFor();
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL('**/admin/signin');
    await page.getByLabel('E-mail address').fill(pm);
    await page.getByLabel('Password').fill(adminPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('Sign-in failed').waitFor();
    await page.getByLabel('Password').fill(newPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Administration sections' }).waitFor();

    // The link worked once.
    await page.goto(`${provider.base}/admin/recover/${token}`);
    await page.getByRole('heading', { name: 'This link no longer works' }).waitFor();
    await page.getByText('It was already used, or it expired.').waitFor();
    await page.screenshot({ path: join(screenshots, 'admin-recover-used-desktop-en-light.png') });
    await page.getByRole('link', { name: 'Ask for a new link' }).click();
    await page.waitForURL('**/admin/recover');
    // Nothing went to the unknown address.
    assert.equal(sink.received.filter((m) => !m.rcptTo.includes(pm)).length, 0);
    await context.close();
  });
});
