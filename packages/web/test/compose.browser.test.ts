// Compose in Debian's Chromium against the dev mock API: the fields by their English accessible
// names, recipient chips with the providers'-index warning, attachments (input and drag and drop)
// with sizes and removal, the receipt type, drafts saved on demand, undo send, the send and its
// receipts, reply from the reader; screenshots on a desktop and a phone, en/it/fr, light and dark.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { demoAccount } from '../dev/mock-api.ts';
import { startDevServer, type DevServer } from '../dev/serve.ts';
import { chromiumArgs, chromiumMissing, chromiumPath } from './browser.ts';
import { distDir, ensureBuilt, webDir } from './build.ts';

const skip = chromiumMissing();
const screenshots = join(webDir, '..', '..', 'docs', 'screenshots');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const desktop = { width: 1440, height: 900 };
const phone = { width: 390, height: 844 };
const now = new Date('2026-12-07T10:30:00+01:00');

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

async function checkAccessibility(page: Page, screen: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<AxeResult> } })
      .axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.id}: ${v.help} @ ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `axe on ${screen}`,
  );
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  writeFileSync(join(screenshots, `${name}.png`), await page.screenshot({ caret: 'initial' }));
}

/** The names a language gives the sign-in and compose controls. */
const words = {
  en: {
    address: 'Address',
    password: 'Password',
    signIn: 'Sign in',
    compose: 'Compose',
    dialog: 'New message',
    to: 'To',
    cc: 'Cc',
    subject: 'Subject',
    message: 'Message',
    receipt: 'Receipt type',
    attach: 'Attach files',
  },
  it: {
    address: 'Indirizzo',
    password: 'Password',
    signIn: 'Accedi',
    compose: 'Scrivi',
    dialog: 'Nuovo messaggio',
    to: 'A',
    cc: 'Cc',
    subject: 'Oggetto',
    message: 'Messaggio',
    receipt: 'Tipo di ricevuta',
    attach: 'Allega file',
  },
  fr: {
    address: 'Adresse',
    password: 'Mot de passe',
    signIn: 'Se connecter',
    compose: 'Écrire',
    dialog: 'Nouveau message',
    to: 'À',
    cc: 'Cc',
    subject: 'Objet',
    message: 'Message',
    receipt: 'Type d’accusé',
    attach: 'Joindre des fichiers',
  },
} as const;
type Language = keyof typeof words;

