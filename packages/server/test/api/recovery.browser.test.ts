/**
 * Password recovery in Debian's Chromium (playwright-core) against a real provider, in English:
 * from the sign-in screen's "Forgot password?" to the request page, the link read from the
 * contact mailbox (a local SMTP sink behind the relay), two different passwords refused, the new
 * one set, the sign-in with it, and the same link refused the second time.
 * Screenshots (desktop 1280×800 and phone 390×844; en, it, fr; light and dark) go to
 * docs/screenshots/recover-*.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { startSmtpSink, type SmtpSink } from '../../src/protocols/smtp/relay-client/testing/smtp-sink.ts';
import {
  newRecoveryToken,
  recoveryTokenHash,
} from '../../src/services/password-recovery/recovery-secrets.ts';
import { holders, startApiProvider, type ApiProvider } from './api-provider.ts';
import { browserSkip, chromiumArgs, chromiumPath, screenshots } from './browser-setup.ts';

const contactDomain = 'contatti.example';
const taxCode = 'RSSMRA85T10A562S';
const newPassword = 'un cavallo stanco corre';
const devices = [
  ['desktop', { width: 1280, height: 800 }],
  ['phone', { width: 390, height: 844 }],
] as const;
const languages = [
  ['en', 'en-GB'],
  ['it', 'it-IT'],
  ['fr', 'fr-FR'],
] as const;

describe('password recovery in the browser', { skip: browserSkip, timeout: 300_000 }, () => {
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
    const mario = await provider.ctx.storage.accounts.findMailboxByAddress(holders.mario);
    assert.ok(mario !== undefined);
    await provider.ctx.storage.accounts.updateMailbox(mario.id, {
      holderTaxCode: taxCode,
      contactEmail: `mario@${contactDomain}`,
    });
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    mkdirSync(screenshots, { recursive: true });
  });
  after(async () => {
    await browser.close();
    await provider.close();
    await sink.close();
  });

  async function linkFromSink(): Promise<string> {
    for (let attempt = 0; attempt < 150; attempt++) {
      const mail = sink.received.find((m) => m.rcptTo.includes(`mario@${contactDomain}`));
      if (mail !== undefined) {
        const text = mail.bytes.toString('utf8').replace(/=\r\n/g, '');
        const match = /\/recover\/([A-Za-z0-9_-]{43})/.exec(text);
        assert.ok(match?.[0] !== undefined, text);
        return match[0];
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.fail('no recovery mail within 30 s');
  }

  /** A link of Mario's box made directly in storage, for the screenshots of the reset page. */
  async function freshLink(): Promise<string> {
    const mario = await provider.ctx.storage.accounts.findMailboxByAddress(holders.mario);
    assert.ok(mario !== undefined);
    const token = newRecoveryToken();
    const now = new Date();
    await provider.ctx.storage.recoveryTokens.insert({
      tokenHash: recoveryTokenHash(token),
      mailboxId: mario.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + 30 * 60_000),
    });
    return `/recover/${token}`;
  }

  it('recovers the password from "Forgot password?" to signing in with the new one', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'en-GB',
      timezoneId: 'Europe/Rome',
      colorScheme: 'light',
    });
    const page = await context.newPage();
    await page.goto(`${provider.base}/signin`);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByRole('heading', { name: 'Reset your password', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText('Enter your PEC address.').waitFor();
    await page.getByLabel('PEC address').fill(holders.mario);
    await page.getByLabel('Tax code of the holder').fill('RSSMRA85T10A562X');
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText('This is not a valid codice fiscale or partita IVA.').waitFor();
    await page.screenshot({ path: join(screenshots, 'recover-request-error-en.png') });
    await page.getByLabel('Tax code of the holder').fill(taxCode.toLowerCase());
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByRole('heading', { name: 'Check your contact e-mail' }).waitFor();
    await page.screenshot({ path: join(screenshots, 'recover-sent-desktop-en-light.png') });

    const link = await linkFromSink();
    await page.goto(`${provider.base}${link}`);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('Repeat the new password').fill(`${newPassword}!`);
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByText('The two passwords are not the same.').waitFor();
    await page.screenshot({ path: join(screenshots, 'recover-reset-mismatch-en.png') });
    await page.getByLabel('Repeat the new password').fill(newPassword);
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByRole('heading', { name: 'Password changed' }).waitFor();
    await page.getByText(holders.mario, { exact: false }).waitFor();
    await page.screenshot({ path: join(screenshots, 'recover-done-desktop-en-light.png') });

    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Address', { exact: true }).fill(holders.mario);
    await page.getByLabel('Password', { exact: true }).fill(newPassword);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL('**/f/**');

    // The same link, a second time.
    await page.goto(`${provider.base}${link}`);
    await page.getByRole('heading', { name: 'This link no longer works' }).waitFor();
    await page.screenshot({ path: join(screenshots, 'recover-invalid-desktop-en-light.png') });
    await page.getByRole('link', { name: 'Ask for a new link' }).click();
    await page.getByRole('heading', { name: 'Reset your password', level: 1 }).waitFor();
    await context.close();
  });

  it('shows the recovery pages on desktop and phone, in English, Italian and French, light and dark', async () => {
    for (const [language, locale] of languages) {
      for (const scheme of ['light', 'dark'] as const) {
        for (const [device, viewport] of devices) {
          const context: BrowserContext = await browser.newContext({
            viewport,
            locale,
            timezoneId: 'Europe/Rome',
            colorScheme: scheme,
          });
          const page = await context.newPage();
          await page.goto(`${provider.base}/recover`);
          await page.locator('#recover-address').waitFor();
          await page.screenshot({
            path: join(screenshots, `recover-request-${device}-${language}-${scheme}.png`),
            fullPage: true,
          });
          await page.goto(`${provider.base}${await freshLink()}`);
          await page.locator('#recover-new').waitFor();
          await page.screenshot({
            path: join(screenshots, `recover-reset-${device}-${language}-${scheme}.png`),
            fullPage: true,
          });
          await context.close();
        }
      }
    }
  });
});
