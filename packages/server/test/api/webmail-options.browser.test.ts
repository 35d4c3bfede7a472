/**
 * The message list and the reader drawn as the holder's options say, in Debian's Chromium against
 * a served provider: comfortable or compact rows, 0 to 2 lines of preview (the text IMAP PREVIEW
 * gives), three, two or one pane on a desktop — changed on the Options screen and applied when the
 * holder comes back — and always one pane on a phone. An HTML body is its own document with its own
 * Content-Security-Policy in a sandboxed frame: its remote image is not fetched until the holder
 * clicks "Show remote content" (a loopback server counts the requests). Screenshots of each screen;
 * axe-core on each; no CSP violation of the app.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ImapFlow } from 'imapflow';
import { chromium, type Browser, type Page } from 'playwright-core';
import { checkAccessibility } from './axe-check.ts';
import { holders, password, startApiProvider, type ApiProvider } from './api-provider.ts';
import { browserSkip, chromiumArgs, chromiumPath, screenshots, signedInPage } from './browser-setup.ts';

const desktop = { width: 1440, height: 900 };
const phone = { width: 390, height: 844 };
const firstLine = 'Con la presente si trasmette il verbale della riunione del consiglio';

async function shot(page: Page, name: string): Promise<void> {
  await checkAccessibility(page, name);
  mkdirSync(screenshots, { recursive: true });
  writeFileSync(join(screenshots, `${name}.png`), await page.screenshot());
}

/** Each row's height in pixels, as drawn. */
async function rowHeight(page: Page): Promise<number> {
  const box = await page.locator('.row').first().boundingBox();
  assert.ok(box !== null);
  return Math.round(box.height);
}

