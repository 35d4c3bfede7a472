/**
 * Scheduled send in Debian's Chromium (playwright-core) against a real provider: in English, a time
 * in the past is refused in words, "Tomorrow morning" schedules the message (it waits in Drafts with
 * its job due at 08:00 Rome time), the Scheduled screen lists it and Cancel removes it (nothing is
 * sent, the draft stays); Edit cancels and reopens it in compose. Screenshots of the picker and
 * the Scheduled screen in it/en/fr, desktop and phone, light and dark. No CSP violation is allowed.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  crossedScreenshotViews,
  forEachScreenshotView,
  signedInPageOptions,
} from '../support/screenshot-views.ts';
import { holders, password, signIn, startApiProvider, type ApiProvider } from './api-provider.ts';
import { browserSkip, chromiumArgs, chromiumPath, screenshots, signedInPage } from './browser-setup.ts';

describe('scheduled send in the webmail', { skip: browserSkip, timeout: 300_000 }, () => {
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

  const signedIn = (
    address: string,
    options: { width?: number; height?: number; locale?: string; colorScheme?: 'light' | 'dark' } = {},
  ) =>
    signedInPage(browser, provider.base, { address, password }, cspErrors, {
      width: 1280,
      height: 800,
      ...options,
    });

  async function draftSubjects(address: string): Promise<string[]> {
    const mailbox = await provider.ctx.storage.accounts.findMailboxByAddress(address);
    assert.ok(mailbox !== undefined);
    const drafts = await provider.ctx.storage.mailboxes.getFolder(mailbox.id, 'Drafts');
    assert.ok(drafts !== undefined);
    const messages = await provider.ctx.storage.mailboxes.listMessages(drafts.id);
    const raws = await Promise.all(messages.map((m) => provider.ctx.blobs.get(m.blobKey)));
    return raws.map((raw) => /^Subject: (.*)$/m.exec(Buffer.from(raw).toString('latin1'))?.[1] ?? '');
  }

  async function compose(page: Page, subject: string) {
    await page.locator('.compose-button').click();
    const dialog = page.locator('dialog.compose-sheet');
    const to = dialog.locator('.recipient-field input').first();
    await to.fill(holders.anna);
    await to.press('Enter');
    await dialog.locator('input[maxlength="900"]').fill(subject);
    return dialog;
  }

  it('refuses a past time, schedules for tomorrow morning, lists it and cancels it', async () => {
    const { context, page } = await signedIn(holders.mario);
    await page.getByRole('button', { name: 'Compose', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'New message' });
    await dialog.getByLabel('To', { exact: true }).fill(holders.anna);
    await dialog.getByLabel('To', { exact: true }).press('Enter');
    await dialog.getByLabel('Subject', { exact: true }).fill('Istanza programmata');
    await dialog.getByRole('textbox', { name: 'Message', exact: true }).fill('Si trasmette l’istanza.');
    await dialog.getByRole('button', { name: 'Schedule send' }).click();
    const picker = dialog.getByRole('group', { name: 'Schedule send' });

    // Yesterday is refused before anything leaves.
    const yesterday = new Date(Date.now() - 86_400_000).toLocaleDateString('sv-SE', {
      timeZone: 'Europe/Rome',
    });
    await picker.getByLabel('Date', { exact: true }).fill(yesterday);
    await picker.getByRole('button', { name: /^Schedule/ }).click();
    await picker.getByRole('alert').filter({ hasText: 'This time has already passed' }).waitFor();

    await picker.getByRole('button', { name: /Tomorrow morning/ }).click();
    await picker.getByRole('button', { name: /^Schedule/ }).click();
    await page.getByText(/^Scheduled for /).waitFor();
    // The job is due tomorrow at 08:00 in Rome; the message waits in Drafts.
    const jobs = await provider.ctx.storage.queue.list({ kind: 'scheduled-send' });
    assert.equal(jobs.length, 1);
    const due = jobs[0]?.runAt ?? new Date(0);
    assert.equal(due.toLocaleTimeString('en-GB', { timeZone: 'Europe/Rome' }), '08:00:00');
    assert.ok(due.getTime() > Date.now());
    assert.ok((await draftSubjects(holders.mario)).includes('Istanza programmata'));

    await page.getByRole('link', { name: /^Scheduled/ }).click();
    await page.getByRole('heading', { name: 'Scheduled', level: 1 }).waitFor();
    const row = page.locator('.scheduled-item', { hasText: 'Istanza programmata' });
    await row.getByText(holders.anna).waitFor();
    await page.getByRole('button', { name: 'Cancel sending “Istanza programmata”' }).click();
    await page.getByText('Cancelled: the message is in Drafts.').waitFor();
    await row.waitFor({ state: 'detached' });
    await page.getByText('No messages are scheduled.').waitFor();
    assert.deepEqual(await provider.ctx.storage.queue.list({ kind: 'scheduled-send' }), []);
    assert.ok((await draftSubjects(holders.mario)).includes('Istanza programmata'), 'still in Drafts');

    // Edit: cancels the schedule and reopens the message in compose.
    const cookie = await signIn(provider.base, holders.mario);
    const scheduled = await fetch(`${provider.base}/api/v1/outgoing/scheduled`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-pec-request': '1' },
      body: JSON.stringify({
        to: [holders.anna],
        subject: 'Memoria da rivedere',
        sendAt: new Date(Date.now() + 3_600_000).toISOString(),
      }),
    });
    assert.equal(scheduled.status, 201, await scheduled.text());
    await page.reload();
    await page.getByRole('button', { name: 'Edit “Memoria da rivedere”' }).click();
    const editing = page.getByRole('dialog', { name: 'Edit draft' });
    await editing.waitFor();
    assert.equal(await editing.getByLabel('Subject', { exact: true }).inputValue(), 'Memoria da rivedere');
    assert.deepEqual(await provider.ctx.storage.queue.list({ kind: 'scheduled-send' }), []);
    assert.deepEqual(cspErrors, []);
    await context.close();
  });

  it('shows the picker and the Scheduled screen in it/en/fr, desktop and phone, light and dark', async () => {
    mkdirSync(screenshots, { recursive: true });
    // One already sent, so the screen shows a finished entry too.
    const cookie = await signIn(provider.base, holders.carla);
    const sent = await fetch(`${provider.base}/api/v1/outgoing/scheduled`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-pec-request': '1' },
      body: JSON.stringify({ to: [holders.bruno], subject: 'Diffida', sendAt: new Date().toISOString() }),
    });
    assert.equal(sent.status, 201, await sent.text());
    await forEachScreenshotView(
      crossedScreenshotViews,
      async (view) => (await signedIn(holders.carla, signedInPageOptions(view))).page,
      async (page, { device, language, scheme }) => {
        const name = (what: string) =>
          join(screenshots, `scheduled-${what}-${device}-${language}-${scheme}.png`);
        const dialog = await compose(page, `Ricorso ${language} ${scheme}`);
        await dialog.locator('.schedule-toggle').click();
        await dialog.locator('.schedule-panel').waitFor();
        writeFileSync(name('picker'), await page.screenshot());
        await dialog.locator('.schedule-actions .button.primary').click();
        await dialog.waitFor({ state: 'detached' });
        await page.goto(`${provider.base}/scheduled`);
        await page.locator('.scheduled-item', { hasText: `Ricorso ${language} ${scheme}` }).waitFor();
        await page.locator('.scheduled-item', { hasText: 'Diffida' }).locator('.tag-ok').waitFor();
        writeFileSync(name('list'), await page.screenshot({ fullPage: device === 'desktop' }));
      },
    );
    assert.deepEqual(cspErrors, []);
  });
});
