/**
 * The calendar in Debian's Chromium (playwright-core) against a real provider: the Calendar entry
 * under the folders opens the month; an event is created in the dialog, edited, shown in the grid
 * and the agenda; an .ics file is imported (the event it cannot keep reported with why); the
 * calendar is exported; an event is deleted. Screenshots for docs/webmail.md: desktop and phone,
 * light and dark, English and Italian, one in French; the month title on one line. axe-core finds
 * no serious violation. No CSP violation is allowed.
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

const today = new Date();
const ymd = (d: Date) =>
  `${String(d.getFullYear())}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;

describe('calendar in the webmail (decision 0040)', { skip: browserSkip, timeout: 300_000 }, () => {
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

  it('creates, edits, imports, exports and deletes events', async () => {
    const { context, page } = await signedInPage(
      browser,
      provider.base,
      { address: holders.mario, password },
      cspErrors,
      { width: 1280, height: 800 },
    );
    await page.getByRole('link', { name: 'Calendar' }).click();
    await page.getByRole('heading', { name: 'Calendar', level: 1 }).waitFor();
    await page.getByText('No events this month.').waitFor();

    await page.getByRole('button', { name: 'New event' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Title').fill('Udienza');
    await dialog.getByLabel('Place').fill('Tribunale di Roma');
    await dialog.getByLabel('Reminder by e-mail').selectOption('30');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Event saved.' }).waitFor();
    await page.locator('.calendar-chip', { hasText: 'Udienza' }).waitFor();

    await page.getByRole('button', { name: 'Edit Udienza' }).click();
    await dialog.getByLabel('Title').fill('Udienza civile');
    await dialog.getByLabel('Repeats').selectOption('weekly');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.locator('.calendar-chip', { hasText: 'Udienza civile' }).first().waitFor();
    assert.ok((await page.locator('.calendar-chip', { hasText: 'Udienza civile' }).count()) >= 2, 'weekly');

    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Test//EN',
      'BEGIN:VEVENT',
      'UID:deposito@example.org',
      `DTSTART;VALUE=DATE:${ymd(today)}`,
      'SUMMARY:Deposito atti',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:biweekly@example.org',
      `DTSTART:${ymd(today)}T100000`,
      'RRULE:FREQ=WEEKLY;INTERVAL=2',
      'SUMMARY:Ogni due settimane',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'agenda.ics', mimeType: 'text/calendar', buffer: Buffer.from(ics) });
    await page.getByRole('status').filter({ hasText: '1 event imported.' }).waitFor();
    await page.getByText('Event 2 (Ogni due settimane): a repetition the calendar cannot keep.').waitFor();
    await page.locator('.calendar-chip', { hasText: 'Deposito atti' }).waitFor();

    await checkAccessibility(page, 'calendar');
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'calendar-en-desktop-light.png'), fullPage: true });

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export .ics' }).click();
    const file = readFileSync(await (await download).path(), 'utf8');
    assert.match(file, /SUMMARY:Udienza civile\r\n/);
    assert.match(file, /RRULE:FREQ=WEEKLY\r\n/);
    assert.match(file, /TRIGGER:-PT30M/);

    await page.getByRole('button', { name: 'Edit Udienza civile' }).first().click();
    await checkAccessibility(page, 'calendar event dialog');
    await page.screenshot({ path: join(screenshots, 'calendar-en-dialog-desktop-light.png') });
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Delete Deposito atti' }).click();
    await page.getByRole('status').filter({ hasText: 'Deposito atti deleted.' }).waitFor();
    await page.locator('.calendar-chip', { hasText: 'Deposito atti' }).waitFor({ state: 'detached' });
    await context.close();
  });

  for (const view of everyScreenshotView()) {
    const { device, scheme, language } = view;
    if (device === 'desktop' && scheme === 'light' && language === 'en') continue;
    // One French view is enough to see the longer words fit.
    if (language === 'fr' && (device !== 'phone' || scheme !== 'light')) continue;
    it(`looks right: ${device}, ${scheme}, ${language}`, async () => {
      const { context, page } = await signedInPage(
        browser,
        provider.base,
        { address: holders.mario, password },
        cspErrors,
        signedInPageOptions(view),
      );
      await page.goto(`${provider.base}/calendar`);
      await page.locator('.calendar-agenda li').first().waitFor();
      // The month and year stay on one line (one line box), also on a phone.
      const lines = await page.evaluate<number>(
        "(() => { const r = document.createRange(); r.selectNodeContents(document.querySelector('.calendar-month')); return r.getClientRects().length; })()",
      );
      assert.equal(lines, 1, 'the month title wraps');
      // Nothing sticks out to the right: the elements that do are named when one does.
      const wide = await page.evaluate<string[]>(
        "[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5).map((e) => e.tagName + '.' + e.className)",
      );
      assert.deepEqual(wide, [], 'the page is wider than the screen');
      await checkAccessibility(page, `calendar ${device} ${scheme} ${language}`);
      await page.screenshot({
        path: join(screenshots, `calendar-${language}-${device}-${scheme}.png`),
        fullPage: true,
      });
      await context.close();
    });
  }

  it('raised no Content Security Policy error', () => {
    assert.deepEqual(cspErrors, []);
  });
});
