/**
 * The settings hub and the Options screen against a real provider in Debian's Chromium
 * (playwright-core; decision 0025): the holder opens Settings from the app bar, sees every section
 * of the hub, changes the theme, the mark-read delay, the receipts default and the signature in
 * Options; a second browser (another device, another language) signs in and finds the same options
 * applied: the dark theme at once, the same values in the form; choosing Italian there switches
 * the app. axe-core finds no serious or critical violation on the hub and Options, light and dark.
 * Screenshots (desktop 1280×800 and phone 390×844; en, it, fr; light and dark) go to docs/screenshots/.
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
import { checkAccessibility } from './axe-check.ts';
import { browserSkip, chromiumArgs, chromiumPath, screenshots, signInWithForm } from './browser-setup.ts';

const themeOf = (page: Page) => page.evaluate<string | undefined>('document.documentElement.dataset.theme');

describe('settings hub and options against a real provider', { skip: browserSkip, timeout: 300_000 }, () => {
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
    await page.waitForURL('**/f/**');
  }

  it('saves the options on the server and applies them on another device', async () => {
    const laptop = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'en-GB',
      timezoneId: 'Europe/Rome',
      colorScheme: 'light',
    });
    const cspErrors: string[] = [];
    laptop.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
        cspErrors.push(message.text());
    });
    const page = await laptop.newPage();
    await signIn(page, holders.mario);
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    const hub = page.getByRole('navigation', { name: 'Settings' });
    assert.deepEqual(await hub.getByRole('link').allInnerTexts(), [
      'Options',
      'Security',
      'Ordinary mail',
      'Rules on incoming messages',
      'Antispam',
      'Notices',
      'Contact details',
      'Security archive',
      'Mail client',
      'Integrations',
      'Plan and renewal',
    ]);
    await checkAccessibility(page, 'settings hub');
    await hub.getByRole('link', { name: 'Options' }).click();
    await page.getByRole('heading', { name: 'Options', level: 1 }).waitFor();
    await checkAccessibility(page, 'options, light');

    await page.getByLabel('Theme', { exact: true }).selectOption('dark');
    await page.getByRole('status').getByText('Saved.').waitFor();
    assert.equal(await themeOf(page), 'dark');
    await checkAccessibility(page, 'options, dark');
    await page.getByLabel('Mark as read', { exact: true }).selectOption('never');
    await page.getByLabel('Hide receipts from the list by default').check();
    await page.getByLabel('Signature text').fill('Avv. Mario Rossi\nForo di Roma');
    await page.getByRole('button', { name: 'Save signature' }).click();
    await page.waitForFunction("document.querySelector('form button.primary[type=submit]').disabled");
    // The side navigation leads to Security, which keeps its own screen.
    await page
      .getByRole('navigation', { name: 'Settings' })
      .getByRole('link', { name: 'Security', exact: true })
      .click();
    await page.getByRole('heading', { name: 'Security', level: 1 }).waitFor();
    assert.deepEqual(cspErrors, []);

    // Another device: French browser, light system theme. The holder's dark theme follows.
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'fr-FR',
      timezoneId: 'Europe/Rome',
      colorScheme: 'light',
    });
    const other = await phone.newPage();
    await signIn(other, holders.mario);
    await other.waitForFunction("document.documentElement.dataset.theme === 'dark'");
    await other.goto(`${provider.base}/settings/options`);
    await other.getByRole('heading', { name: 'Préférences', level: 1 }).waitFor();
    assert.equal(await other.getByLabel('Thème', { exact: true }).inputValue(), 'dark');
    assert.equal(await other.getByLabel('Marquer comme lu', { exact: true }).inputValue(), 'never');
    assert.equal(await other.getByLabel('Masquer les reçus dans la liste par défaut').isChecked(), true);
    assert.equal(
      await other.getByLabel('Texte de la signature').inputValue(),
      'Avv. Mario Rossi\nForo di Roma',
    );
    assert.equal(await other.evaluate("localStorage.getItem('pec.hideReceipts')"), '1');
    await other
      .getByRole('region', { name: 'Affichage' })
      .getByLabel('Langue', { exact: true })
      .selectOption('it');
    await other.getByRole('heading', { name: 'Preferenze', level: 1 }).waitFor();
    // Back on the laptop, a reload brings the Italian chosen on the phone.
    await page.reload();
    await page.getByRole('heading', { name: 'Sicurezza', level: 1 }).waitFor();
    await phone.close();
    await laptop.close();
  });

  it('keeps two quick changes on screen while the first one is still being saved', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    const page = await context.newPage();
    await signIn(page, holders.anna);
    await page.goto(`${provider.base}/settings/options`);
    await page.getByRole('heading', { name: 'Options', level: 1 }).waitFor();
    const markRead = page.getByLabel('Mark as read', { exact: true });
    const hideReceipts = page.getByLabel('Hide receipts from the list by default');
    const before = await markRead.inputValue();
    assert.notEqual(before, 'never');
    assert.equal(await hideReceipts.isChecked(), false);

    // The first change's request is held in the browser; the second goes through and is answered
    // by a server that has not seen the first yet.
    let releaseFirst: (() => void) | undefined;
    const firstHeld = new Promise<void>((resolve) => {
      void page.route('**/api/v1/preferences', async (route) => {
        if (route.request().method() !== 'PATCH' || releaseFirst !== undefined) return route.continue();
        await new Promise<void>((release) => {
          releaseFirst = release;
          resolve();
        });
        return route.continue();
      });
    });
    await markRead.selectOption('never');
    await firstHeld;
    const secondAnswered = page.waitForResponse(
      (response) => response.url().endsWith('/api/v1/preferences') && response.request().method() === 'PATCH',
    );
    await hideReceipts.check();
    assert.equal((await secondAnswered).status(), 200);
    await page.waitForTimeout(100);
    assert.equal(await markRead.inputValue(), 'never', 'the held change still shows after the other answer');
    assert.equal(await hideReceipts.isChecked(), true);

    const firstAnswered = page.waitForResponse(
      (response) => response.url().endsWith('/api/v1/preferences') && response.request().method() === 'PATCH',
    );
    releaseFirst?.();
    assert.equal((await firstAnswered).status(), 200);
    await page.waitForTimeout(100);
    assert.equal(await markRead.inputValue(), 'never');
    assert.equal(await hideReceipts.isChecked(), true);
    // Both reached the server.
    const saved = await page.evaluate(async () => {
      const body = (await (await fetch('/api/v1/preferences')).json()) as {
        markReadAfterSeconds: number | null;
        hideReceipts: boolean;
      };
      return [body.markReadAfterSeconds, body.hideReceipts];
    });
    assert.deepEqual(saved, [null, true]);
    await context.close();
  });

  it('shows the hub and Options on desktop and phone, in English, Italian and French, light and dark', async () => {
    await forEachScreenshotView(
      everyScreenshotView(),
      signedInHolderPage(browser, provider.base, { address: holders.bruno, password }),
      async (page, { device, language, scheme }) => {
        await page.goto(`${provider.base}/settings`);
        await page.locator('.settings-hub-list a').first().waitFor();
        await page.screenshot({
          path: join(screenshots, `settings-hub-${device}-${language}-${scheme}.png`),
        });
        await page.goto(`${provider.base}/settings/options`);
        await page.locator('.option-signature').waitFor();
        if (device === 'phone' && language !== 'en')
          await checkAccessibility(page, `options ${language} ${scheme}`);
        await page.screenshot({
          path: join(screenshots, `settings-options-${device}-${language}-${scheme}.png`),
          fullPage: true,
        });
      },
    );
  });
});
