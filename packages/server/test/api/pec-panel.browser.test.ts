/**
 * The PEC panel, the receipts dossier and the evidence download in Debian's Chromium against a
 * served provider: a PEC submitted over SMTP from one holder to another on the same provider; the
 * recipient opens the envelope and reads the original with its PEC details; the sender opens the
 * Sent copy, reads the per-recipient timeline, opens the delivery receipt from it, goes back to the
 * message it proves, and downloads the evidence pack (a zip with the signed files). Screenshots of
 * each screen (desktop and phone, en/it/fr, light/dark) go to docs/screenshots/.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { checkAccessibility } from './axe-check.ts';
import { holders, password, startApiProvider, type ApiProvider } from './api-provider.ts';

const chromiumPath = '/usr/bin/chromium';
/** The launch flags of packages/web/test/browser.ts. */
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const repository = join(import.meta.dirname, '..', '..', '..', '..');
const distIndex = join(repository, 'packages', 'web', 'dist', 'index.html');
const screenshots = join(repository, 'docs', 'screenshots');
const desktop = { width: 1440, height: 900 };
const phone = { width: 390, height: 844 };

if (existsSync(chromiumPath)) {
  spawnSync(process.execPath, [join(repository, 'scripts', 'ensure-web-build.js')], { stdio: 'inherit' });
}

const skip = !existsSync(chromiumPath)
  ? `${chromiumPath} is absent`
  : !existsSync(distIndex)
    ? 'packages/web/dist is not built (npm run build -w @pec/web)'
    : false;

