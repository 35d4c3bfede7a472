/**
 * The Security screen against a real provider in Debian's Chromium (playwright-core): the holder
 * opens it from the app bar's Settings, turns on two-step verification by scanning nothing but reading the
 * key under the QR code and typing the code computed from it (RFC 6238), saves the recovery codes,
 * creates an app password, signs out and signs back in with the password and a fresh code.
 * No Content-Security-Policy violation is allowed (the QR code is an SVG data URL, img-src data:).
 * Screenshots (desktop and phone 390×844; en, it, fr; light and dark) go to docs/screenshots/.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  everyScreenshotView,
  forEachScreenshotView,
  signedInHolderPage,
} from '../support/screenshot-views.ts';
import { base32Decode, totpCode } from '../../src/services/account-security/totp.ts';
import { checkAccessibility } from './axe-check.ts';
import { holders, password, startApiProvider, type ApiProvider } from './api-provider.ts';
import { browserSkip, chromiumArgs, chromiumPath, screenshots } from './browser-setup.ts';

describe('security settings against a real provider', { skip: browserSkip, timeout: 240_000 }, () => {
  let provider: ApiProvider;
  let browser: Browser;

  before(async () => {
    provider = await startApiProvider();
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  });
  after(async () => {
    await browser.close();
    await provider.close();
  });

  async function signInWithPassword(page: Page, address: string): Promise<void> {
    await page.getByLabel('Address', { exact: true }).fill(address);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  it('enrols TOTP from the Security screen and signs in with a code', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
      timezoneId: 'Europe/Rome',
      colorScheme: 'light',
    });
    const cspErrors: string[] = [];
    context.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
        cspErrors.push(message.text());
    });
    const page = await context.newPage();
    await page.goto(`${provider.base}/`);
    await signInWithPassword(page, holders.anna);
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('link', { name: 'Security', exact: true }).click();
    await page.getByRole('heading', { name: 'Security', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Signed-in devices' }).waitFor();
    await page.getByText('This device', { exact: true }).waitFor();
    mkdirSync(screenshots, { recursive: true });

    await page.getByRole('button', { name: 'Set up two-step verification' }).click();
    const qr = page.getByRole('img', { name: 'QR code for your authenticator app' });
    await qr.waitFor();
    assert.equal(
      await qr.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth > 0),
      true,
      'the QR code renders',
    );
    const key = (await page.locator('code.secret').innerText()).replace(/\s/g, '');
    const secret = base32Decode(key);
    assert.ok(secret !== undefined && secret.length === 20, key);
    await page.screenshot({ path: join(screenshots, 'security-enrolment-en.png'), fullPage: true });
    await page.getByLabel('Code', { exact: true }).fill(totpCode(secret, new Date()));
    await page.getByRole('button', { name: 'Turn on', exact: true }).click();
    const codes = page.getByRole('list', { name: 'Your recovery codes' }).getByRole('listitem');
    await codes.first().waitFor();
    assert.equal(await codes.count(), 10);
    await page.getByRole('button', { name: 'I have saved them' }).click();
    await page.getByText('10 recovery codes left.').waitFor();

    await page.getByLabel('Name', { exact: true }).fill('Thunderbird');
    await page.getByRole('button', { name: 'Create app password' }).click();
    const appPassword = await page.getByTestId('app-password').innerText();
    assert.match(appPassword, /^[a-z]{4}-[a-z]{4}-[a-z]{4}-[a-z]{4}$/);
    await page.getByRole('button', { name: 'Revoke Thunderbird' }).waitFor();
    await page.getByRole('cell', { name: 'Webmail' }).first().waitFor();
    await page.screenshot({ path: join(screenshots, 'security-enabled-en.png'), fullPage: true });

    // Sign out and back in: the password, then a code of the next step (this one is spent).
    await page.getByRole('link', { name: 'Back to mail' }).click();
    await page.getByRole('button', { name: /^Sign out/ }).click();
    await signInWithPassword(page, holders.anna);
    await page.getByRole('heading', { name: 'Two-step verification' }).waitFor();
    await page.screenshot({ path: join(screenshots, 'signin-code-en.png') });
    await page.getByLabel('Code', { exact: true }).fill('000000');
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await page.getByRole('alert').getByText('The code is wrong or was already used.').waitFor();
    await page.getByLabel('Code', { exact: true }).fill(totpCode(secret, new Date(Date.now() + 30_000)));
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await page.getByRole('link', { name: 'Settings', exact: true }).waitFor();
    assert.deepEqual(cspErrors, []);
    await context.close();
  });

  it('shows the Security screen on desktop and phone, in English, Italian and French, light and dark', async () => {
    await forEachScreenshotView(
      everyScreenshotView({ width: 1280, height: 900 }),
      signedInHolderPage(browser, provider.base, { address: holders.bruno, password }),
      async (page, { device, language, scheme }) => {
        await page.goto(`${provider.base}/settings/security`);
        await page.locator('.history tbody tr').first().waitFor();
        await page.locator('.settings-item').first().waitFor();
        await checkAccessibility(page, `security ${device} ${language} ${scheme}`);
        await page.screenshot({
          path: join(screenshots, `security-${device}-${language}-${scheme}.png`),
          fullPage: true,
        });
      },
    );
  });
});