describe('compose in Chromium', { skip, timeout: 300_000 }, () => {
  let dev: DevServer;
  let browser: Browser;
  const cspErrors: string[] = [];

  async function open(
    language: Language,
    viewport: typeof desktop,
    colorScheme: 'light' | 'dark',
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      viewport,
      colorScheme,
      locale: { en: 'en-GB', it: 'it-IT', fr: 'fr-FR' }[language],
      timezoneId: 'Europe/Rome',
    });
    await context.clock.setFixedTime(now);
    context.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
        cspErrors.push(message.text());
    });
    const page = await context.newPage();
    await page.goto(`${dev.url}/signin`);
    const w = words[language];
    await page.getByLabel(w.address, { exact: true }).fill(demoAccount.address);
    await page.getByLabel(w.password, { exact: true }).fill(demoAccount.password);
    await page.getByRole('button', { name: w.signIn, exact: true }).click();
    await page.getByRole('listbox').getByRole('option').first().waitFor();
    return { context, page };
  }

  /** Opens compose and fills it as a holder would, for the screenshots. */
  async function fill(page: Page, language: Language): Promise<void> {
    const w = words[language];
    await page.getByRole('button', { name: w.compose, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: w.dialog });
    await dialog.waitFor();
    await dialog.getByLabel(w.to, { exact: true }).fill('cancelleria@pec.tribunale.milano.it,');
    await dialog.getByLabel(w.to, { exact: true }).fill('ufficio@example.com');
    await dialog.getByLabel(w.cc, { exact: true }).click();
    await dialog.getByLabel(w.subject, { exact: true }).fill('Deposito memoria – RG 4521/2026');
    await dialog
      .getByLabel(w.message, { exact: true })
      .fill('Buongiorno,\n\nsi trasmette in allegato la memoria difensiva.\n\nCordiali saluti\nMario Rossi');
    await dialog.getByLabel(w.attach, { exact: true }).setInputFiles([
      { name: 'memoria-difensiva.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(184_320, 1) },
      { name: 'procura.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(42_000, 2) },
    ]);
    await dialog.locator('.attach-list li').nth(1).waitFor();
    await dialog.locator('.compose-warning').first().waitFor();
    await dialog.locator('.compose-body').evaluate((body) => {
      body.scrollTop = 0;
    });
  }

  before(async () => {
    ensureBuilt();
    mkdirSync(screenshots, { recursive: true });
    dev = await startDevServer({ distDir, now: now.getTime() });
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  });

  after(async () => {
    await browser.close();
    await dev.close();
    assert.deepEqual(cspErrors, []);
  });

  it('composes with chips, warnings and attachments, saves a draft, undoes and sends', async () => {
    const { context, page } = await open('en', desktop, 'light');
    await page.getByRole('button', { name: 'Compose', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'New message' });
    await dialog.waitFor();
    // The rich-text editor loads on demand: wait for it before counting the labelled fields.
    await dialog.getByLabel('Message', { exact: true }).waitFor();
    for (const name of ['To', 'Cc', 'Subject', 'Message', 'Receipt type', 'Attach files'])
      assert.equal(await dialog.getByLabel(name, { exact: true }).count(), 1, name);
    assert.equal(await dialog.getByRole('button', { name: 'Send', exact: true }).count(), 1);
    // No Bcc: PEC has none.
    assert.equal(await dialog.getByLabel('Bcc').count(), 0);

    // Send with no recipient: a clear error, nothing sent.
    await dialog.getByRole('button', { name: 'Send', exact: true }).click();
    await dialog.getByRole('alert').getByText('Add at least one recipient in To.').waitFor();

    const to = dialog.getByLabel('To', { exact: true });
    await to.fill('anna@pec.example.it');
    await to.press('Enter');
    await to.fill('not-an-address');
    await to.press('Enter');
    await to.fill('someone@example.com');
    await to.press('Enter');
    const chips = dialog.getByRole('list', { name: 'Recipients in To' }).getByRole('listitem');
    assert.equal(await chips.count(), 3);
    await dialog.locator('.chip[data-state="invalid"]').waitFor();
    await dialog.getByText(/someone@example\.com is not in the PEC providers’ index/).waitFor();
    await dialog.getByRole('button', { name: 'Send', exact: true }).click();
    await dialog
      .getByRole('alert')
      .getByText(/Correct the addresses that are not valid: not-an-address/)
      .waitFor();
    await dialog.getByRole('button', { name: 'Remove not-an-address' }).click();
    assert.equal(await chips.count(), 2);

    await dialog.getByLabel('Subject', { exact: true }).fill('Atto di citazione');
    await dialog.getByLabel('Message', { exact: true }).fill('In allegato l’atto.');
    assert.equal(await dialog.getByLabel('Receipt type').inputValue(), 'completa');
    await dialog.getByLabel('Receipt type').selectOption('breve');
    await dialog.getByText(/attachments replaced by their fingerprints/).waitFor();

    await dialog.getByLabel('Attach files', { exact: true }).setInputFiles([
      { name: 'atto.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(20_480, 3) },
      { name: 'extra.txt', mimeType: 'text/plain', buffer: Buffer.from('remove me') },
    ]);
    await dialog.locator('.attach-list li').nth(1).waitFor();
    assert.equal(await dialog.locator('.attach-list .attachment-size').first().textContent(), '20 kB');
    await dialog.getByRole('button', { name: 'Remove extra.txt' }).click();
    // Drag and drop onto the drop zone.
    const transfer = await page.evaluateHandle(() => {
      const data = new DataTransfer();
      data.items.add(new File(['dropped'], 'dropped.txt', { type: 'text/plain' }));
      return data;
    });
    await dialog.locator('.drop-zone').dispatchEvent('drop', { dataTransfer: transfer });
    await dialog.locator('.attach-list .attachment-name', { hasText: 'dropped.txt' }).waitFor();
    assert.deepEqual(await dialog.locator('.attach-list .attachment-name').allTextContents(), [
      'atto.pdf',
      'dropped.txt',
    ]);

    await dialog.getByRole('button', { name: 'Save draft' }).click();
    await dialog.getByText(/^Draft saved at/).waitFor();
    await checkAccessibility(page, 'compose');

    // Send, then undo: the sheet comes back as it was, nothing sent.
    await dialog.getByRole('button', { name: 'Send', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText(/^Sending in \d seconds?…$/).waitFor();
    await page.getByRole('button', { name: 'Undo' }).click();
    await dialog.waitFor();
    assert.equal(await dialog.getByLabel('Subject', { exact: true }).inputValue(), 'Atto di citazione');

    // Send for real: the countdown, then the acceptance.
    await dialog.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByText('Accepted by your provider.').waitFor({ timeout: 15_000 });
    await page.getByText(/Identifier: opec21\./).waitFor();

    // In Sent, and its receipts in the Inbox; the draft is gone.
    const folders = page.getByRole('navigation', { name: 'Folders' });
    await folders.getByRole('link', { name: /Sent/ }).click();
    await page
      .getByRole('listbox', { name: 'Messages in Sent' })
      .getByText('Atto di citazione')
      .first()
      .waitFor();
    await folders.getByRole('link', { name: /Inbox/ }).click();
    const inbox = page.getByRole('listbox', { name: 'Messages in Inbox' });
    await inbox.getByText('ACCETTAZIONE: Atto di citazione').waitFor();
    await folders.getByRole('link', { name: /Drafts/ }).click();
    await page.getByRole('heading', { name: 'Drafts', level: 1 }).waitFor();
    assert.equal(await page.getByText('Atto di citazione').count(), 0);

    // Reply from the reader prefills To and Subject.
    await folders.getByRole('link', { name: /Inbox/ }).click();
    await inbox.getByRole('option').filter({ hasText: 'POSTA CERTIFICATA' }).first().click();
    await page.getByRole('region', { name: 'PEC details' }).waitFor();
    const subject = (await page.locator('#reader-subject').textContent()) ?? '';
    await page.getByRole('button', { name: 'Reply', exact: true }).click();
    const reply = page.getByRole('dialog', { name: 'Reply' });
    await reply.waitFor();
    assert.equal(
      await reply.getByRole('list', { name: 'Recipients in To' }).getByRole('listitem').count(),
      1,
    );
    assert.match(
      await reply.getByLabel('Subject', { exact: true }).inputValue(),
      new RegExp(
        `^Re: ${subject
          .replace(/^POSTA CERTIFICATA: /, '')
          .slice(0, 10)
          .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
      ),
    );
    await shoot(page, 'compose-reply-desktop-en-light');
    await reply.getByRole('button', { name: 'Discard' }).click();
    await reply.waitFor({ state: 'hidden' });
    await context.close();
  });

  for (const [language, viewport, scheme, name] of [
    ['en', desktop, 'light', 'compose-desktop-en-light'],
    ['it', desktop, 'dark', 'compose-desktop-it-dark'],
    ['fr', desktop, 'light', 'compose-desktop-fr-light'],
    ['en', phone, 'dark', 'compose-phone-en-dark'],
    ['it', phone, 'light', 'compose-phone-it-light'],
    ['fr', phone, 'dark', 'compose-phone-fr-dark'],
  ] as const) {
    it(`looks right: ${name}`, async () => {
      const { context, page } = await open(language, viewport, scheme);
      await fill(page, language);
      await checkAccessibility(page, name);
      await shoot(page, name);
      await context.close();
    });
  }

  it('shows the undo toast on a phone', async () => {
    const { context, page } = await open('it', phone, 'light');
    await fill(page, 'it');
    await page.getByRole('button', { name: 'Invia', exact: true }).click();
    await page.getByRole('button', { name: 'Annulla' }).waitFor();
    await shoot(page, 'compose-undo-phone-it-light');
    await page.getByRole('button', { name: 'Annulla' }).click();
    await page.getByRole('dialog', { name: 'Nuovo messaggio' }).waitFor();
    await context.close();
  });
});
