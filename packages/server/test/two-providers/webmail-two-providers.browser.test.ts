/**
 * The webmail end to end across two providers, in Debian's Chromium (playwright-core) against two
 * `pec serve` processes that know and trust each other (provider-pair.ts). Mario, at A, signs in
 * and sends a PEC with an attachment to Luigi (same provider) and to Anna (at B, stopped at first
 * so that her receipts come later); the Receipts dossier of the Sent copy shows Luigi delivered,
 * then — B started, the page never reloaded — Anna delivered, through the event stream. Anna signs
 * in to B's webmail and opens the envelope: the original, its attachment and the PEC details with
 * A's valid signature. Mario downloads the evidence pack; every signed file in it passes `openssl
 * smime -verify` against both providers' CAs. The screens switch to French and Italian and are
 * shot on a desktop and a phone, light and dark; axe-core finds no serious violation on any.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { checkAccessibility } from '../api/axe-check.ts';
import { browserSkip, chromiumArgs, chromiumPath, screenshots, signedInPage } from '../api/browser-setup.ts';
import { setUpProviderPair, tearDownProviderPair, type PairProvider } from './provider-pair.ts';

const domainA = 'pec-a.localhost';
const domainB = 'pec-b.localhost';
const mario = `mario.rossi@${domainA}`;
const luigi = `luigi.verdi@${domainA}`;
const anna = `anna.bianchi@${domainB}`;
const password = 'Password-Webmail-1';
const subject = 'Ricorso per decreto ingiuntivo';
const attachment = {
  name: 'ricorso.pdf',
  bytes: Buffer.from('%PDF-1.4\n% ricorso per decreto ingiuntivo\n%%EOF\n'),
};
const desktop = { width: 1440, height: 900 };
const phone = { width: 390, height: 844 };

async function shot(page: Page, name: string): Promise<void> {
  await checkAccessibility(page, name);
  mkdirSync(screenshots, { recursive: true });
  writeFileSync(join(screenshots, `${name}.png`), await page.screenshot());
}

/** Opens a folder from the navigation, through the drawer where the folders are folded away. */
async function openFolder(page: Page, name: RegExp): Promise<void> {
  const nav = page.getByRole('navigation').first();
  if (!(await nav.getByRole('link', { name }).isVisible())) await page.locator('.drawer-toggle').click();
  await nav.getByRole('link', { name }).click();
  // The list follows the route: wait until its heading names the folder (on a phone the drawer,
  // and the folder links with it, leave the accessibility tree as it closes).
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** The dossier's line for one recipient. */
function recipientLine(page: Page, address: string) {
  return page.locator('.dossier-recipient').filter({ hasText: address });
}

describe('the webmail across two providers', { skip: browserSkip, timeout: 300_000 }, () => {
  let work: string;
  let pair: readonly [PairProvider, PairProvider] | undefined;
  let browser: Browser;
  const cspErrors: string[] = [];
  const base = (provider: PairProvider) => `http://127.0.0.1:${String(provider.httpPort())}`;

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'pec-webmail-pair-'));
    pair = await setUpProviderPair(
      work,
      [
        { key: 'a', domain: domainA, name: 'PEC A', mailboxes: { [mario]: password, [luigi]: password } },
        { key: 'b', domain: domainB, name: 'PEC B', mailboxes: { [anna]: password } },
      ],
      { start: false },
    );
    // B stays down until Mario watches his dossier: Anna's receipts must come while he looks.
    await pair[0].start();
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  });
  after(async () => {
    await browser.close();
    await tearDownProviderPair(pair);
    await rm(work, { recursive: true, force: true });
  });

  it('sends with an attachment to both providers and watches the receipts arrive in the dossier', async () => {
    assert.ok(pair !== undefined);
    const [a, b] = pair;
    const { context, page } = await signedInPage(browser, base(a), { address: mario, password }, cspErrors, {
      ...desktop,
    });
    await page.getByRole('button', { name: 'Compose', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'New message' });
    for (const to of [luigi, anna]) {
      await dialog.getByLabel('To', { exact: true }).fill(to);
      await dialog.getByLabel('To', { exact: true }).press('Enter');
    }
    await dialog.getByLabel('Subject', { exact: true }).fill(subject);
    await dialog.getByLabel('Message', { exact: true }).fill('Buongiorno,\nin allegato il ricorso.\n');
    await dialog.getByLabel('Attach files', { exact: true }).setInputFiles({
      name: attachment.name,
      mimeType: 'application/pdf',
      buffer: attachment.bytes,
    });
    await dialog.locator('.attach-list li').waitFor();
    await dialog.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByText('Accepted by your provider.').waitFor({ timeout: 30_000 });

    await openFolder(page, /^Sent/);
    await page.getByRole('option').filter({ hasText: subject }).click();
    const dossier = page.getByRole('region', { name: 'Receipts' });
    await dossier.waitFor();
    // A mark on this very page: still there at the end, so nothing below came from a reload.
    await page.evaluate("document.body.dataset.watched = 'yes'");
    await recipientLine(page, luigi)
      .locator('.pec-badge', { hasText: 'Delivered' })
      .waitFor({ timeout: 60_000 });
    const annaLine = recipientLine(page, anna);
    await annaLine.waitFor();
    assert.notEqual(await annaLine.locator('.pec-badge').innerText(), 'Delivered', 'B is down: not yet');
    await shot(page, 'pair-dossier-waiting-desktop-en-light');

    await b.start();
    await annaLine.locator('.pec-badge', { hasText: 'Delivered' }).waitFor({ timeout: 90_000 });
    assert.equal(await page.evaluate('document.body.dataset.watched'), 'yes', 'no reload');
    // Accepted, taken in charge by B (that receipt goes to A, not to Mario), delivered.
    await annaLine.getByText('Taken in charge', { exact: true }).waitFor();
    assert.equal(await annaLine.getByRole('link', { name: /Open receipt/ }).count(), 2);
    await page.locator('.attachments').getByText(attachment.name).waitFor();
    await shot(page, 'pair-dossier-desktop-en-light');

    // The evidence pack: every signed file verifies against the providers' CAs.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download evidence' }).click(),
    ]);
    const dir = await mkdtemp(join(tmpdir(), 'pec-pair-evidence-'));
    try {
      const zip = join(dir, 'pack.zip');
      await download.saveAs(zip);
      const out = join(dir, 'pack');
      execFileSync('unzip', ['-q', zip, '-d', out]);
      const bundle = join(dir, 'cas.pem');
      await writeFile(
        bundle,
        (await Promise.all([a.caFile, b.caFile].map((f) => readFile(f, 'utf8')))).join('\n'),
      );
      const files = (await readdir(out, { recursive: true })).filter((name) => name.endsWith('.eml'));
      const signed: string[] = [];
      for (const name of files) {
        const head = (await readFile(join(out, name), 'latin1')).split(/\r?\n\r?\n/, 1)[0] ?? '';
        if (!/multipart\/signed|pkcs7-mime/i.test(head)) continue;
        // The chain is checked (no -noverify): A's files lead to A's CA, B's to B's.
        execFileSync(
          'openssl',
          [
            'smime',
            '-verify',
            '-purpose',
            'any',
            '-CAfile',
            bundle,
            '-in',
            join(out, name),
            '-out',
            join(dir, 'content'),
          ],
          { stdio: ['ignore', 'ignore', 'pipe'] },
        );
        signed.push(name);
      }
      // Everything but the original: the envelope, the acceptance (A), Luigi's delivery receipt
      // (A) and Anna's (B).
      assert.equal(signed.length, 4, `signed files: ${signed.join(', ')} of ${files.join(', ')}`);
      assert.ok(
        signed.some((name) => name.includes('anna.bianchi')),
        signed.join(', '),
      );
      const original = files.find((name) => name.includes('original'));
      assert.ok(original !== undefined, files.join(', '));
      assert.ok(
        (await readFile(join(out, original))).includes(attachment.bytes.toString('base64').slice(0, 40)),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }

    // French, then Italian, from the app bar; the dossier follows at once.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await page.getByRole('region', { name: 'Accusés' }).waitFor();
    await annaLine.locator('.pec-badge', { hasText: 'Remis' }).waitFor();
    await shot(page, 'pair-dossier-desktop-fr-light');
    await page.getByRole('combobox', { name: 'Langue' }).selectOption('it');
    await page.getByRole('region', { name: 'Ricevute' }).waitFor();
    await annaLine.locator('.pec-badge', { hasText: 'Consegnato' }).waitFor();
    await page.getByRole('button', { name: 'Tema scuro' }).click();
    await shot(page, 'pair-dossier-desktop-it-dark');
    await context.close();
    assert.deepEqual(cspErrors, []);
  });

  it('opens the envelope at the recipient on the second provider, with the PEC details', async () => {
    assert.ok(pair !== undefined);
    const b = pair[1];
    const { context, page } = await signedInPage(browser, base(b), { address: anna, password }, cspErrors, {
      ...desktop,
    });
    await page.getByRole('option').filter({ hasText: subject }).click();
    const details = page.getByRole('region', { name: 'PEC details' });
    await details.getByText('PEC message (transport envelope)').waitFor();
    await details.getByText('Valid signature').waitFor();
    // The signer is A, as named in B's copy of the providers' index.
    await details.getByText('PEC A', { exact: true }).waitFor();
    // The rich-text body, in its own sandboxed document.
    await page.frameLocator('.html-body').getByText('in allegato il ricorso.').waitFor();
    const link = page.locator('.attachments').getByRole('link', { name: attachment.name });
    await link.waitFor();
    const href = await link.getAttribute('href');
    assert.ok(href !== null);
    const bytes = await page.evaluate(async (url) => {
      const response = await fetch(url);
      return Array.from(new Uint8Array(await response.arrayBuffer()));
    }, href);
    assert.deepEqual(Buffer.from(bytes), attachment.bytes, 'the attachment byte-exact at B');
    await shot(page, 'pair-envelope-desktop-en-light');
    await context.close();

    // A phone: one pane, the PEC details folded until tapped; in French, dark.
    const onPhone = await signedInPage(browser, base(b), { address: anna, password }, cspErrors, {
      ...phone,
      locale: 'fr-FR',
      colorScheme: 'dark',
    });
    await onPhone.page.getByRole('option').filter({ hasText: subject }).click();
    const region = onPhone.page.getByRole('region', { name: 'Détails PEC' });
    await region.getByRole('button').click();
    await region.getByText('Signature valide').waitFor();
    assert.equal(await onPhone.page.getByRole('listbox').isVisible(), false, 'the reader replaces the list');
    await shot(onPhone.page, 'pair-envelope-phone-fr-dark');
    await onPhone.context.close();
    assert.deepEqual(cspErrors, []);
  });

  it('shows the sender’s dossier on a phone, in Italian', async () => {
    assert.ok(pair !== undefined);
    const { context, page } = await signedInPage(
      browser,
      base(pair[0]),
      { address: mario, password },
      cspErrors,
      {
        ...phone,
        locale: 'it-IT',
      },
    );
    await openFolder(page, /^(Posta inviata|Inviata)/);
    await page.getByRole('option').filter({ hasText: subject }).click();
    await page.getByRole('region', { name: 'Ricevute' }).waitFor();
    await recipientLine(page, anna).locator('.pec-badge', { hasText: 'Consegnato' }).waitFor();
    await shot(page, 'pair-dossier-phone-it-light');
    await context.close();
    assert.deepEqual(cspErrors, []);
  });
});
