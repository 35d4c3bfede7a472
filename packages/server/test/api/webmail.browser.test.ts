/**
 * The webmail against a real provider in Debian's Chromium (playwright-core): the provider serves
 * packages/web/dist and the API from its HTTP listener; a PEC is delivered through SMTP submission,
 * the holder signs in by the accessible names, finds it in INBOX, opens it and sees the PEC panel.
 * No Content-Security-Policy violation is allowed. The screenshot goes to docs/screenshots/.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { holders, password, startApiProvider, type ApiProvider } from './api-provider.ts';
import { browserSkip, chromiumPath, chromiumArgs, screenshots } from './browser-setup.ts';

describe('webmail against a real provider', { skip: browserSkip, timeout: 240_000 }, () => {
  let provider: ApiProvider;
  let browser: Browser;

  before(async () => {
    provider = await startApiProvider();
    await provider.deliverPec(
      holders.mario,
      holders.anna,
      'Verbale di consegna',
      'In allegato il verbale.\n',
    );
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  });
  after(async () => {
    await browser.close();
    await provider.close();
  });

  it('signs in, finds the delivered PEC in the inbox, opens it and shows the PEC details', async () => {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'en-GB',
      timezoneId: 'Europe/Rome',
    });
    const cspErrors: string[] = [];
    context.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
        cspErrors.push(message.text());
    });
    const page = await context.newPage();
    await page.goto(`${provider.base}/`);
    await page.getByText('API PEC', { exact: true }).waitFor();
    await page.getByLabel('Address', { exact: true }).fill(holders.anna);
    await page.getByLabel('Password', { exact: true }).fill('wrong password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').getByText('The address or the password is wrong.').waitFor();

    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    const list = page.getByRole('listbox', { name: 'Messages in Inbox' });
    const row = list.getByRole('option').filter({ hasText: 'Verbale di consegna' });
    await row.waitFor();
    assert.equal(await list.getByRole('option').count(), 1);

    await row.click();
    const details = page.getByRole('region', { name: 'PEC details' });
    await details.waitFor();
    await page.locator('#reader-subject').getByText('Verbale di consegna').waitFor();
    // The body in the reading pane (the list's preview line repeats it).
    await page.getByRole('region', { name: 'Reading pane' }).getByText('In allegato il verbale.').waitFor();
    assert.match(await details.innerText(), /\S/);
    mkdirSync(screenshots, { recursive: true });
    writeFileSync(join(screenshots, 'reader-real-provider-en.png'), await page.screenshot());
    assert.deepEqual(cspErrors, []);
    await context.close();
  });
});
