/**
 * The security archive in Debian's Chromium (playwright-core) against a real provider, in English
 * (decision 0035): the holder switches it on in /settings/security-archive; a PEC delivered
 * afterwards shows in the "Security archive" folder marked read-only, with no mark, flag, move or
 * delete action; the list filters by kind and searches by subject; the message opens in the reader
 * with its PEC panel and an .eml download; once manual deletion is allowed, deleting asks for a
 * confirmation and removes it. axe finds no serious violation on either screen. Screenshots
 * (desktop and phone, light and dark; en and it) go to docs/screenshots/security-archive-*.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { checkAccessibility } from './axe-check.ts';
import { holders, password, startApiProvider, type ApiProvider } from './api-provider.ts';
import { browserSkip, chromiumArgs, chromiumPath, screenshots, signedInPage } from './browser-setup.ts';

describe('security archive in the browser', { skip: browserSkip, timeout: 300_000 }, () => {
  let provider: ApiProvider;
  let browser: Browser;
  const cspErrors: string[] = [];

  before(async () => {
    provider = await startApiProvider();
    await provider.ctx.storage.plans.add({
      name: 'pro',
      description: 'Pro',
      boxQuotaBytes: 2_000_000_000,
      archiveQuotaBytes: 3_000_000_000,
      smsIncluded: false,
      durationMonths: 12,
      priceCents: 0,
    });
    const anna = await provider.ctx.storage.accounts.findMailboxByAddress(holders.anna);
    assert.ok(anna !== undefined);
    await provider.ctx.storage.accounts.updateMailbox(anna.id, { plan: 'pro' });
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    mkdirSync(screenshots, { recursive: true });
  });
  after(async () => {
    await browser.close();
    await provider.close();
  });

  it('switches it on, shows archived PEC read-only, and deletes only when allowed, after a confirmation', async () => {
    const { context, page } = await signedInPage(
      browser,
      provider.base,
      { address: holders.anna, password },
      cspErrors,
      { width: 1280, height: 800 },
    );
    await page.goto(`${provider.base}/settings/security-archive`);
    const settings = page.getByRole('region', { name: 'Archive settings' });
    await settings.getByLabel('Keep a copy in the security archive').check();
    assert.equal(
      await settings.getByLabel('Allow deleting from the archive').isChecked(),
      false,
      'off by default',
    );
    await settings.getByRole('button', { name: 'Save' }).click();
    await settings.getByText('Security archive settings saved.').waitFor();
    await checkAccessibility(page, 'security archive settings');

    await provider.deliverPec(holders.mario, holders.anna, 'Verbale di assemblea', 'In allegato il verbale.');
    await provider.deliverPec(holders.mario, holders.anna, 'Fattura 2026/118', 'La fattura.');
    await page.reload();
    await page.getByText('(2 messages)', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Open the archive' }).click();
    await page.waitForURL('**/f/**');
    await page.locator('.archive-bar').getByText('Read-only').waitFor();
    const list = page.locator('#message-list');
    await list.getByText('Fattura 2026/118').waitFor();
    await list.getByText('Verbale di assemblea').waitFor();
    const toolbar = page.locator('.action-toolbar');
    assert.equal(
      await toolbar.getByRole('button', { name: 'Delete' }).count(),
      0,
      'no delete while not allowed',
    );
    assert.equal(await toolbar.getByRole('button', { name: 'Move' }).count(), 0);

    // Search by subject, then filter by kind.
    await page.getByRole('searchbox').fill('Fattura');
    await page.getByRole('searchbox').press('Enter');
    await list.getByText('Verbale di assemblea').waitFor({ state: 'detached' });
    await page.getByRole('searchbox').fill('');
    await page.getByRole('searchbox').press('Enter');
    await page.getByLabel('Show').selectOption('sent');
    await page.getByText('No messages in this folder.').waitFor();
    await page.getByLabel('Show').selectOption('received');
    await list.getByText('Verbale di assemblea').waitFor();

    // Open one in the reader: the PEC panel and the download, no mark or move.
    await list.getByText('Verbale di assemblea').click();
    await page.locator('.reader .pec-panel').waitFor();
    const readerTools = page.locator('.reader-actions');
    await readerTools.getByRole('link', { name: 'Download (.eml)' }).waitFor();
    assert.equal(await readerTools.getByRole('button').count(), 0, 'read-only: only the download');
    await checkAccessibility(page, 'security archive folder');

    // Allow deletion, then delete with a confirmation.
    await page.goto(`${provider.base}/settings/security-archive`);
    await page.getByLabel('Allow deleting from the archive').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Security archive settings saved.').waitFor();
    await page.getByRole('link', { name: 'Open the archive' }).click();
    await list.getByText('Verbale di assemblea').click();
    await page.locator('.reader-actions').getByRole('button', { name: 'Delete from the archive' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete from the security archive?' });
    await dialog.getByText('deleted for good').waitFor();
    await dialog.getByRole('button', { name: 'Delete for good' }).click();
    await list.getByText('Verbale di assemblea').waitFor({ state: 'detached' });
    await list.getByText('Fattura 2026/118').waitFor();
    assert.deepEqual(cspErrors, []);
    await context.close();
  });

  it('shows the screens on desktop and phone, light and dark', async () => {
    for (const [language, locale] of [
      ['en', 'en-GB'],
      ['it', 'it-IT'],
    ] as const) {
      for (const scheme of ['light', 'dark'] as const) {
        for (const [device, viewport] of [
          ['desktop', { width: 1280, height: 800 }],
          ['phone', { width: 390, height: 844 }],
        ] as const) {
          const { context, page } = await signedInPage(
            browser,
            provider.base,
            { address: holders.anna, password },
            cspErrors,
            { ...viewport, locale, colorScheme: scheme },
          );
          await page.goto(`${provider.base}/settings/security-archive`);
          await page.locator('.archive-meter').waitFor();
          await page.screenshot({
            path: join(screenshots, `security-archive-settings-${device}-${language}-${scheme}.png`),
            fullPage: true,
          });
          await page.locator('main a[href^="/f/"]').click();
          await page.locator('.archive-bar').waitFor();
          await page.locator('#message-list [role=option]').first().waitFor();
          await page.screenshot({
            path: join(screenshots, `security-archive-folder-${device}-${language}-${scheme}.png`),
          });
          await context.close();
        }
      }
    }
  });
});
