/**
 * The operator console's tenancy and state screens in Debian's Chromium (playwright-core) against a
 * real provider: an admin adds a postmaster, changes their domains and resets their password; adds
 * and edits a plan; finds a box across domains and, on its card, changes the plan, adds space and
 * suspends it (each order on the card); reads the providers' index and downloads the signed record;
 * reads a quarantine record, downloads the message and purges. A support operator sees the same
 * screens without a button that changes anything, no download of a message or of the signed record.
 * axe finds no serious violation on any of them. Screenshots (desktop 1280×800 and phone 390×844,
 * light and dark; en, it) go to docs/screenshots/operator-*.png.
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
import { checkAccessibility } from './axe-check.ts';
import { browserSkip, chromiumArgs, chromiumPath, screenshots, signInAtAdmin } from './browser-setup.ts';

const password = 'una password lunga per operatori';
const newPostmaster = 'studio@rossi.example';
const customerDomain = `studio-rossi.${domain}`;

describe('operator console screens in a browser', { skip: browserSkip, timeout: 600_000 }, () => {
  let provider: ApiProvider;
  let browser: Browser;

  before(async () => {
    provider = await startApiProvider();
    const { ctx } = provider;
    await ctx.storage.accounts.addDomain({ name: customerDomain, description: 'Studio Rossi' });
    const principals = createAdminPrincipals({ store: ctx.storage.admin, accounts: ctx.storage.accounts });
    await principals.add({
      email: 'admin@ops.example.it',
      role: 'admin',
      password,
      displayName: 'Giulia Neri',
    });
    await principals.add({ email: 'support@ops.example.it', role: 'support', password });
    await principals.add({
      email: 'postmaster@studio-bianchi.example',
      role: 'postmaster',
      password,
      displayName: 'Studio Bianchi',
      domains: [domain],
    });
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
      identifier: 'opec.20261207.abc@altro-gestore.example.it',
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
    return page;
  }

  async function open(page: Page, screen: string, heading: string): Promise<void> {
    await page.goto(`${provider.base}/admin/operator/${screen}`);
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  }

  it('admin: postmasters added, their domains changed, their password reset', async () => {
    const page = await signedIn('admin@ops.example.it');
    await page.getByRole('link', { name: 'Postmasters', exact: true }).click();
    await page.getByRole('heading', { name: 'Postmasters', level: 1 }).waitFor();
    await page.getByRole('cell', { name: /^postmaster@studio-bianchi\.example/ }).waitFor();

    await page.getByRole('button', { name: 'Add postmaster' }).click();
    await page.getByRole('alert').getByText('Enter the postmaster’s e-mail address.').waitFor();
    await page.getByLabel('E-mail address').fill(newPostmaster);
    await page.getByLabel('Name (optional)').fill('Studio Rossi');
    await page.getByRole('button', { name: 'Add postmaster' }).click();
    await page.getByRole('alert').getByText('Choose at least one domain.').waitFor();
    await page.getByRole('group', { name: 'Domains' }).getByLabel(domain, { exact: true }).check();
    await page.getByRole('button', { name: 'Add postmaster' }).click();
    const shown = page.getByRole('status').filter({ hasText: `Password for ${newPostmaster}` });
    await shown.waitFor();
    const first = await shown.locator('.admin-secret').innerText();
    assert.ok(first.length >= 20);
    await page.getByRole('cell', { name: /^studio@rossi\.example/ }).waitFor();
    await checkAccessibility(page, 'postmasters');
    await page.screenshot({ path: join(screenshots, 'operator-postmasters-en.png'), fullPage: true });

    await page.getByRole('button', { name: `Domains of ${newPostmaster}` }).click();
    const dialog = page.getByRole('dialog', { name: `Domains of ${newPostmaster}` });
    await dialog.getByLabel(domain, { exact: true }).uncheck();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByRole('alert').getByText('Choose at least one domain.').waitFor();
    await checkAccessibility(page, 'postmaster domains dialog');
    await dialog.getByLabel(customerDomain).check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('cell', { name: customerDomain, exact: true }).waitFor();
    const stored = await provider.ctx.storage.admin.findPrincipal(newPostmaster);
    assert.deepEqual(stored?.domains, [customerDomain]);

    await page.getByRole('button', { name: `Reset password of ${newPostmaster}` }).click();
    // The card shows the new password in place of the first one.
    await page.locator('.admin-secret', { hasNotText: first }).waitFor();
    const audit = await provider.ctx.storage.auditTrail.search({ limit: 1 });
    assert.deepEqual(
      [audit[0]?.action, audit[0]?.target, audit[0]?.outcome],
      ['postmaster.password', newPostmaster, 'done'],
    );

    // Disabled, not removed (decision 0042): the row says so; enabled again.
    await page.getByRole('button', { name: `Disable ${newPostmaster}` }).click();
    await page.getByRole('button', { name: `Enable ${newPostmaster}` }).waitFor();
    await page.getByText('disabled: no sign-in, tokens refused').waitFor();
    assert.notEqual((await provider.ctx.storage.admin.findPrincipal(newPostmaster))?.disabledAt, null);
    await page.screenshot({ path: join(screenshots, 'operator-postmaster-disabled-en.png'), fullPage: true });
    await page.getByRole('button', { name: `Enable ${newPostmaster}` }).click();
    await page.getByRole('button', { name: `Disable ${newPostmaster}` }).waitFor();
    assert.equal((await provider.ctx.storage.admin.findPrincipal(newPostmaster))?.disabledAt, null);

    await page.getByRole('button', { name: `Remove ${newPostmaster}` }).click();
    await page
      .getByRole('dialog', { name: `Remove ${newPostmaster}?` })
      .getByRole('button', { name: 'Remove postmaster' })
      .click();
    await page.getByRole('cell', { name: /^studio@rossi\.example/ }).waitFor({ state: 'detached' });
    assert.equal(await provider.ctx.storage.admin.findPrincipal(newPostmaster), undefined);
    await page.context().close();
  });

  it('admin: a plan added and its price changed; a box found across domains, re-planned, given space, suspended', async () => {
    const page = await signedIn('admin@ops.example.it');
    await open(page, 'plans', 'Plans and prices');
    await page.getByLabel('Name', { exact: true }).fill('base');
    await page.getByLabel('Description').fill('Casella base 1 GB');
    await page.getByLabel('Box space (GB)').fill('1');
    await page.getByLabel('Term (months)').fill('12');
    await page.getByLabel('Price of one term (€)').fill('5,50');
    await page.getByRole('button', { name: 'Add plan' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Casella base 1 GB' });
    await row.getByText('€5.50').waitFor();
    await row.getByText('12 months').waitFor();
    await page.getByRole('button', { name: 'Edit plan base' }).click();
    const dialog = page.getByRole('dialog', { name: 'Plan base' });
    await dialog.getByLabel('Price of one term (€)').fill('6');
    await checkAccessibility(page, 'plan dialog');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await row.getByText('€6.00').waitFor();
    assert.equal((await provider.ctx.storage.plans.get('base'))?.priceCents, 600);
    await checkAccessibility(page, 'plans');
    await page.screenshot({ path: join(screenshots, 'operator-plans-en.png'), fullPage: true });

    await page.getByRole('link', { name: 'All boxes', exact: true }).click();
    await page.getByRole('searchbox', { name: 'Search by address or holder' }).fill('carla');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('status').getByText('1 box found.').waitFor();
    await checkAccessibility(page, 'all boxes');
    await page.screenshot({ path: join(screenshots, 'operator-boxes-en.png'), fullPage: true });
    await page.getByRole('link', { name: holders.carla }).click();
    await page.getByRole('heading', { name: holders.carla, level: 1 }).waitFor();

    await page.getByLabel('Plan', { exact: true }).selectOption('base');
    await page.getByRole('button', { name: 'Change plan' }).click();
    await page.getByRole('status').getByText(/^Done/).waitFor();
    await page.getByLabel('Extra space').selectOption({ label: '2 GB' });
    await page.getByRole('button', { name: 'Add space' }).click();
    await page.getByRole('cell', { name: /Extra space/ }).waitFor();
    await page.getByRole('button', { name: 'Suspend' }).click();
    await page.getByRole('button', { name: 'Reactivate' }).waitFor();
    const box = await provider.ctx.storage.accounts.findMailboxByAddress(holders.carla);
    assert.deepEqual([box?.plan, box?.status], ['base', 'suspended']);
    await checkAccessibility(page, 'box card');
    await page.screenshot({ path: join(screenshots, 'operator-box-card-en.png'), fullPage: true });
    await page.context().close();
  });

  it("admin: the providers' index with the signed record; the quarantine record, its message, the purge", async () => {
    const page = await signedIn('admin@ops.example.it');
    await open(page, 'index', 'Providers’ index');
    await page.getByRole('heading', { name: 'Our record (LDIF)' }).waitFor();
    assert.match(await page.locator('.operator-ldif').innerText(), /^dn: /m);
    await page.getByRole('heading', { name: /providers? known$/ }).waitFor();
    const signed = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download signed record (.p7m)' }).click();
    assert.equal((await signed).suggestedFilename(), 'provider-entry.ldif.p7m');
    await checkAccessibility(page, 'index');
    await page.screenshot({ path: join(screenshots, 'operator-index-en.png'), fullPage: true });

    await open(page, 'quarantine', 'Quarantine');
    await page.getByRole('cell', { name: 'Eicar-Test-Signature' }).waitFor();
    await checkAccessibility(page, 'quarantine');
    await page.screenshot({ path: join(screenshots, 'operator-quarantine-en.png'), fullPage: true });
    await page.getByRole('button', { name: 'Show record' }).click();
    const dialog = page.getByRole('dialog', { name: 'Quarantine record' });
    await dialog.getByText('opec.20261207.abc@altro-gestore.example.it').waitFor();
    await checkAccessibility(page, 'quarantine record');
    const message = page.waitForEvent('download');
    await dialog.getByRole('link', { name: 'Download the message (.eml)' }).click();
    assert.match((await message).suggestedFilename(), /^quarantine-[0-9a-f]{16}\.eml$/);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Remove what is past retention' }).click();
    await page.getByRole('status').getByText('0 records removed.').waitFor();
    // The list is fetched again after the purge, so the purge is one of the latest entries.
    const latest = await provider.ctx.storage.auditTrail.search({ limit: 8 });
    assert.equal(latest.find((entry) => entry.action === 'quarantine.purge')?.outcome, 'done');
    assert.equal(latest.find((entry) => entry.action === 'quarantine.export')?.actor, 'admin@ops.example.it');
    await page.context().close();
  });

  it('support: the same screens, nothing that changes anything, no message or signed download', async () => {
    const page = await signedIn('support@ops.example.it');
    await open(page, 'postmasters', 'Postmasters');
    await page.getByRole('cell', { name: /^postmaster@studio-bianchi\.example/ }).waitFor();
    assert.equal(await page.getByRole('button', { name: /^Reset password/ }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Add postmaster' }).count(), 0);
    await open(page, 'plans', 'Plans and prices');
    await page.getByRole('cell', { name: /base/ }).first().waitFor();
    assert.equal(await page.getByRole('button', { name: /^Edit/ }).count(), 0);
    await page.goto(`${provider.base}/admin/operator/boxes/${encodeURIComponent(holders.carla)}`);
    await page.getByRole('heading', { name: 'Orders' }).waitFor();
    assert.equal(
      await page.getByRole('button', { name: /Renew|Add space|Change plan|Suspend|Reactivate/ }).count(),
      0,
    );
    await open(page, 'index', 'Providers’ index');
    assert.equal(await page.getByRole('link', { name: /signed record/ }).count(), 0);
    await open(page, 'quarantine', 'Quarantine');
    await page.getByRole('button', { name: 'Show record' }).click();
    await page.getByRole('dialog', { name: 'Quarantine record' }).getByText('Eicar-Test-Signature').waitFor();
    assert.equal(await page.getByRole('link', { name: /Download the message/ }).count(), 0);
    assert.equal(await page.getByRole('button', { name: /past retention/ }).count(), 0);
    await page.context().close();
  });

  it('screenshots: desktop and phone, light and dark, en and it', async () => {
    const screens = [
      'postmasters',
      'plans',
      'boxes',
      `boxes/${encodeURIComponent(holders.carla)}`,
      'index',
      'quarantine',
    ];
    const views = [
      screenshotView('en', 'light', 'desktop'),
      screenshotView('en', 'dark', 'desktop'),
      screenshotView('en', 'light', 'phone'),
      screenshotView('en', 'dark', 'phone'),
      screenshotView('it', 'light', 'desktop'),
    ];
    await forEachScreenshotView(
      views,
      (view) => signedIn('admin@ops.example.it', view),
      async (page, { device, language, scheme }) => {
        for (const screen of screens) {
          await page.goto(`${provider.base}/admin/operator/${screen}`);
          await page.locator('.admin-section h1').waitFor();
          await page.locator('.admin-table, .admin-empty').first().waitFor();
          if (scheme === 'dark') await checkAccessibility(page, `${screen} dark ${device}`);
          const name = screen.startsWith('boxes/') ? 'box-card' : screen;
          await page.screenshot({
            path: join(screenshots, `operator-${name}-${device}-${language}-${scheme}.png`),
            fullPage: device === 'desktop',
          });
        }
      },
    );
  });
});
