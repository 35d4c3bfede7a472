/**
 * The richer compose against a real provider in Debian's Chromium (playwright-core): an HTML
 * message written with the toolbar and the shortcuts (pasted HTML loses its images and scripts)
 * arrives as multipart/alternative; a draft saved with a binary attachment reopens from Drafts with
 * every field, is saved again in place of the old one, and sending it empties Drafts; a PEC
 * forwarded as attachment carries the signed envelope byte for byte. Screenshots of the composer
 * with its toolbar in it/en/fr, desktop and phone, light and dark. No CSP violation is allowed.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findParts, parseMimeTree, readBodyBytes, readTextBody, type MimeNode } from '@pec/core';
import { chromium, type Browser } from 'playwright-core';
import {
  crossedScreenshotViews,
  forEachScreenshotView,
  signedInPageOptions,
} from '../support/screenshot-views.ts';
import { holders, password, startApiProvider, type ApiProvider } from './api-provider.ts';
import { browserSkip, chromiumArgs, chromiumPath, screenshots, signedInPage } from './browser-setup.ts';

const binary = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 13) % 256));

describe('rich text, drafts and forwarding in the webmail', { skip: browserSkip, timeout: 300_000 }, () => {
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
      width: 1440,
      height: 900,
      ...options,
    });

  /** The stored messages of a folder, newest last, as raw bytes. */
  async function stored(address: string, folder: string): Promise<Uint8Array[]> {
    const mailbox = await provider.ctx.storage.accounts.findMailboxByAddress(address);
    assert.ok(mailbox !== undefined);
    const found = await provider.ctx.storage.mailboxes.getFolder(mailbox.id, folder);
    assert.ok(found !== undefined);
    const messages = await provider.ctx.storage.mailboxes.listMessages(found.id);
    return Promise.all(messages.map((m) => provider.ctx.blobs.get(m.blobKey)));
  }
  async function waitStored(
    address: string,
    folder: string,
    match: (raw: string) => boolean,
  ): Promise<Uint8Array> {
    for (let attempt = 0; attempt < 150; attempt++) {
      const found = (await stored(address, folder)).find((bytes) =>
        match(Buffer.from(bytes).toString('latin1')),
      );
      if (found !== undefined) return found;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.fail(`nothing matching in ${address} ${folder}`);
  }
  const postacert = (bytes: Uint8Array): MimeNode => {
    const [part] = findParts(parseMimeTree(bytes), (node) => node.filename === 'postacert.eml');
    assert.ok(part?.children[0] !== undefined, 'postacert.eml');
    return part.children[0];
  };

  it('writes HTML with the toolbar and shortcuts, sanitises a paste, sends multipart/alternative', async () => {
    const { context, page } = await signedIn(holders.mario);
    await page.getByRole('button', { name: 'Compose', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'New message' });
    await dialog.getByLabel('To', { exact: true }).fill(holders.anna);
    await dialog.getByLabel('To', { exact: true }).press('Enter');
    await dialog.getByLabel('Subject', { exact: true }).fill('Memoria in HTML');
    const body = dialog.getByRole('textbox', { name: 'Message', exact: true });
    await body.click();
    await page.keyboard.type('Gentile collega, ');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('urgente');
    await page.keyboard.press('Control+b');
    await page.keyboard.press('Enter');
    const toolbar = dialog.getByRole('toolbar', { name: 'Formatting' });
    await toolbar.getByRole('button', { name: 'Bulleted list' }).click();
    await page.keyboard.type('primo punto');
    assert.equal(
      await toolbar.getByRole('button', { name: 'Bulleted list' }).getAttribute('aria-pressed'),
      'true',
    );
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    // A paste from another page: only the safe subset stays (no image, no script, no style).
    await page.evaluate(`(() => {
      const data = new DataTransfer();
      data.setData(
        'text/html',
        '<p style="color:red">Incollato <em>corsivo</em><img src="https://tracker.invalid/p.gif"><script>window.pwned=1</script></p>',
      );
      data.setData('text/plain', 'Incollato corsivo');
      const target = document.querySelector('.compose-rich');
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    })()`);
    await body.locator('em', { hasText: 'corsivo' }).waitFor();
    assert.deepEqual(cspErrors, [], 'after the paste');
    assert.equal(await body.locator('img').count(), 0, 'no image from the paste');
    assert.equal(await body.locator('[style]').count(), 0, 'no style from the paste');
    await dialog.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByText('Accepted by your provider.').waitFor({ timeout: 20_000 });
    assert.deepEqual(cspErrors, [], 'after sending');

    const envelope = await waitStored(holders.anna, 'INBOX', (raw) => raw.includes('Memoria in HTML'));
    const original = postacert(envelope);
    const html = findParts(original, (n) => n.contentType.subtype === 'html')[0];
    const text = findParts(original, (n) => n.contentType.subtype === 'plain')[0];
    assert.ok(html !== undefined && text !== undefined, 'text/plain and text/html');
    const htmlBody = readTextBody(envelope, html);
    assert.match(htmlBody, /<strong>urgente<\/strong>/);
    assert.match(htmlBody, /<ul><li><p>primo punto<\/p><\/li><\/ul>/);
    assert.doesNotMatch(htmlBody, /img|script|style/i);
    assert.match(readTextBody(envelope, text), /Gentile collega, urgente\s+- primo punto/);
    await context.close();
  });

  it('reopens a draft from Drafts with its attachment, saves it in place, sends it and Drafts empties', async () => {
    const { context, page } = await signedIn(holders.mario);
    await page.getByRole('button', { name: 'Compose', exact: true }).click();
    let dialog = page.getByRole('dialog', { name: 'New message' });
    await dialog.getByLabel('To', { exact: true }).fill(holders.bruno);
    await dialog.getByLabel('To', { exact: true }).press('Enter');
    await dialog.getByLabel('Subject', { exact: true }).fill('Bozza da riprendere');
    await dialog.getByLabel('Receipt type', { exact: true }).selectOption('sintetica');
    await dialog.getByRole('textbox', { name: 'Message', exact: true }).fill('Prima stesura');
    await dialog.getByLabel('Attach files', { exact: true }).setInputFiles({
      name: 'dati.bin',
      mimeType: 'application/octet-stream',
      buffer: binary,
    });
    await dialog.locator('.attach-list li').waitFor();
    await dialog.getByRole('button', { name: 'Save draft', exact: true }).click();
    await dialog.getByText(/^Draft saved/).waitFor();
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();

    const folders = page.getByRole('navigation', { name: 'Folders' });
    await folders.getByRole('link', { name: /Drafts/ }).click();
    await page.getByRole('listbox', { name: 'Messages in Drafts' }).getByText('Bozza da riprendere').click();
    dialog = page.getByRole('dialog', { name: 'Edit draft' });
    await dialog.waitFor();
    assert.equal(await dialog.getByLabel('Subject', { exact: true }).inputValue(), 'Bozza da riprendere');
    assert.equal(await dialog.getByLabel('Receipt type', { exact: true }).inputValue(), 'sintetica');
    await dialog.locator('.chip', { hasText: holders.bruno }).first().waitFor();
    await dialog.getByRole('textbox', { name: 'Message', exact: true }).getByText('Prima stesura').waitFor();
    await dialog.locator('.attach-list li', { hasText: 'dati.bin' }).waitFor();

    await dialog.getByLabel('Subject', { exact: true }).fill('Bozza ripresa');
    await dialog.getByRole('button', { name: 'Save draft', exact: true }).click();
    await dialog.getByText(/^Draft saved/).waitFor();
    const drafts = await stored(holders.mario, 'Drafts');
    assert.equal(drafts.length, 1, 'the new version replaced the old one');
    const draft = drafts[0] ?? new Uint8Array();
    const [file] = findParts(parseMimeTree(draft), (n) => n.filename === 'dati.bin');
    assert.ok(file !== undefined);
    assert.deepEqual(Buffer.from(readBodyBytes(draft, file)), binary, 'the attachment byte-exact');

    await dialog.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByText('Accepted by your provider.').waitFor({ timeout: 20_000 });
    assert.equal((await stored(holders.mario, 'Drafts')).length, 0, 'sending removed the draft');
    const envelope = await waitStored(holders.bruno, 'INBOX', (raw) => raw.includes('Bozza ripresa'));
    const [sentFile] = findParts(postacert(envelope), (n) => n.filename === 'dati.bin');
    assert.ok(sentFile !== undefined);
    assert.deepEqual(Buffer.from(readBodyBytes(envelope, sentFile)), binary);
    await context.close();
  });

  it('forwards a received PEC as attachment: the signed envelope travels byte for byte', async () => {
    const received = await waitStored(holders.anna, 'INBOX', (raw) => raw.includes('Memoria in HTML'));
    const { context, page } = await signedIn(holders.anna);
    await page
      .getByRole('listbox', { name: 'Messages in Inbox' })
      .getByText('Memoria in HTML')
      .first()
      .click();
    await page.locator('#reader-subject', { hasText: 'Memoria in HTML' }).waitFor();
    await page.getByRole('button', { name: 'Forward as attachment', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Forward' });
    await dialog.locator('.attach-list li', { hasText: '.eml' }).waitFor();
    await dialog.getByLabel('To', { exact: true }).fill(holders.carla);
    await dialog.getByLabel('To', { exact: true }).press('Enter');
    await dialog.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByText('Accepted by your provider.').waitFor({ timeout: 20_000 });

    const envelope = await waitStored(holders.carla, 'INBOX', (raw) => raw.includes('Fwd: Memoria in HTML'));
    const [attached] = findParts(
      postacert(envelope),
      (n) => n.contentType.type === 'message' && n.filename !== undefined,
    );
    assert.ok(attached !== undefined, 'a message/rfc822 attachment');
    assert.deepEqual(Buffer.from(readBodyBytes(envelope, attached)), Buffer.from(received));
    await context.close();
  });

  it('shows the composer with its toolbar in it/en/fr, desktop and phone, light and dark', async () => {
    mkdirSync(screenshots, { recursive: true });
    await forEachScreenshotView(
      crossedScreenshotViews,
      async (view) => (await signedIn(holders.carla, signedInPageOptions(view))).page,
      async (page, { device, language, scheme }) => {
        await page.locator('.compose-button').click();
        const dialog = page.locator('dialog.compose-sheet');
        await dialog.locator('.compose-rich').click();
        await page.keyboard.type('Buongiorno, ');
        await page.keyboard.press('Control+b');
        await page.keyboard.type('scadenza il 15');
        await page.keyboard.press('Control+b');
        await page.keyboard.press('Enter');
        await dialog.locator('.format-bulletList').click();
        await page.keyboard.type('atto di citazione');
        await dialog.locator('.format-bold').focus();
        writeFileSync(
          join(screenshots, `compose-rich-${device}-${language}-${scheme}.png`),
          await page.screenshot(),
        );
      },
    );
    assert.deepEqual(cspErrors, []);
  });
});
