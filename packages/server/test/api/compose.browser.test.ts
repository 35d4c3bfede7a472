/**
 * Sending from the webmail against a real provider in Debian's Chromium (playwright-core): Mario
 * signs in, composes a PEC to Anna (same provider) with an attachment, sends it (after the undo
 * countdown), sees the acceptance, finds the message in Sent and the receipts arriving in INBOX;
 * Anna's INBOX holds the transport envelope. No Content-Security-Policy violation is allowed.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { holders, password, startApiProvider, type ApiProvider } from './api-provider.ts';
import { browserSkip, chromiumPath, chromiumArgs, screenshots } from './browser-setup.ts';

describe('sending from the webmail against a real provider', { skip: browserSkip, timeout: 240_000 }, () => {
  let provider: ApiProvider;
  let browser: Browser;

  before(async () => {
    provider = await startApiProvider();
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  });
  after(async () => {
    await browser.close();
    await provider.close();
  });

  it('composes with an attachment, sends, finds it in Sent and the receipts in the Inbox', async () => {
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
    await page.getByLabel('Address', { exact: true }).fill(holders.mario);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Compose', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'New message' });
    await dialog.waitFor();
    await dialog.getByLabel('To', { exact: true }).fill(holders.anna);
    await dialog.getByLabel('To', { exact: true }).press('Enter');
    await dialog.getByLabel('Cc', { exact: true }).fill('someone@example.org');
    await dialog.getByLabel('Cc', { exact: true }).press('Enter');
    // Our own domain is PEC; an ordinary domain is flagged before sending.
    await dialog.getByText(/someone@example\.org is not in the PEC providers’ index/).waitFor();
    await dialog.getByRole('button', { name: 'Remove someone@example.org' }).click();
    await dialog.getByLabel('Subject', { exact: true }).fill('Memoria difensiva');
    await dialog.getByLabel('Message', { exact: true }).fill('Buongiorno,\nin allegato la memoria.\n');
    await dialog.getByLabel('Receipt type', { exact: true }).selectOption('breve');
    await dialog.getByLabel('Attach files', { exact: true }).setInputFiles({
      name: 'memoria.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4 memoria difensiva'),
    });
    await dialog.locator('.attach-list li').waitFor();
    await dialog.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('button', { name: 'Undo' }).waitFor();
    await page.getByText('Accepted by your provider.').waitFor({ timeout: 20_000 });

    const folders = page.getByRole('navigation', { name: 'Folders' });
    await folders.getByRole('link', { name: /Sent/ }).click();
    const sent = page.getByRole('listbox', { name: 'Messages in Sent' });
    await sent.getByText('Memoria difensiva').click();
    await page.locator('#reader-subject', { hasText: 'Memoria difensiva' }).waitFor();
    await page.locator('.attachments').getByText('memoria.pdf').waitFor();

    // The acceptance at once, the delivery receipt once the outbox worker delivered to Anna.
    await folders.getByRole('link', { name: /Inbox/ }).click();
    const inbox = page.getByRole('listbox', { name: 'Messages in Inbox' });
    await inbox.getByText(/ACCETTAZIONE: Memoria difensiva/).waitFor();
    // First in storage, so that a late receipt and a list that does not show it fail apart.
    const mario = await provider.ctx.storage.accounts.findMailboxByAddress(holders.mario);
    assert.ok(mario !== undefined);
    const marioInbox = await provider.ctx.storage.mailboxes.getFolder(mario.id, 'INBOX');
    assert.ok(marioInbox !== undefined);
    let filed = 0;
    for (let attempt = 0; attempt < 300 && filed < 2; attempt++) {
      filed = (await provider.ctx.storage.mailboxes.listMessageStates(marioInbox.id)).length;
      if (filed < 2) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.equal(filed, 2, 'the acceptance and the delivery receipt are filed in Mario’s Inbox within 60 s');
    // The list shows it: live updates, or a reload whose list has drawn (the acceptance row is there).
    const delivery = inbox.getByText(/CONSEGNA: Memoria difensiva/);
    let delivered = false;
    for (let attempt = 0; attempt < 6 && !delivered; attempt++) {
      if (attempt > 0) {
        await page.reload();
        await inbox.getByText(/ACCETTAZIONE: Memoria difensiva/).waitFor();
      }
      delivered = await delivery
        .waitFor({ timeout: 5_000 })
        .then(() => true)
        .catch(() => false);
    }
    assert.ok(delivered, 'the delivery receipt shows in the list');
    mkdirSync(screenshots, { recursive: true });
    writeFileSync(join(screenshots, 'compose-sent-real-desktop-en-light.png'), await page.screenshot());

    // Anna has the transport envelope carrying it.
    const anna = await provider.ctx.storage.accounts.findMailboxByAddress(holders.anna);
    assert.ok(anna !== undefined);
    const annaInbox = await provider.ctx.storage.mailboxes.getFolder(anna.id, 'INBOX');
    assert.ok(annaInbox !== undefined);
    assert.equal((await provider.ctx.storage.mailboxes.listMessageStates(annaInbox.id)).length, 1);
    assert.deepEqual(cspErrors, []);
    await context.close();
  });
});
