/**
 * The postmaster panel against a real provider in Debian's Chromium (playwright-core), in English:
 * a postmaster signs in at /admin/signin, searches the boxes of its domain, opens a card, changes a
 * password (the holder then signs in with it), suspends and reactivates the box, creates a box,
 * imports a CSV after a dry run that names the bad row, changes the domain's defaults and downloads
 * the usage report; the operator's auditor sees the audit trail and no box section. Screenshots
 * (desktop 1280×800 and phone 390×844; en, it, fr; light and dark) go to docs/screenshots/admin-*.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { domain, holders, startApiProvider, type ApiProvider } from './api-provider.ts';
import { addPrincipal, adminPassword } from './admin-helpers.ts';
import { browserSkip, chromiumArgs, chromiumPath, screenshots } from './browser-setup.ts';

const desktop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };

describe('postmaster panel in a browser', { skip: browserSkip, timeout: 600_000 }, () => {
  let provider: ApiProvider;
  let browser: Browser;

  before(async () => {
    provider = await startApiProvider();
    await addPrincipal(provider.ctx, 'postmaster@studio-rossi.example', 'postmaster', [domain]);
    await addPrincipal(provider.ctx, 'auditor@provider.example', 'auditor');
    await provider.ctx.storage.admin.updateDomainSettings(
      domain,
      { boxAllowance: 25 },
      provider.ctx.clock.now(),
    );
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    mkdirSync(screenshots, { recursive: true });
  });
  after(async () => {
    await browser.close();
    await provider.close();
  });

  async function open(
    options: {
      locale?: string;
      scheme?: 'light' | 'dark';
      viewport?: { width: number; height: number };
    } = {},
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      viewport: options.viewport ?? desktop,
      locale: options.locale ?? 'en-GB',
      timezoneId: 'Europe/Rome',
      colorScheme: options.scheme ?? 'light',
      acceptDownloads: true,
    });
    return { context, page: await context.newPage() };
  }

  async function signIn(page: Page, email: string): Promise<void> {
    await page.goto(`${provider.base}/admin/signin`);
    await page.locator('#admin-signin-email').fill(email);
    await page.locator('#admin-signin-password').fill(adminPassword);
    await page.locator('form button[type=submit]').click();
  }

  async function holderStatus(address: string, pass: string): Promise<number> {
    const response = await fetch(`${provider.base}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pec-request': '1' },
      body: JSON.stringify({ address, password: pass, staySignedIn: false }),
    });
    return response.status;
  }

  it('runs the postmaster panel end to end in English', async () => {
    const { context, page } = await open();
    await page.goto(`${provider.base}/admin/boxes`);
    await page.waitForURL('**/admin/signin');
    await page.screenshot({ path: join(screenshots, 'admin-signin-desktop-en-light.png') });
    await page.getByLabel('E-mail address').fill('postmaster@studio-rossi.example');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('Sign-in failed').waitFor();
    await page.getByLabel('Password').fill(adminPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/admin/boxes');
    await page.getByRole('heading', { name: 'Boxes', level: 1 }).waitFor();
    await page.getByText('4 boxes of 25 allowed.').waitFor();
    const nav = page.getByRole('navigation', { name: 'Administration sections' });
    assert.deepEqual(await nav.getByRole('link').allInnerTexts(), [
      'Boxes',
      'Import from CSV',
      'Domain settings',
      'API tokens',
    ]);
    await page.getByRole('cell', { name: holders.mario }).waitFor();

    // Search, then the card.
    await page.getByRole('searchbox', { name: 'Search by address or holder' }).fill('anna');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('1 box found.').waitFor();
    await page.getByRole('link', { name: holders.anna }).click();
    await page.getByRole('heading', { name: holders.anna, level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Access history' }).waitFor();

    // Password change: generated, shown once, works for the holder.
    await page.getByRole('button', { name: 'Change password' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change the password' });
    await dialog.getByText(`The holder of ${holders.anna} is told`).waitFor();
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await dialog.getByText('The password is changed.').waitFor();
    const newPassword = (await dialog.locator('.admin-secret').innerText()).trim();
    assert.equal(await holderStatus(holders.anna, newPassword), 204);
    await dialog.getByRole('button', { name: 'Done' }).click();

    // Suspension and back.
    await page.getByRole('button', { name: 'Suspend' }).click();
    await page.getByText('Suspended', { exact: true }).first().waitFor();
    assert.equal(await holderStatus(holders.anna, newPassword), 403);
    await page.getByRole('button', { name: 'Reactivate' }).click();
    await page.getByRole('button', { name: 'Suspend' }).waitFor();
    assert.equal(await holderStatus(holders.anna, newPassword), 204);

    // A new box.
    await nav.getByRole('link', { name: 'Boxes', exact: true }).click();
    await page.getByRole('link', { name: 'New box' }).click();
    await page.getByLabel('Address').fill('segreteria');
    await page.getByLabel('Holder (person or company)').fill('Studio Rossi — segreteria');
    await page.getByLabel('Tax code or VAT number').fill('RSSMRA80A01H501U');
    await page.getByRole('button', { name: 'Create box' }).click();
    await page.getByRole('heading', { name: `segreteria@${domain} is ready` }).waitFor();
    const boxPassword = (await page.locator('.admin-secret').innerText()).trim();
    assert.equal(await holderStatus(`segreteria@${domain}`, boxPassword), 204);

    // The import: a dry run names the bad row, then the good ones are created.
    await nav.getByRole('link', { name: 'Import from CSV' }).click();
    await page
      .getByLabel('Or paste the contents')
      .fill(
        'address,holder name,tax code,contact e-mail,mobile,plan\n' +
          `praticante@${domain},Luca Verdi,RSSMRA85T10A562S,luca@example.org,,\n` +
          `tirocinio@${domain},Sara Neri,RSSMRA80A01H501X,,,\n` +
          `archivio@${domain},Archivio,,,,\n`,
      );
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByText('3 rows read: 2 can be created, 1 with problems.').waitFor();
    const badRows = page.getByRole('list', { name: 'Rows with problems' }).getByRole('listitem');
    assert.deepEqual(await badRows.allInnerTexts(), [`Line 3 · tirocinio@${domain}: invalid tax code`]);
    assert.equal(await provider.ctx.storage.accounts.findMailboxByAddress(`praticante@${domain}`), undefined);
    await page.screenshot({ path: join(screenshots, 'admin-import-desktop-en-light.png'), fullPage: true });
    await page.getByRole('button', { name: 'Create 2 boxes' }).click();
    await page.getByText('2 boxes created; 1 rows left out.').waitFor();
    await page.getByRole('link', { name: 'Download the passwords (CSV)' }).waitFor();
    assert.ok(
      (await provider.ctx.storage.accounts.findMailboxByAddress(`praticante@${domain}`)) !== undefined,
    );

    // Defaults.
    await nav.getByRole('link', { name: 'Domain settings' }).click();
    await page.getByLabel('accept it into the inbox').check();
    await page.getByLabel('Spam threshold').fill('abc');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The spam threshold is a number from 0 to 100.').waitFor();
    await page.getByLabel('Spam threshold').fill('4,5');
    await page.getByLabel('refuse spam (ordinary mail only)').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    assert.deepEqual((await provider.ctx.storage.admin.getDomainSettings(domain)).antispam, {
      enabled: true,
      threshold: 4.5,
      action: 'refuse',
    });
    await page.screenshot({ path: join(screenshots, 'admin-defaults-desktop-en-light.png'), fullPage: true });

    // The usage report downloads with the administrative cookie.
    await nav.getByRole('link', { name: 'Boxes', exact: true }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Usage report (CSV)' }).click();
    const file = await (await download).path();
    const { readFile } = await import('node:fs/promises');
    const csv = await readFile(file, 'utf8');
    assert.match(csv, /^address,holder,status,plan,quota_bytes/);
    assert.match(csv, new RegExp(`praticante@${domain.replace(/\./g, '\\.')},Luca Verdi,active`));
    await context.close();
  });

  it('shows the auditor the audit trail and the log register only', async () => {
    const { context, page } = await open();
    await signIn(page, 'auditor@provider.example');
    await page.waitForURL('**/admin/audit');
    const nav = page.getByRole('navigation', { name: 'Administration sections' });
    assert.deepEqual(await nav.getByRole('link').allInnerTexts(), [
      'Audit trail',
      'Log register',
      'API tokens',
    ]);
    await page.getByRole('cell', { name: 'postmaster@studio-rossi.example' }).first().waitFor();
    await page.getByLabel('Outcome').selectOption('refused');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('wrong email or password').first().waitFor();
    // A section the auditor does not have leads back to its own (the API answers it 404 anyway).
    await page.goto(`${provider.base}/admin/boxes/${encodeURIComponent(holders.mario)}`);
    await page.waitForURL('**/admin/audit');
    assert.equal(await page.getByRole('cell', { name: holders.mario }).count(), 0);
    await page.locator('.admin-table tbody tr').first().waitFor();
    for (const [device, viewport] of [
      ['desktop', desktop],
      ['phone', phone],
    ] as const) {
      await page.setViewportSize(viewport);
      await page.screenshot({
        path: join(screenshots, `admin-audit-${device}-en-light.png`),
        fullPage: true,
      });
    }
    await context.close();
  });

  it('takes the screenshots of the panel on desktop and phone, in English, Italian and French, light and dark', async () => {
    for (const [language, locale] of [
      ['en', 'en-GB'],
      ['it', 'it-IT'],
      ['fr', 'fr-FR'],
    ] as const) {
      for (const scheme of ['light', 'dark'] as const) {
        const { context, page } = await open({ locale, scheme });
        await signIn(page, 'postmaster@studio-rossi.example');
        await page.waitForURL('**/admin/boxes');
        await page.locator('.admin-table tbody tr').first().waitFor();
        for (const [device, viewport] of [
          ['desktop', desktop],
          ['phone', phone],
        ] as const) {
          await page.setViewportSize(viewport);
          await page.goto(`${provider.base}/admin/boxes`);
          await page.locator('.admin-table tbody tr').first().waitFor();
          await page.screenshot({
            path: join(screenshots, `admin-boxes-${device}-${language}-${scheme}.png`),
            fullPage: true,
          });
          await page.goto(`${provider.base}/admin/boxes/${encodeURIComponent(holders.mario)}`);
          await page.locator('.admin-card-grid').waitFor();
          await page.screenshot({
            path: join(screenshots, `admin-card-${device}-${language}-${scheme}.png`),
            fullPage: true,
          });
          if (language === 'en' && scheme === 'light') {
            await page.locator('.admin-actions .button.primary').click();
            await page.locator('dialog[open]').waitFor();
            await page.screenshot({ path: join(screenshots, `admin-password-${device}-en-light.png`) });
            await page.keyboard.press('Escape');
            await page.goto(`${provider.base}/admin/boxes/new`);
            await page.locator('.admin-form').waitFor();
            await page.screenshot({
              path: join(screenshots, `admin-new-box-${device}-en-light.png`),
              fullPage: true,
            });
          }
        }
        await context.close();
      }
    }
  });
});