describe('PEC panel, receipts dossier and evidence pack in the browser', { skip, timeout: 300_000 }, () => {
  let provider: ApiProvider;
  let browser: Browser;
  const cspErrors: string[] = [];

  async function signedIn(
    address: string,
    options: { viewport: { width: number; height: number }; locale: string; colorScheme: 'light' | 'dark' },
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      ...options,
      timezoneId: 'Europe/Rome',
      acceptDownloads: true,
    });
    context.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
        cspErrors.push(message.text());
    });
    const page = await context.newPage();
    await page.goto(`${provider.base}/`);
    await page.locator('#signin-address').fill(address);
    await page.locator('#signin-password').fill(password);
    await page.locator('form button[type="submit"]').click();
    await page.locator('#list-heading').waitFor();
    return { context, page };
  }

  async function shot(page: Page, name: string): Promise<void> {
    // Every screen shot is also checked by axe-core: PEC panel and dossier, light and dark.
    await checkAccessibility(page, name);
    mkdirSync(screenshots, { recursive: true });
    writeFileSync(join(screenshots, `${name}.png`), await page.screenshot());
  }

  async function openFolder(page: Page, name: RegExp): Promise<void> {
    const nav = page.getByRole('navigation').first();
    if (!(await nav.getByRole('link', { name }).isVisible())) {
      await page.locator('.drawer-toggle').click();
    }
    await nav.getByRole('link', { name }).click();
    // The list follows the route: wait until its heading names the folder (on a phone the drawer,
    // and the folder links with it, leave the accessibility tree as it closes).
    await page.getByRole('heading', { level: 1, name }).waitFor();
  }

  before(async () => {
    provider = await startApiProvider();
    await provider.deliverPec(
      holders.mario,
      holders.anna,
      'Atto di precetto',
      'Si notifica l’atto di precetto.\n',
    );
    // The sender's delivery receipt follows the delivery: wait for it, bounded.
    const mailbox = await provider.ctx.storage.accounts.findMailboxByAddress(holders.mario);
    assert.ok(mailbox !== undefined);
    const inbox = await provider.ctx.storage.mailboxes.getFolder(mailbox.id, 'INBOX');
    assert.ok(inbox !== undefined);
    for (let attempt = 0; attempt < 100; attempt++) {
      const messages = await provider.ctx.storage.mailboxes.listMessages(inbox.id);
      if (messages.some((m) => m.pecType === 'avvenuta-consegna')) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  });
  after(async () => {
    await browser.close();
    await provider.close();
  });

  it('opens a received envelope: the original as the message, and its PEC details', async () => {
    const { context, page } = await signedIn(holders.anna, {
      viewport: desktop,
      locale: 'en-GB',
      colorScheme: 'light',
    });
    await page.getByRole('option').filter({ hasText: 'Atto di precetto' }).click();
    const details = page.getByRole('region', { name: 'PEC details' });
    await details.getByText('PEC message (transport envelope)').waitFor();
    await details.getByText('Valid signature').waitFor();
    await details.getByText('API PEC', { exact: true }).waitFor();
    await details.getByText(holders.mario).first().waitFor();
    await page.locator('.reader').getByText('Si notifica l’atto di precetto.').waitFor();
    const text = await details.innerText();
    assert.match(text, /Identifier/);
    assert.match(text, /\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d \([+-]\d{4}\)/);
    assert.equal(await page.getByRole('link', { name: 'Download evidence' }).count(), 0);
    await shot(page, 'pec-envelope-desktop-en-light');
    await context.close();
  });

  it('shows the dossier of a sent message, opens a receipt from it and downloads the evidence', async () => {
    const { context, page } = await signedIn(holders.mario, {
      viewport: desktop,
      locale: 'en-GB',
      colorScheme: 'light',
    });
    await openFolder(page, /^Sent/);
    await page.getByRole('option').filter({ hasText: 'Atto di precetto' }).click();
    const dossier = page.getByRole('region', { name: 'Receipts' });
    await dossier.waitFor();
    await dossier.getByText(holders.anna, { exact: true }).waitFor();
    await dossier.getByText('Delivered').first().waitFor();
    assert.equal(await dossier.getByRole('link', { name: /Open receipt/ }).count(), 2);
    await page.getByRole('region', { name: 'PEC details' }).getByText('A PEC you sent').waitFor();
    await shot(page, 'pec-dossier-desktop-en-light');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download evidence' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^pec-evidence-.+\.zip$/);
    const dir = await mkdtemp(join(tmpdir(), 'pec-download-'));
    try {
      const file = join(dir, download.suggestedFilename());
      await download.saveAs(file);
      const listing = execFileSync('python3', ['-m', 'zipfile', '-l', file], { encoding: 'utf8' });
      for (const name of [
        '01-original.eml',
        '02-transport-envelope.eml',
        'verification.json',
        'verification.pdf',
      ])
        assert.ok(listing.includes(name), `${name} in ${listing}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }

    // The second step of the only recipient: delivered.
    await dossier
      .getByRole('link', { name: /Open receipt/ })
      .nth(1)
      .click();
    const details = page.getByRole('region', { name: 'PEC details' });
    await details.getByText('Delivery receipt').waitFor();
    await details.getByText('Valid signature').waitFor();
    await shot(page, 'pec-receipt-desktop-en-light');
    await details.getByRole('link', { name: 'Atto di precetto' }).click();
    await page.getByRole('region', { name: 'Receipts' }).waitFor();
    assert.deepEqual(cspErrors, []);
    await context.close();
  });

  it('hides receipts from the inbox list when the holder prefers', async () => {
    const { context, page } = await signedIn(holders.mario, {
      viewport: desktop,
      locale: 'en-GB',
      colorScheme: 'light',
    });
    const list = page.getByRole('listbox');
    await list.getByRole('option').first().waitFor();
    assert.equal(await list.getByRole('option').count(), 2);
    await page.getByLabel('Hide receipts').check();
    await page.getByText('No messages in this folder.').waitFor();
    assert.equal(await list.getByRole('option').count(), 0);
    await context.close();
  });

  it('looks right on a phone and in Italian and French, light and dark', async () => {
    const cases = [
      {
        who: holders.mario,
        locale: 'it-IT',
        colorScheme: 'light',
        name: 'pec-dossier-phone-it-light',
        sent: true,
      },
      {
        who: holders.mario,
        locale: 'fr-FR',
        colorScheme: 'dark',
        name: 'pec-dossier-phone-fr-dark',
        sent: true,
      },
      {
        who: holders.anna,
        locale: 'en-GB',
        colorScheme: 'dark',
        name: 'pec-envelope-phone-en-dark',
        sent: false,
      },
      {
        who: holders.anna,
        locale: 'it-IT',
        colorScheme: 'light',
        name: 'pec-envelope-phone-it-light',
        sent: false,
      },
    ] as const;
    for (const c of cases) {
      const { context, page } = await signedIn(c.who, {
        viewport: phone,
        locale: c.locale,
        colorScheme: c.colorScheme,
      });
      if (c.sent) await openFolder(page, /^(Posta inviata|Inviata|Envoyés|Messages envoyés|Sent)/);
      await page.getByRole('option').filter({ hasText: 'Atto di precetto' }).click();
      const region = page.getByRole('region', {
        name: c.locale === 'fr-FR' ? 'Détails PEC' : c.locale === 'it-IT' ? 'Dettagli PEC' : 'PEC details',
      });
      await region.waitFor();
      // Folded at first on a phone; one tap unfolds it.
      const toggle = region.getByRole('button');
      assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
      await toggle.click();
      assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
      await shot(page, c.name);
      await context.close();
    }
    const { context, page } = await signedIn(holders.mario, {
      viewport: desktop,
      locale: 'fr-FR',
      colorScheme: 'dark',
    });
    await openFolder(page, /^(Envoyés|Messages envoyés|Sent)/);
    await page.getByRole('option').filter({ hasText: 'Atto di precetto' }).click();
    await page.getByRole('region', { name: 'Accusés' }).waitFor();
    await shot(page, 'pec-dossier-desktop-fr-dark');
    await context.close();
    assert.deepEqual(cspErrors, []);
  });
});
