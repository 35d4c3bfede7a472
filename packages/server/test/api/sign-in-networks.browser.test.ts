/**
 * The allow-list of sign-in networks on the Security screen in Debian's Chromium (playwright-core)
 * against a real provider, in English: the holder adds the current address in one click and saves;
 * a box whose list leaves out the browser's network is refused at sign-in with words of its own,
 * and the refused attempt reads as such in the access history. Screenshots of the section
 * (desktop 1280×800 and phone 390×844; en, it, fr; light and dark) go to
 * docs/screenshots/settings-networks-*.png.
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
import { holders, password, startApiProvider, type ApiProvider } from './api-provider.ts';
import { browserSkip, chromiumArgs, chromiumPath, screenshots, signInWithForm } from './browser-setup.ts';

describe('allowed networks in the browser', { skip: browserSkip, timeout: 300_000 }, () => {
  let provider: ApiProvider;
  let browser: Browser;

  before(async () => {
    provider = await startApiProvider();
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    mkdirSync(screenshots, { recursive: true });
  });
  after(async () => {
    await browser.close();
    await provider.close();
  });

  async function signIn(page: Page, address: string): Promise<void> {
    await signInWithForm(page, provider.base, { address, password });
  }

  it('saves the current address as the only allowed network, and refuses a sign-in from elsewhere', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    const page = await context.newPage();
    await signIn(page, holders.bruno);
    await page.waitForURL('**/f/**');
    await page.goto(`${provider.base}/settings/security`);
    const section = page.getByRole('region', { name: 'Allowed networks' });
    await section.getByText('You are connected from 127.0.0.1.').waitFor();
    await section.getByRole('button', { name: 'Add my current address' }).click();
    assert.equal(await section.getByLabel('Networks, one per line').inputValue(), '127.0.0.1');
    await section.getByRole('button', { name: 'Save the list' }).click();
    await section.getByText('Saved. Sign-ins from other networks are refused.').waitFor();
    assert.equal(await section.getByLabel('Networks, one per line').inputValue(), '127.0.0.1/32');
    await section.getByLabel('Networks, one per line').fill('10.0.0.0/8');
    await section.getByRole('button', { name: 'Save the list' }).click();
    await section.getByText(/leaves out the network you are using now/).waitFor();
    await context.close();

    const mario = await provider.ctx.storage.accounts.findMailboxByAddress(holders.mario);
    assert.ok(mario !== undefined);
    await provider.ctx.storage.signInNetworks.replace(mario.id, ['192.0.2.0/24'], new Date());
    const refused = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    const other = await refused.newPage();
    await signIn(other, holders.mario);
    await other
      .getByText('Sign-in from this network is not allowed for this box.', { exact: false })
      .waitFor();
    await other.screenshot({ path: join(screenshots, 'signin-network-refused-en.png') });
    await provider.ctx.storage.signInNetworks.replace(mario.id, [], new Date());
    await signIn(other, holders.mario);
    await other.waitForURL('**/f/**');
    await other.goto(`${provider.base}/settings/security`);
    await other.locator('.history tbody tr', { hasText: 'Refused: network not allowed' }).first().waitFor();
    await refused.close();
  });

  it('shows the section on desktop and phone, in English, Italian and French, light and dark', async () => {
    await forEachScreenshotView(
      everyScreenshotView(),
      signedInHolderPage(browser, provider.base, { address: holders.anna, password }),
      async (page, { device, language, scheme }) => {
        await page.goto(`${provider.base}/settings/security`);
        const section = page.locator('section[aria-labelledby="networks-title"]');
        await section.locator('.networks-current').waitFor();
        await section.scrollIntoViewIfNeeded();
        await section.screenshot({
          path: join(screenshots, `settings-networks-${device}-${language}-${scheme}.png`),
        });
      },
    );
  });
});
