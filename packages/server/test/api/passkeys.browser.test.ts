/**
 * Passkeys in Debian's Chromium against a real provider at http://localhost (decision 0032), with
 * the Chrome DevTools Protocol's virtual authenticator (CTAP2, resident keys, user verification)
 * standing in for the device: the holder adds a passkey from the Security screen, signs out, signs
 * in with "Sign in with a passkey" (no password), then, with two-step verification on, signs in
 * with the password and the passkey as the second step. Each sign-in is in the access history.
 * No Content-Security-Policy violation and no serious axe finding are allowed. Screenshots
 * (desktop and phone, light and dark) go to docs/screenshots/.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { base32Decode, totpCode } from '../../src/services/account-security/totp.ts';
import { checkAccessibility } from './axe-check.ts';
import { holders, password, signIn, startApiProvider, type ApiProvider } from './api-provider.ts';
import { browserSkip, chromiumArgs, chromiumPath, screenshots } from './browser-setup.ts';

describe('passkeys in the browser', { skip: browserSkip, timeout: 240_000 }, () => {
  let provider: ApiProvider;
  let browser: Browser;
  let base = '';

  before(async () => {
    provider = await startApiProvider({ overrides: { http: { publicUrl: 'http://localhost' } } });
    // WebAuthn needs a secure context and a domain as RP ID: localhost is both.
    base = provider.base.replace('127.0.0.1', 'localhost');
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  });
  after(async () => {
    await browser.close();
    await provider.close();
  });

  async function passwordStep(page: Page, address: string): Promise<void> {
    await page.getByLabel('Address', { exact: true }).fill(address);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  it('adds a passkey, signs in with it alone, then as the second step', async () => {
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
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
      },
    });
    mkdirSync(screenshots, { recursive: true });

    await page.goto(`${base}/`);
    await passwordStep(page, holders.mario);
    await page.locator('.compose-button').waitFor();
    await page.goto(`${base}/settings/security`);
    await page.getByRole('heading', { name: 'Passkeys', level: 2 }).waitFor();
    await page.getByText('No passkeys yet.').waitFor();
    await page.getByLabel('Passkey name', { exact: true }).fill('Work laptop');
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.getByText('Passkey “Work laptop” added.').waitFor();
    await page.getByRole('button', { name: 'Remove passkey Work laptop' }).waitFor();
    await checkAccessibility(page, 'security with a passkey');
    const section = page.locator('section[aria-labelledby="passkeys-title"]');
    await section.screenshot({ path: join(screenshots, 'passkeys-settings-en.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await section.screenshot({ path: join(screenshots, 'passkeys-settings-en-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });

    // Passwordless: the passkey alone (discoverable, user verified).
    await context.clearCookies();
    await page.goto(`${base}/`);
    const passkeyButton = page.getByRole('button', { name: 'Sign in with a passkey' });
    await passkeyButton.waitFor();
    await checkAccessibility(page, 'sign-in with the passkey button');
    await page.screenshot({ path: join(screenshots, 'passkey-sign-in-en.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(screenshots, 'passkey-sign-in-en-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await passkeyButton.click();
    await page.locator('.compose-button').waitFor();

    // Two-step verification on: the password, then the passkey instead of a code.
    const cookie = await signIn(base, holders.mario);
    const headers = { cookie, 'x-pec-request': '1' };
    const enrolled = await fetch(`${base}/api/v1/security/totp/enrolment`, { method: 'POST', headers });
    const enrolment = (await enrolled.json()) as { secret: string };
    assert.equal(enrolled.status, 200, JSON.stringify(enrolment));
    const secret = base32Decode(enrolment.secret);
    assert.ok(secret !== undefined);
    const confirmed = await fetch(`${base}/api/v1/security/totp/confirmation`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ code: totpCode(secret, new Date()) }),
    });
    assert.equal(confirmed.status, 200);
    await context.clearCookies();
    await page.goto(`${base}/`);
    await passwordStep(page, holders.mario);
    const instead = page.getByRole('button', { name: 'Use a passkey instead' });
    await instead.waitFor();
    await checkAccessibility(page, 'second step with the passkey button');
    await page.screenshot({ path: join(screenshots, 'passkey-second-step-en.png') });
    await instead.click();
    await page.locator('.compose-button').waitFor();

    await page.goto(`${base}/settings/security`);
    await page.getByRole('button', { name: 'Remove passkey Work laptop' }).waitFor();
    await page
      .getByText(/Last used/)
      .first()
      .waitFor();
    const history = (await (
      await fetch(`${base}/api/v1/security/access-history?limit=50`, { headers })
    ).json()) as { entries: { outcome: string; protocol: string }[] };
    assert.ok(history.entries.filter((e) => e.outcome === 'success').length >= 4, JSON.stringify(history));
    assert.deepEqual(cspErrors, []);
    await context.close();
  });

  it('shows the passkeys and the sign-in button on a phone, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        locale: 'en-GB',
        timezoneId: 'Europe/Rome',
        colorScheme,
        isMobile: true,
        hasTouch: true,
      });
      const page = await context.newPage();
      await page.goto(`${base}/`);
      await page.getByRole('button', { name: 'Sign in with a passkey' }).waitFor();
      const suffix = colorScheme === 'dark' ? '-dark' : '';
      await page.screenshot({ path: join(screenshots, `passkey-sign-in-phone-en${suffix}.png`) });
      await passwordStep(page, holders.anna);
      await page.locator('.compose-button').waitFor();
      await page.goto(`${base}/settings/security`);
      const section = page.locator('section[aria-labelledby="passkeys-title"]');
      await section.waitFor();
      await section.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(screenshots, `passkeys-settings-phone-en${suffix}.png`) });
      await context.close();
    }
  });
});
