/**
 * The "Plan and renewal" screen against a real provider in Chromium (decision 0038): reached from
 * the home screen's space card, it shows the plan, dates, stage and space; the holder buys extra
 * space after seeing its prorated price, renews, is refused a move down to a plan the contents do
 * not fit (the reason and what to do in plain words), moves up, and sees the orders waiting for
 * payment. axe-core finds no serious violation. Screenshots: desktop and phone, light and dark.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { holders, password, startApiProvider, type ApiProvider } from './api-provider.ts';
import { checkAccessibility } from './axe-check.ts';
import { browserSkip, chromiumArgs, chromiumPath, screenshots, signInWithoutForm } from './browser-setup.ts';

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

    const dialog = page.getByRole('dialog');
    const fact = (name: string) =>
      dialog.locator('dt', { hasText: name }).locator('xpath=following-sibling::dd[1]');
    const expiresBefore = await page
      .locator('dt', { hasText: 'Expires' })
      .locator('xpath=following-sibling::dd[1]')
      .innerText();

    await page.getByLabel('New plan').selectOption('mini');
    await page.getByRole('button', { name: 'Change plan' }).click();
    await dialog.getByText('Move to plan mini').waitFor();
    await dialog
      .getByRole('alert')
      .getByText('Your messages do not fit in the space of that plan.', { exact: false })
      .waitFor();
    assert.equal(await dialog.getByRole('button', { name: /^Confirm/ }).isDisabled(), true);
    await dialog.locator('.dialog-actions').getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByLabel('Extra space (GB)').fill('2');
    const buy = page.getByRole('button', { name: /^Buy for €/ });
    await buy.waitFor();
    await page.getByText(/until .*, prorated/).waitFor();
    const spacePrice = (await buy.innerText()).replace('Buy for ', '');
    await buy.click();
    await dialog.getByText('2 GB of extra space until the expiry').waitFor();
    await fact('Price now').getByText(spacePrice, { exact: true }).waitFor();
    assert.equal(await fact('Expiry after the order').innerText(), expiresBefore);
    await fact('Box space after the order').getByText('3 GB', { exact: true }).waitFor();
    await dialog.getByRole('button', { name: `Confirm and pay ${spacePrice}` }).click();
    await page.getByText('The extra space is added.', { exact: false }).waitFor();
    await page
      .getByRole('status')
      .getByText(/^Order \d+: waiting for payment \(prepaid credit/)
      .waitFor();

    await page.getByLabel('Length').selectOption('2');
    await page.getByRole('button', { name: 'Renew', exact: true }).click();
    await dialog.getByText('Renewal for 2 years').waitFor();
    await fact('Price now').getByText('€50.00', { exact: true }).waitFor();
    await dialog.getByRole('button', { name: 'Confirm and pay €50.00' }).click();
    await page.getByText('The box is renewed.', { exact: false }).waitFor();

    await page.getByLabel('New plan').selectOption('plus');
    await page.getByRole('button', { name: 'Change plan' }).click();
    await dialog.getByText('Move to plan plus').waitFor();
    await fact('Price now')
      .getByText(/^€\d+\.\d\d$/)
      .waitFor();
    await fact('Box space after the order').getByText('6 GB', { exact: true }).waitFor();
    await dialog.getByText('prorated by days', { exact: false }).waitFor();
    await checkAccessibility(page, 'plan quote dialog, light');
    await dialog.getByRole('button', { name: /^Confirm and pay €/ }).click();
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
        await signInWithoutForm(page, provider.base, { address: holders.mario, password });
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

  it('shows the quote dialog: en desktop light, it phone dark, fr desktop dark', async () => {
    for (const [lang, device, scheme, viewport] of [
      ['en', 'desktop', 'light', { width: 1280, height: 800 }],
      ['it', 'phone', 'dark', { width: 390, height: 844 }],
      ['fr', 'desktop', 'dark', { width: 1280, height: 800 }],
    ] as const) {
      const context = await browser.newContext({
        viewport,
        locale: { en: 'en-GB', it: 'it-IT', fr: 'fr-FR' }[lang],
        timezoneId: 'Europe/Rome',
        colorScheme: scheme,
      });
      const page = await context.newPage();
      await signInWithoutForm(page, provider.base, { address: holders.mario, password });
      await page.goto(`${provider.base}/settings/plan`);
      await page.getByRole('table').waitFor();
      await page.locator('#plan-target').selectOption('standard');
      await page.locator('section[aria-labelledby="plan-change-title"] button').click();
      const dialog = page.getByRole('dialog');
      await dialog.locator('.plan-quote-price').waitFor();
      if (lang === 'fr') await checkAccessibility(page, 'plan quote dialog, dark');
      await page.screenshot({ path: join(screenshots, `plan-quote-dialog-${lang}-${device}-${scheme}.png`) });
      await context.close();
    }
  });
});
