/**
 * The Notices screen in Debian's Chromium (playwright-core) against a real provider, in English:
 * the holder adds an address, types the code the relay delivered to a local SMTP sink, sees it
 * verified, and removes another. Screenshots of the screen (desktop 1280×800 and phone 390×844;
 * en, it, fr; light and dark) with one verified and one pending address go to
 * docs/screenshots/settings-notices-*.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  everyScreenshotView,
  forEachScreenshotView,
  signedInHolderPage,
} from '../support/screenshot-views.ts';
import { startSmtpSink, type SmtpSink } from '../../src/protocols/smtp/relay-client/testing/smtp-sink.ts';
import { holders, password, startApiProvider, type ApiProvider } from './api-provider.ts';
import { browserSkip, chromiumArgs, chromiumPath, screenshots, signInWithForm } from './browser-setup.ts';

const noticeDomain = 'avvisi.example';

describe('notices in the browser', { skip: browserSkip, timeout: 300_000 }, () => {
  let provider: ApiProvider;
  let browser: Browser;
  let sink: SmtpSink;

  before(async () => {
    provider = await startApiProvider({ overrides: { relay: { dns: false } } });
    sink = await startSmtpSink({
      cert: await readFile(join(provider.dir, 'certs', 'tls-cert.pem'), 'utf8'),
      key: await readFile(join(provider.dir, 'certs', 'tls-key.pem'), 'utf8'),
      noStartTls: true,
    });
    await provider.ctx.storage.routes.set({
      domain: noticeDomain,
      host: '127.0.0.1',
      port: sink.port,
      tls: 'none',
    });
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    mkdirSync(screenshots, { recursive: true });
  });
  after(async () => {
    await browser.close();
    await provider.close();
    await sink.close();
  });

  async function signIn(page: Page, address: string): Promise<void> {
    await signInWithForm(page, provider.base, { address, password });
    await page.waitForURL('**/f/**');
  }
  async function codeFor(address: string): Promise<string> {
    for (let attempt = 0; attempt < 150; attempt++) {
      const mail = sink.received.filter((m) => m.rcptTo.includes(address)).at(-1);
      const code =
        mail === undefined ? undefined : /Verification code: (\d{6})/.exec(mail.bytes.toString('utf8'))?.[1];
      if (code !== undefined) return code;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.fail(`no code to ${address} within 30 s`);
  }

  it('adds an address, verifies it with the mailed code, and removes another', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    const page = await context.newPage();
    await signIn(page, holders.anna);
    await page.goto(`${provider.base}/settings/notices`);
    const section = page.getByRole('region', { name: 'E-mail notices of new PEC' });
    await section.getByText('No notice address yet.').waitFor();
    const address = `anna@${noticeDomain}`;
    await section.getByLabel('New address').fill(address);
    await section.getByRole('button', { name: 'Add and send a code' }).click();
    await section.getByText(`A six-digit code was sent to ${address}.`, { exact: false }).waitFor();
    await section.getByLabel(`Code for ${address}`).fill('000000');
    await section.getByRole('button', { name: 'Verify' }).click();
    await section.getByText('the code is not the one sent to this address').waitFor();
    await section.getByLabel(`Code for ${address}`).fill(await codeFor(address));
    await section.getByRole('button', { name: 'Verify' }).click();
    await section.getByText(`${address} is verified`, { exact: false }).waitFor();
    await section.locator('.settings-item', { hasText: address }).getByText('Verified').waitFor();

    const other = `anna.ufficio@${noticeDomain}`;
    await section.getByLabel('New address').fill(other);
    await section.getByRole('button', { name: 'Add and send a code' }).click();
    await section.getByText('Waiting for the code').waitFor();
    const third = `anna.old@${noticeDomain}`;
    await section.getByLabel('New address').fill(third);
    await section.getByRole('button', { name: 'Add and send a code' }).click();
    await section.getByRole('button', { name: `Remove ${third}` }).click();
    await section.getByText(`${third} was removed.`).waitFor();
    assert.equal(await section.locator('.notice-address').count(), 2);
    await context.close();
  });

  it('shows the screen on desktop and phone, in English, Italian and French, light and dark', async () => {
    await forEachScreenshotView(
      everyScreenshotView(),
      signedInHolderPage(browser, provider.base, { address: holders.anna, password }),
      async (page, { device, language, scheme }) => {
        await page.goto(`${provider.base}/settings/notices`);
        await page.locator('.notice-address').nth(1).waitFor();
        await page.screenshot({
          path: join(screenshots, `settings-notices-${device}-${language}-${scheme}.png`),
          fullPage: true,
        });
      },
    );
  });
});
