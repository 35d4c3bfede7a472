/**
 * The "Plan and renewal" screen against a real provider in Chromium (decision 0038): reached from
 * the home screen's space card, it shows the plan, dates, stage and space; the holder buys extra
 * space after seeing its prorated price, renews, is refused a move down to a plan the contents do
 * not fit (the reason and what to do in plain words), moves up, and sees the orders waiting for
 * payment. axe-core finds no serious violation. Screenshots: desktop and phone, light and dark.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { holders, password, startApiProvider, type ApiProvider } from './api-provider.ts';
import { checkAccessibility } from './axe-check.ts';
import { browserSkip, chromiumArgs, chromiumPath, screenshots } from './browser-setup.ts';

const day = 86_400_000;
const gib = 1024 ** 3;

describe('plan and renewal screen against a real provider', { skip: browserSkip, timeout: 300_000 }, () => {
  let provider: ApiProvider;
  let browser: Browser;

  before(async () => {
    provider = await startApiProvider();
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    mkdirSync(screenshots, { recursive: true });
    const { plans, accounts } = provider.ctx.storage;
    const plan = { description: '', archiveQuotaBytes: gib, smsIncluded: false, durationMonths: 12 };
    await plans.update('standard', { priceCents: 2500, archiveQuotaBytes: gib });
    await plans.add({ ...plan, name: 'mini', boxQuotaBytes: 1000, priceCents: 900 });
    await plans.add({ ...plan, name: 'plus', boxQuotaBytes: 4 * gib, priceCents: 6000, smsIncluded: true });
    const box = await accounts.findMailboxByAddress(holders.mario);
    if (box === undefined) throw new Error('no mario');
    await accounts.updateMailbox(box.id, { expiresAt: new Date(Date.now() + 120 * day) });
    await provider.deliverPec(holders.anna, holders.mario, 'Contratto', 'x'.repeat(3000));
  });
  after(async () => {
    await browser.close();
    await provider.close();
  });

  async function signIn(page: Page, address: string): Promise<void> {
    await page.goto(`${provider.base}/signin`);
    await page.locator('#signin-address').fill(address);
    await page.locator('#signin-password').fill(password);
    await page.locator('form button[type=submit]').click();
    await page.waitForURL('**/f/**');
  }

  it('is refused a move down with the reason, buys space, renews, moves up, lists orders', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'en-GB',
      timezoneId: 'Europe/Rome',
      colorScheme: 'light',
    });
    const page = await context.newPage();
    await signIn(page, holders.mario);
    await page.goto(`${provider.base}/home`);
    await page.getByRole('link', { name: 'Plan and renewal' }).first().click();
    await page.getByRole('heading', { name: 'Plan and renewal', level: 1 }).waitFor();
    await page.getByText('Active', { exact: true }).waitFor();
    await page.getByText('€25.00 every 12 months').waitFor();

    await page.getByLabel('New plan').selectOption('mini');
    await page.getByRole('button', { name: 'Change plan' }).click();
    await page
      .getByRole('alert')
      .getByText('Your messages do not fit in the space of that plan.', { exact: false })
      .waitFor();

    await page.getByLabel('Extra space (GB)').fill('2');
    const buy = page.getByRole('button', { name: /^Buy for €/ });
    await buy.waitFor();
    await page.getByText(/until .*, prorated/).waitFor();
    await buy.click();
    await page.getByText('The extra space is added.', { exact: false }).waitFor();

    await page.getByLabel('Length').selectOption('2');
    await page.getByRole('button', { name: 'Renew', exact: true }).click();
    await page.getByText('The box is renewed.', { exact: false }).waitFor();

    await page.getByLabel('New plan').selectOption('plus');
    await page.getByRole('button', { name: 'Change plan' }).click();
    await page.getByText('The box is now on plan plus.').waitFor();

    const orders = page.getByRole('table');
    await orders.getByRole('cell', { name: 'Extra space' }).waitFor();
    await orders.getByRole('cell', { name: 'Renewal' }).waitFor();
    await orders.getByRole('cell', { name: 'Plan change' }).waitFor();
    await orders.getByText('Waiting for payment').first().waitFor();

    await page.getByLabel('Renew automatically at expiry').click();
    await page.getByText('Automatic renewal is on.').waitFor();
    await checkAccessibility(page, 'plan, light');
    await context.close();
  });

  it('shows the screen on desktop and phone, light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      for (const [device, viewport] of [
        ['desktop', { width: 1280, height: 800 }],
        ['phone', { width: 390, height: 844 }],
      ] as const) {
        const context = await browser.newContext({
          viewport,
          locale: 'en-GB',
          timezoneId: 'Europe/Rome',
          colorScheme: scheme,
        });
        const page = await context.newPage();
        await signIn(page, holders.mario);
        await page.goto(`${provider.base}/settings/plan`);
        await page.getByRole('table').waitFor();
        if (device === 'desktop') await checkAccessibility(page, `plan ${scheme}`);
        await page.screenshot({
          path: join(screenshots, `plan-renewal-${device}-en-${scheme}.png`),
          fullPage: true,
        });
        await context.close();
      }
    }
  });
});
