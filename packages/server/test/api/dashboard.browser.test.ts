/**
 * The home screen against a real provider in Debian's Chromium (playwright-core; decision 0025):
 * opened from the app bar, it shows the unread PEC of the Inbox, the sent PEC awaiting receipts
 * and the delivery problems (from tracking), the space used with the plan, and the latest
 * sign-ins; each item leads to its list (a message awaiting receipts opens the Sent folder
 * searched by its identificativo). axe-core finds no serious or critical violation, light and
 * dark. Screenshots (desktop 1280×800 and phone 390×844; en, it, fr; light and dark).
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

const hour = 3_600_000;

describe('home screen against a real provider', { skip: browserSkip, timeout: 300_000 }, () => {
  let provider: ApiProvider;
  let browser: Browser;

  before(async () => {
    provider = await startApiProvider();
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    mkdirSync(screenshots, { recursive: true });
    const { tracking } = provider.ctx.storage;
    const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * hour);
    for (const sender of [holders.mario, holders.bruno]) {
      const id = (name: string) => `${name}-${sender}`;
      await tracking.track({
        identifier: id('waiting'),
        sender,
        subject: 'Ricorso al TAR Lazio — deposito',
        originalMsgid: null,
        acceptedAt: at(30),
        recipients: [{ address: 'cancelleria@pec.giustizia.example', kind: 'certificato' }],
      });
      await tracking.recordEvent(id('waiting'), 'cancelleria@pec.giustizia.example', {
        status: 'taken-in-charge',
        at: at(29),
      });
      await tracking.track({
        identifier: id('failed'),
        sender,
        subject: 'Diffida ad adempiere',
        originalMsgid: null,
        acceptedAt: at(50),
        recipients: [{ address: 'ufficio@pec.chiuso.example', kind: 'certificato' }],
      });
      await tracking.recordEvent(id('failed'), 'ufficio@pec.chiuso.example', {
        status: 'error',
        at: at(49),
        detail: 'no-dest',
      });
    }
  });
  after(async () => {
    await browser.close();
    await provider.close();
  });

  async function signIn(page: Page, address: string): Promise<void> {
    await signInWithForm(page, provider.base, { address, password });
    await page.waitForURL('**/f/**');
  }

  it('sums up the box and leads to each list', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'en-GB',
      timezoneId: 'Europe/Rome',
      colorScheme: 'light',
    });
    const page = await context.newPage();
    await signIn(page, holders.mario);
    await page.getByRole('link', { name: 'Home', exact: true }).click();
    await page.getByRole('heading', { name: 'Your PEC at a glance', level: 1 }).waitFor();
    const awaiting = page.getByRole('region', { name: 'Awaiting delivery receipts' });
    await awaiting
      .getByText('cancelleria@pec.giustizia.example (taken in charge)', { exact: false })
      .waitFor();
    const problems = page.getByRole('region', { name: 'Non-delivery and anomalies' });
    await problems.getByText('ufficio@pec.chiuso.example (not delivered)', { exact: false }).waitFor();
    await page
      .getByRole('region', { name: 'Space and plan' })
      .getByText('Your box does not expire.')
      .waitFor();
    await page
      .getByRole('region', { name: 'Latest sign-ins' })
      .getByText('HTTP', { exact: false })
      .first()
      .waitFor();
    await checkAccessibility(page, 'home, light');
    await awaiting.getByRole('link', { name: 'Ricorso al TAR Lazio — deposito' }).click();
    await page.waitForURL(/\/f\/\d+\?q=waiting-/);
    assert.match(decodeURIComponent(page.url()), new RegExp(`q=waiting-${holders.mario}`));
    await page.goto(`${provider.base}/home`);
    await page.getByRole('link', { name: 'Open the Inbox' }).click();
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    await context.close();
  });

  it('shows the home screen on desktop and phone, in English, Italian and French, light and dark', async () => {
    await forEachScreenshotView(
      everyScreenshotView(),
      signedInHolderPage(browser, provider.base, { address: holders.bruno, password }),
      async (page, { device, language, scheme }) => {
        await page.goto(`${provider.base}/home`);
        await page.locator('.dash-list li').first().waitFor();
        await page.locator('meter').waitFor();
        if (device === 'desktop') await checkAccessibility(page, `home ${language} ${scheme}`);
        await page.screenshot({
          path: join(screenshots, `dashboard-${device}-${language}-${scheme}.png`),
          fullPage: true,
        });
      },
    );
  });
});
