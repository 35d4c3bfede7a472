/**
 * The operator console in Debian's Chromium (playwright-core) against a real provider: an admin
 * signs in at /admin/signin, reads the health page, verifies the log register and finds a sent
 * message, downloads its signed extract, sees the queue and a quarantined detection on its own screen, and the DNS
 * records of a domain; a support operator sees no log register and no queue buttons.
 * Screenshots (desktop 1280×800 and phone 390×844; en, it, fr; light and dark) go to
 * docs/screenshots/operator-*.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createAdminPrincipals } from '../../src/services/administration/admin-principals.ts';
import { createSharedQuarantine } from '../../src/services/quarantine/create-shared-quarantine.ts';
import { forEachScreenshotView, newViewContext, screenshotView } from '../support/screenshot-views.ts';
import { domain, holders, startApiProvider, type ApiProvider } from './api-provider.ts';
import { browserSkip, chromiumArgs, chromiumPath, screenshots, signInAtAdmin } from './browser-setup.ts';

const password = 'una password lunga per operatori';

describe('operator console in a browser', { skip: browserSkip, timeout: 300_000 }, () => {
  let provider: ApiProvider;
  let browser: Browser;

  before(async () => {
    provider = await startApiProvider();
    await provider.deliverPec(holders.anna, holders.mario, 'Ricorso al TAR', 'Testo riservato');
    const { ctx } = provider;
    const principals = createAdminPrincipals({ store: ctx.storage.admin, accounts: ctx.storage.accounts });
    await principals.add({
      email: 'admin@ops.example.it',
      role: 'admin',
      password,
      displayName: 'Giulia Neri',
    });
    await principals.add({ email: 'support@ops.example.it', role: 'support', password });
    await createSharedQuarantine({
      records: ctx.storage.quarantine,
      blobs: ctx.blobs,
      isBlobReferenced: (key) => ctx.storage.mailboxes.isBlobReferenced(key),
      retentionMonths: 30,
      clock: ctx.clock,
    }).put(Buffer.from('Subject: x\r\n\r\nEICAR\r\n'), {
      point: 'reception',
      signature: 'Eicar-Test-Signature',
      sender: 'mittente@altro-gestore.example.it',
      recipients: [holders.bruno],
    });
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    mkdirSync(screenshots, { recursive: true });
  });
  after(async () => {
    await browser.close();
    await provider.close();
  });

  /** A new page for `view` (English, light, desktop unless told) with `email` signed in. */
  async function signedIn(email: string, view = screenshotView('en', 'light', 'desktop')): Promise<Page> {
    const page = await (await newViewContext(browser, view, { acceptDownloads: true })).newPage();
    await signInAtAdmin(page, provider.base, { email, password });
    await page.waitForURL(/\/admin\/(?!signin)/);
    // Start on the console itself (the shell's landing section belongs to the postmaster panel).
    await page.goto(`${provider.base}/admin/operator/health`);
    await page.locator('.admin-section h1').waitFor();
    return page;
  }

  it('admin: health, log register with the signed extract, queues and quarantine, domains', async () => {
    const page = await signedIn('admin@ops.example.it');
    await page.getByRole('link', { name: 'Health', exact: true }).click();
    await page.getByRole('heading', { name: 'Health', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Outbox jobs by status' }).waitFor();
    await page.screenshot({ path: join(screenshots, 'operator-health-en.png'), fullPage: true });

    await page.getByRole('link', { name: 'Log register', exact: true }).click();
    await page.getByRole('button', { name: 'Verify chain and time stamps' }).click();
    await page
      .getByRole('status')
      .getByText(/^Chain intact: \d+ entries checked/)
      .waitFor();
    const accepted = page.getByRole('row').filter({ hasText: 'pec.acceptance.issued' }).first();
    await accepted.waitFor();
    const identificativo = (await accepted.getByRole('cell').nth(3).innerText()).split('\n')[0]?.trim() ?? '';
    assert.match(identificativo, /@/);
    await page.getByRole('searchbox', { name: 'Identificativo or Message-ID' }).fill(identificativo);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Signed PDF (.p7m)' }).click();
    assert.equal((await download).suggestedFilename(), 'log-extract.pdf.p7m');
    await page.getByRole('cell', { name: 'pec.envelope.delivered' }).first().waitFor();
    await page.screenshot({ path: join(screenshots, 'operator-log-en.png'), fullPage: true });

    await page.getByRole('link', { name: 'Queues', exact: true }).click();
    await page.getByRole('heading', { name: 'Queues', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Quarantine', exact: true }).click();
    await page.getByRole('cell', { name: 'Eicar-Test-Signature' }).waitFor();
    await page.getByRole('link', { name: 'Queues', exact: true }).click();
    await page.getByRole('heading', { name: 'Queues', level: 1 }).waitFor();
    await page.screenshot({ path: join(screenshots, 'operator-queue-en.png'), fullPage: true });

    await page.getByRole('link', { name: 'Domains', exact: true }).click();
    await page.getByRole('button', { name: 'DNS records' }).first().click();
    await page.getByRole('heading', { name: `Records to publish for ${domain}` }).waitFor();
    await page.getByRole('cell', { name: 'MX', exact: true }).waitFor();
    await page.screenshot({ path: join(screenshots, 'operator-domains-en.png'), fullPage: true });
    await page.context().close();
  });

  it('support: no log register in the navigation, the queue without action buttons', async () => {
    const page = await signedIn('support@ops.example.it');
    await page.getByRole('link', { name: 'Health', exact: true }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Log register', exact: true }).count(), 0);
    await page.getByRole('link', { name: 'Queues', exact: true }).click();
    await page.getByRole('heading', { name: 'Queues', level: 1 }).waitFor();
    assert.equal(await page.getByRole('columnheader', { name: 'Actions' }).count(), 0);
    await page.context().close();
  });

  it('screenshots: desktop and phone, en/it/fr, light and dark', async () => {
    const views = [
      { ...screenshotView('en', 'dark', 'desktop'), screens: ['health', 'log', 'queue'] },
      { ...screenshotView('it', 'light', 'desktop'), screens: ['health', 'log', 'queue'] },
      { ...screenshotView('fr', 'light', 'desktop'), screens: ['health', 'log'] },
      { ...screenshotView('en', 'light', 'phone'), screens: ['health', 'log', 'queue'] },
      { ...screenshotView('it', 'dark', 'phone'), screens: ['health', 'log'] },
    ];
    await forEachScreenshotView(
      views,
      (view) => signedIn('admin@ops.example.it', view),
      async (page, { device, language, scheme, screens }) => {
        for (const screen of screens) {
          await page.goto(`${provider.base}/admin/operator/${screen}`);
          await page.locator('.admin-section h1').waitFor();
          await page
            .locator(screen === 'health' ? '.operator-grid' : '.admin-table, .admin-empty')
            .first()
            .waitFor();
          await page.screenshot({
            path: join(screenshots, `operator-${screen}-${device}-${language}-${scheme}.png`),
            fullPage: device === 'desktop',
          });
        }
      },
    );
  });
});
