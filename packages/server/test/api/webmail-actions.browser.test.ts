/**
 * The webmail's mailbox actions against a real provider in Debian's Chromium (playwright-core):
 * opening marks read, flagging, creating a nested folder, moving with undo, ticking two rows with
 * shift-click and deleting them, emptying Trash after a confirmation, and a PEC delivered by SMTP
 * plus a flag set over IMAP appearing live (server-sent events) without a reload. Every check is
 * made on what the server stores too. No Content-Security-Policy violation is allowed.
 * Screenshots (desktop and phone, en/it/fr, light/dark) go to docs/screenshots/.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ImapFlow } from 'imapflow';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { holders, password, startApiProvider, type ApiProvider } from './api-provider.ts';
import { browserSkip, chromiumPath, chromiumArgs, screenshots } from './browser-setup.ts';

describe('webmail mailbox actions against a real provider', { skip: browserSkip, timeout: 300_000 }, () => {
  let provider: ApiProvider;
  let browser: Browser;
  const cspErrors: string[] = [];

  /** The stored flags of Anna's message with this subject in `folder`, from storage. */
  async function storedFlags(folderName: string, subject: string): Promise<readonly string[] | undefined> {
    const mailbox = await provider.ctx.storage.accounts.findMailboxByAddress(holders.anna);
    assert.ok(mailbox !== undefined);
    const folder = await provider.ctx.storage.mailboxes.getFolder(mailbox.id, folderName);
    if (folder === undefined) return undefined;
    const messages = await provider.ctx.storage.mailboxes.listMessages(folder.id);
    return messages.find((m) => (m.envelope.subject ?? '').includes(subject))?.flags;
  }

  /** Waits (bounded) until `check` holds on the server. */
  async function eventually(what: string, check: () => Promise<boolean>): Promise<void> {
    for (let attempt = 0; attempt < 100; attempt++) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.fail(`never: ${what}`);
  }

  async function newContext(viewport: { width: number; height: number }, lang: string, dark: boolean) {
    const context = await browser.newContext({
      viewport,
      locale: lang === 'en' ? 'en-GB' : lang,
      timezoneId: 'Europe/Rome',
      colorScheme: dark ? 'dark' : 'light',
    });
    await context.addInitScript({
      content: `localStorage.setItem('pec.lang', ${JSON.stringify(lang)}); localStorage.setItem('pec.theme', '${dark ? 'dark' : 'light'}');`,
    });
    context.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
        cspErrors.push(message.text());
    });
    return context;
  }

  async function signIn(context: BrowserContext, address: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${provider.base}/`);
    await page.locator('input[name="address"], input[type="email"]').first().fill(address);
    await page.locator('input[type="password"]').fill(password);
    await page.locator('form button[type="submit"]').click();
    await page.getByRole('listbox').first().waitFor();
    return page;
  }

  function shot(page: Page, name: string): Promise<void> {
    mkdirSync(screenshots, { recursive: true });
    return page.screenshot().then((png) => {
      writeFileSync(join(screenshots, `${name}.png`), png);
    });
  }

  before(async () => {
    provider = await startApiProvider();
    for (const subject of ['Verbale di consegna', 'Ricorso depositato', 'Decreto ingiuntivo'])
      await provider.deliverPec(holders.mario, holders.anna, subject, `Testo: ${subject}.\n`);
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  });
  after(async () => {
    await browser.close();
    await provider.close();
  });

  it('marks read on open, flags, creates a folder, moves with undo, deletes two rows and empties Trash', async () => {
    const context = await newContext({ width: 1440, height: 900 }, 'en', false);
    const page = await signIn(context, holders.anna);
    const list = page.getByRole('listbox', { name: 'Messages in Inbox' });
    const row = (subject: string) => list.getByRole('option').filter({ hasText: subject });
    await row('Decreto ingiuntivo').waitFor();
    assert.equal(await list.getByRole('option').count(), 3);

    // Opening marks read, here and for IMAP (the store).
    await row('Verbale di consegna').click();
    await page.locator('#reader-subject').getByText('Verbale di consegna').waitFor();
    await eventually('\\Seen stored', async () =>
      ((await storedFlags('INBOX', 'Verbale di consegna')) ?? []).includes('\\Seen'),
    );
    const reader = page.getByRole('toolbar', { name: 'Message actions' }).last();
    await reader.getByRole('button', { name: 'Mark as unread' }).waitFor();

    await reader.getByRole('button', { name: 'Flag', exact: true }).click();
    await reader.getByRole('button', { name: 'Remove flag' }).waitFor();
    await eventually('\\Flagged stored', async () =>
      ((await storedFlags('INBOX', 'Verbale di consegna')) ?? []).includes('\\Flagged'),
    );
    await row('Verbale di consegna').getByTitle('Flagged').waitFor();
    await shot(page, 'actions-reader-desktop-en-light');

    // A nested folder of the holder's own.
    await page.getByRole('button', { name: 'Manage folders' }).click();
    const manager = page.getByRole('dialog', { name: 'Your folders' });
    await manager.getByLabel('New folder name').fill('Clienti/Rossi');
    await manager.getByRole('button', { name: 'Create folder' }).click();
    await manager.getByText('Clienti/Rossi', { exact: true }).waitFor();
    await shot(page, 'actions-folders-desktop-en-light');
    await manager.getByRole('button', { name: 'Dismiss' }).first().click();
    await page
      .getByRole('navigation', { name: 'Folders' })
      .getByRole('link', { name: 'Clienti/Rossi' })
      .waitFor();
    assert.ok((await storedFlags('Clienti/Rossi', 'x')) === undefined, 'the folder exists, empty');

    // Move to it, then undo from the toast.
    await reader.getByRole('button', { name: 'Move to…' }).click();
    const move = page.getByRole('dialog', { name: 'Move or copy' });
    await move.getByLabel('Destination folder').selectOption({ label: 'Clienti/Rossi' });
    await shot(page, 'actions-move-desktop-en-light');
    await move.getByRole('button', { name: 'Move', exact: true }).click();
    await page.getByRole('status').getByText('Message moved to Clienti/Rossi.').waitFor();
    await eventually(
      'moved in storage',
      async () => (await storedFlags('Clienti/Rossi', 'Verbale')) !== undefined,
    );
    assert.equal(await row('Verbale di consegna').count(), 0);
    await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
    await row('Verbale di consegna').waitFor();
    await eventually('moved back', async () => (await storedFlags('INBOX', 'Verbale')) !== undefined);

    // Tick two rows (click, shift-click) and delete them to Trash.
    await row('Decreto ingiuntivo').locator('.row-check').click();
    await row('Ricorso depositato')
      .locator('.row-check')
      .click({ modifiers: ['Shift'] });
    const toolbar = page.getByRole('toolbar', { name: 'Message actions' }).first();
    await toolbar.getByText('2 selected').waitFor();
    assert.equal(await list.getByRole('option', { selected: true }).count(), 2);
    await shot(page, 'actions-selection-desktop-en-light');
    await toolbar.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('status').getByText('2 messages moved to Trash.').waitFor();
    await eventually('in Trash', async () => (await storedFlags('Trash', 'Ricorso')) !== undefined);
    assert.equal(await list.getByRole('option').count(), 1);

    // Empty Trash, after a confirmation.
    await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: 'Trash' }).click();
    const trash = page.getByRole('listbox', { name: 'Messages in Trash' });
    await trash.getByRole('option').nth(1).waitFor();
    await page.getByRole('button', { name: 'Empty Trash' }).click();
    const confirm = page.getByRole('dialog', { name: 'Empty Trash?' });
    await confirm.waitFor();
    await shot(page, 'actions-confirm-desktop-en-light');
    await confirm.getByRole('button', { name: 'Empty Trash' }).click();
    await page.getByText('No messages in this folder.').waitFor();
    await eventually('Trash empty', async () => (await storedFlags('Trash', 'Ricorso')) === undefined);

    // The shortcuts are in the help.
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.getByText('Move to a folder').waitFor();
    await help.getByText('Shift+u').waitFor();
    await page.keyboard.press('Escape');
    await context.close();
  });

  it('shows a PEC delivered by SMTP and a flag set over IMAP live, without a reload', async () => {
    const context = await newContext({ width: 1440, height: 900 }, 'en', false);
    const page = await signIn(context, holders.anna);
    const list = page.getByRole('listbox', { name: 'Messages in Inbox' });
    await list.getByRole('option').first().waitFor();
    let reloads = 0;
    page.on('framenavigated', () => {
      reloads += 1;
    });
    await provider.deliverPec(holders.mario, holders.anna, 'Arrivata in diretta', 'Nuova.\n');
    const fresh = list.getByRole('option').filter({ hasText: 'Arrivata in diretta' });
    await fresh.waitFor();

    const mailbox = await provider.ctx.storage.accounts.findMailboxByAddress(holders.anna);
    assert.ok(mailbox !== undefined);
    const inbox = await provider.ctx.storage.mailboxes.getFolder(mailbox.id, 'INBOX');
    assert.ok(inbox !== undefined);
    const stored = (await provider.ctx.storage.mailboxes.listMessages(inbox.id)).find((m) =>
      (m.envelope.subject ?? '').includes('Arrivata in diretta'),
    );
    assert.ok(stored !== undefined);
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: provider.running.addresses.find((a) => a.name === 'imaps')?.port ?? 0,
      secure: true,
      tls: { ca: readFileSync(join(provider.dir, 'certs', 'ca.pem'), 'utf8') },
      auth: { user: holders.anna, pass: password },
      logger: false,
    });
    await client.connect();
    try {
      const lock = await client.getMailboxLock('INBOX');
      try {
        await client.messageFlagsAdd(String(stored.uid), ['\\Flagged'], { uid: true });
      } finally {
        lock.release();
      }
    } finally {
      await client.logout();
    }
    await fresh.getByTitle('Flagged').waitFor();
    assert.equal(reloads, 0, 'no navigation happened');
    await shot(page, 'actions-live-desktop-en-light');
    assert.deepEqual(cspErrors, []);
    await context.close();
  });

  it('takes screenshots on a phone and in dark mode, in Italian and French', async () => {
    for (const [lang, dark, width, height, name] of [
      ['it', false, 390, 844, 'actions-selection-phone-it-light'],
      ['fr', true, 390, 844, 'actions-selection-phone-fr-dark'],
      ['en', true, 1440, 900, 'actions-selection-desktop-en-dark'],
      ['fr', false, 1440, 900, 'actions-selection-desktop-fr-light'],
    ] as const) {
      const context = await newContext({ width, height }, lang, dark);
      const page = await signIn(context, holders.anna);
      const list = page.getByRole('listbox').first();
      await list.getByRole('option').first().locator('.row-check').click();
      await page.getByRole('toolbar').first().locator('.selected-count').waitFor();
      await shot(page, name);
      if (name === 'actions-selection-phone-it-light') {
        await list.getByRole('option').first().click();
        await page.locator('#reader-subject').waitFor();
        await page.getByRole('button', { name: 'Segna come non letto' }).waitFor();
        await shot(page, 'actions-reader-phone-it-light');
      }
      await context.close();
    }
    assert.deepEqual(cspErrors, []);
  });
});