describe('the list and the reader follow the options', { skip: browserSkip, timeout: 300_000 }, () => {
  let provider: ApiProvider;
  let browser: Browser;
  let images: Server;
  let imageRequests = 0;
  const cspErrors: string[] = [];

  before(async () => {
    provider = await startApiProvider();
    images = createServer((_request, response) => {
      imageRequests++;
      // A 1×1 transparent GIF.
      const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
      response.writeHead(200, { 'content-type': 'image/gif', 'content-length': gif.length }).end(gif);
    });
    await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
    const address = images.address();
    const imagePort = typeof address === 'object' && address !== null ? address.port : 0;
    await provider.deliverPec(
      holders.mario,
      holders.anna,
      'Verbale della riunione',
      `${firstLine} di ieri.\nSeguono gli allegati.\n`,
    );
    await provider.deliverPec(
      holders.bruno,
      holders.anna,
      'Richiesta di documenti',
      'Si chiede copia dei documenti.\n',
    );
    // An HTML newsletter with a remote image, appended over IMAP.
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: provider.running.addresses.find((a) => a.name === 'imaps')?.port ?? 0,
      secure: true,
      tls: { ca: readFileSync(join(provider.dir, 'certs', 'ca.pem')) },
      auth: { user: holders.anna, pass: password },
      logger: false,
    });
    await client.connect();
    await client.append(
      'INBOX',
      [
        'From: Ordine degli Avvocati <notizie@ordine.example>',
        `To: ${holders.anna}`,
        'Subject: Notiziario di dicembre',
        'Date: Mon, 07 Dec 2026 09:15:00 +0100',
        'MIME-Version: 1.0',
        'Content-Type: text/html; charset=utf-8',
        '',
        `<h1>Notiziario</h1><p>Le novità del mese.</p><img alt="Logo" src="http://127.0.0.1:${String(imagePort)}/logo.gif" width="120" height="40"><script>parent.alert(1)</script>`,
        '',
      ].join('\r\n'),
    );
    await client.logout();
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  });
  after(async () => {
    await browser.close();
    images.close();
    await provider.close();
  });

  it('draws the rows, the preview and the panes as the options say, and changes with them', async () => {
    const { context, page } = await signedInPage(
      browser,
      provider.base,
      { address: holders.anna, password },
      cspErrors,
      desktop,
    );
    // The defaults: comfortable rows, one line of preview, three panes.
    const row = page.getByRole('option').filter({ hasText: 'Verbale della riunione' });
    await row.locator('.row-preview', { hasText: firstLine }).waitFor();
    assert.equal(await rowHeight(page), 95);
    assert.equal(await page.locator('.app').getAttribute('data-layout'), 'three');
    assert.ok(await page.getByRole('navigation', { name: 'Folders' }).isVisible());
    await row.click();
    await page.locator('#reader-subject', { hasText: 'Verbale della riunione' }).waitFor();
    await shot(page, 'list-options-three-desktop-en-light');

    // Options: compact, two preview lines, two panes.
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('link', { name: 'Options' }).first().click();
    await page.getByLabel('List density').selectOption('compact');
    await page.getByLabel('Preview lines in the list').selectOption('2');
    await page.getByLabel('Reading layout').selectOption('two');
    await page.getByText('Saved.').first().waitFor();
    await page.goBack();
    await page.goBack();
    await page.locator('.message-list[data-density="compact"][data-preview-lines="2"]').waitFor();
    assert.equal(await rowHeight(page), 88);
    assert.equal(await page.locator('.app').getAttribute('data-layout'), 'two');
    // The folders leave for the drawer after its 180 ms slide (mailbox.css); wait it out, bounded.
    await page.getByRole('navigation', { name: 'Folders' }).waitFor({ state: 'hidden', timeout: 5_000 });
    assert.ok(await page.getByRole('listbox').isVisible());
    assert.ok(await page.locator('#reader-subject').isVisible());
    await shot(page, 'list-options-two-desktop-en-light');

    // One pane, no preview: the reader takes the list's place, "Back to the list" returns to it.
    const saved = await page.evaluate(async () => {
      const response = await fetch('/api/v1/preferences', {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-pec-request': '1' },
        body: JSON.stringify({ readingPane: 'one', previewLines: 0, density: 'comfortable' }),
      });
      return response.status;
    });
    assert.equal(saved, 200);
    await page.reload();
    await page.locator('.app[data-layout="one"]').waitFor();
    assert.equal(await page.getByRole('listbox').isVisible(), false, 'the reader replaces the list');
    await page.getByRole('button', { name: 'Back to the list' }).click();
    await page.getByRole('listbox').waitFor();
    assert.equal(await rowHeight(page), 76);
    assert.equal(await page.locator('.row-preview').count(), 0);
    await shot(page, 'list-options-one-desktop-en-light');
    await context.close();
    assert.deepEqual(cspErrors, []);
  });

  it('is always one pane on a phone, with the preview lines', async () => {
    const { context, page } = await signedInPage(
      browser,
      provider.base,
      { address: holders.anna, password },
      cspErrors,
      {
        ...phone,
        locale: 'it-IT',
        colorScheme: 'dark',
      },
    );
    await page.evaluate(async () => {
      await fetch('/api/v1/preferences', {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-pec-request': '1' },
        body: JSON.stringify({ readingPane: 'three', previewLines: 2, density: 'compact' }),
      });
    });
    await page.reload();
    await page.locator('.message-list[data-preview-lines="2"]').waitFor();
    assert.equal(await page.locator('.app').getAttribute('data-layout'), 'one');
    await shot(page, 'list-options-phone-it-dark');
    await page.getByRole('option').filter({ hasText: 'Verbale della riunione' }).click();
    await page.locator('#reader-subject').waitFor();
    assert.equal(await page.getByRole('listbox').isVisible(), false);
    await context.close();
    assert.deepEqual(cspErrors, []);
  });

  it('opens offline with the folders and messages read last, and sends nothing', async () => {
    const { context, page } = await signedInPage(
      browser,
      provider.base,
      { address: holders.anna, password },
      cspErrors,
      desktop,
    );
    // (Polled by evaluate: waitForFunction would eval a string, which the app's CSP forbids.)
    for (let attempt = 0; attempt < 100; attempt++) {
      if ((await page.evaluate('navigator.serviceWorker.controller !== null')) === true) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Read with the service worker in control: the first page and the message are kept.
    await page.reload();
    await page.getByRole('option').filter({ hasText: 'Verbale della riunione' }).click();
    await page.locator('#reader-subject', { hasText: 'Verbale della riunione' }).waitFor();
    await context.setOffline(true);
    await page.reload();
    await page
      .getByRole('status')
      .getByText(/^Offline: you are reading the copy saved on this device/)
      .waitFor();
    await page.locator('#reader-subject', { hasText: 'Verbale della riunione' }).waitFor();
    await page.getByRole('option').filter({ hasText: 'Richiesta di documenti' }).waitFor();
    const compose = page.getByRole('button', { name: 'Compose', exact: true });
    assert.ok(await compose.isDisabled(), 'Compose waits for the network');
    assert.equal(await compose.getAttribute('title'), 'Sending needs a connection');
    await shot(page, 'offline-mailbox-desktop-en-light');
    await context.setOffline(false);
    // Signing out empties the copy.
    assert.equal(await page.evaluate("caches.has('pec-offline')"), true);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('input[autocomplete="username"]').waitFor();
    assert.equal(await page.evaluate("caches.has('pec-offline')"), false);
    await context.close();
    assert.deepEqual(cspErrors, []);
  });

  it('serves an HTML body as its own document and loads remote content only on request', async () => {
    const { context, page } = await signedInPage(
      browser,
      provider.base,
      { address: holders.anna, password },
      cspErrors,
      {
        ...desktop,
        locale: 'fr-FR',
      },
    );
    await page.getByRole('option').filter({ hasText: 'Notiziario di dicembre' }).click();
    const frame = page.frameLocator('.html-body');
    await frame.getByRole('heading', { name: 'Notiziario' }).waitFor();
    const src = await page.locator('.html-body').getAttribute('src');
    assert.match(src ?? '', /^\/api\/v1\/messages\/\d+\/\d+\/html\?remote=0&theme=light$/);
    assert.equal(await page.locator('.html-body').getAttribute('sandbox'), '');
    const policy = await page.evaluate(async (url) => {
      const response = await fetch(url);
      return { csp: response.headers.get('content-security-policy'), body: await response.text() };
    }, src ?? '');
    assert.match(policy.csp ?? '', /^sandbox; default-src 'none'; .*img-src data:;/);
    assert.doesNotMatch(policy.body, /<script|127\.0\.0\.1/, 'sanitised, the remote image left out');
    assert.equal(imageRequests, 0, 'nothing remote before the holder asks');
    await shot(page, 'html-remote-blocked-desktop-fr-light');

    await page.getByRole('button', { name: 'Afficher le contenu distant' }).click();
    await frame.getByRole('img', { name: 'Logo' }).waitFor();
    // Counted by the image server's handler, which runs while this test waits.
    const requested = (): number => imageRequests;
    for (let attempt = 0; attempt < 50 && requested() === 0; attempt++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(requested(), 1, 'the image, once asked for');
    assert.match((await page.locator('.html-body').getAttribute('src')) ?? '', /remote=1/);
    assert.equal(await page.getByRole('button', { name: 'Afficher le contenu distant' }).count(), 0);
    await context.close();
    assert.deepEqual(cspErrors, []);
  });
});
