/**
 * The address book in Debian's Chromium (playwright-core) against a real provider, in English: the
 * Contacts entry under the folders opens the screen; a contact is added with a PEC address (marked
 * PEC: its domain is in the providers' index) and an ordinary one; a .vcf file is imported and the
 * card left out is reported with why; the group filter and search narrow the list; the contact is
 * deleted; in compose, typing part of a name offers the contact's addresses. axe finds no serious
 * violation. Screenshots desktop and phone, light and dark. No CSP violation is allowed.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { everyScreenshotView, signedInPageOptions } from '../support/screenshot-views.ts';
import { holders, password, startApiProvider, type ApiProvider } from './api-provider.ts';
import { checkAccessibility } from './axe-check.ts';
import { browserSkip, chromiumArgs, chromiumPath, screenshots, signedInPage } from './browser-setup.ts';

describe('contacts in the webmail (decision 0037)', { skip: browserSkip, timeout: 300_000 }, () => {
  let provider: ApiProvider;
  let browser: Browser;
  const cspErrors: string[] = [];

  before(async () => {
    provider = await startApiProvider();
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  });
  after(async () => {
    await browser.close();
    await provider.close();
  });

  it('adds, imports, filters, deletes, and suggests in compose', async () => {
    const { context, page } = await signedInPage(
      browser,
      provider.base,
      { address: holders.mario, password },
      cspErrors,
      {
        width: 1280,
        height: 800,
      },
    );
    await page.getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('heading', { name: 'Contacts', level: 1 }).waitFor();
    await page.getByText('No contacts yet.').waitFor();

    await page.getByRole('button', { name: 'Add contact' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Anna Verdi');
    await page.getByLabel('PEC addresses').fill(holders.anna);
    await page.getByLabel('Ordinary e-mail addresses').fill('anna.verdi@example.org');
    await page.getByLabel('Groups', { exact: true }).fill('Colleagues');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Contact saved.' }).waitFor();
    const anna = page.locator('.contact-item').filter({ hasText: 'Anna Verdi' });
    await anna.locator('.tag', { hasText: 'PEC' }).waitFor();
    assert.equal(await anna.locator('.tag').count(), 1, 'only the indexed address is marked PEC');

    await page.getByRole('button', { name: 'Add contact' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Broken');
    await page.getByLabel('PEC addresses').fill('not an address');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alert').filter({ hasText: 'An address is not valid' }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();

    const vcf = [
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Studio Neri\r\nEMAIL:studio@neri.example.com\r\nTEL:+39 06 123\r\nCATEGORIES:Clients\r\nEND:VCARD',
      'BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Old card\r\nEND:VCARD',
    ].join('\r\n');
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'book.vcf', mimeType: 'text/vcard', buffer: Buffer.from(vcf) });
    await page.getByRole('status').filter({ hasText: '1 contact imported.' }).waitFor();
    await page.getByText('Card 2 (Old card): vCard version not supported').waitFor();
    await page.locator('.contact-item').filter({ hasText: 'Studio Neri' }).waitFor();
    assert.equal(await page.locator('.contact-item').count(), 2);

    await page.locator('.contacts-filters select').selectOption('Clients');
    await page.locator('.contact-item').filter({ hasText: 'Anna Verdi' }).waitFor({ state: 'detached' });
    // The filtered list may be fetched anew: wait for its row before counting.
    await page.locator('.contact-item').filter({ hasText: 'Studio Neri' }).waitFor();
    assert.equal(await page.locator('.contact-item').count(), 1);
    await page.locator('.contacts-filters select').selectOption('');
    await page.getByLabel('Search contacts').fill('verdi');
    await page.locator('.contact-item').filter({ hasText: 'Studio Neri' }).waitFor({ state: 'detached' });
    await page.getByLabel('Search contacts').fill('');

    await checkAccessibility(page, 'contacts');
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'contacts-en-desktop-light.png'), fullPage: true });

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export .vcf' }).click();
    const file = await (await download).path();
    assert.match(readFileSync(file, 'utf8'), /FN:Anna Verdi\r\nEMAIL;TYPE=x-pec:anna@/);

    await page.getByRole('button', { name: 'Delete Studio Neri' }).click();
    await page.getByRole('status').filter({ hasText: 'Studio Neri deleted.' }).waitFor();
    // The status comes before the list is fetched anew: wait for the row to leave before counting.
    await page.locator('.contact-item').filter({ hasText: 'Studio Neri' }).waitFor({ state: 'detached' });
    assert.equal(await page.locator('.contact-item').count(), 1);

    await page.getByRole('link', { name: 'Back to mail' }).click();
    await page.locator('.compose-button').click();
    const to = page.locator('dialog.compose-sheet .recipient-field input').first();
    await to.fill('ver');
    // Locators, not a string predicate: waitForFunction evaluates a string with eval() in the page
    // once its first check fails, which the webmail's Content Security Policy refuses.
    const options = page.locator('dialog.compose-sheet datalist option');
    await options.nth(1).waitFor({ state: 'attached' });
    const values = await Promise.all((await options.all()).map((option) => option.getAttribute('value')));
    assert.deepEqual(values, [holders.anna, 'anna.verdi@example.org']);
    const label = await page.locator('dialog.compose-sheet datalist option').first().textContent();
    assert.match(label ?? '', /Anna Verdi · PEC/);
    await context.close();
  });

  for (const view of everyScreenshotView()) {
    const { device, scheme, language } = view;
    if (language !== 'en' || (device === 'desktop' && scheme === 'light')) continue;
    it(`looks right: ${device}, ${scheme}`, async () => {
      const { context, page } = await signedInPage(
        browser,
        provider.base,
        { address: holders.mario, password },
        cspErrors,
        signedInPageOptions(view),
      );
      await page.goto(`${provider.base}/contacts`);
      await page.locator('.contact-item').first().waitFor();
      await checkAccessibility(page, `contacts ${device} ${scheme}`);
      await page.screenshot({
        path: join(screenshots, `contacts-en-${device}-${scheme}.png`),
        fullPage: true,
      });
      await context.close();
    });
  }

  it('raised no Content Security Policy error', () => {
    assert.deepEqual(cspErrors, []);
  });
});
