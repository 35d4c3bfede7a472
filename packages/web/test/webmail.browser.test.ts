// The webmail in Debian's Chromium: built dist/ + dev mock API on loopback, driven by accessible names.
// Screenshots go to docs/screenshots/ (linked from docs/webmail.md); axe-core checks every screen.
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
/** One fixed moment for the mock and the browser, so the screenshots only change when the UI does. */
const now = new Date('2026-12-07T10:30:00+01:00');

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

/** No serious or critical axe-core violation on the page as it is now. */
async function checkAccessibility(page: Page, screen: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<AxeResult> } })
      .axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map(
      (v) =>
        `${v.id}: ${v.help} @ ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    ),
    [],
    `axe on ${screen}`,
  );
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  writeFileSync(join(screenshots, `${name}.png`), await page.screenshot({ caret: 'initial' }));
}

async function signIn(
  page: Page,
  names: { address: string; password: string; submit: string },
): Promise<void> {
  await page.getByLabel(names.address, { exact: true }).fill(demoAccount.address);
  await page.getByLabel(names.password, { exact: true }).fill(demoAccount.password);
  await page.getByRole('button', { name: names.submit, exact: true }).click();
}

const english = { address: 'Address', password: 'Password', submit: 'Sign in' };

describe('webmail in Chromium', { skip, timeout: 240_000 }, () => {
  let dev: DevServer;
  let browser: Browser;
  const cspErrors: string[] = [];

  async function newContext(options: {
    viewport: typeof desktop;
    locale: string;
    colorScheme: 'light' | 'dark';
  }): Promise<BrowserContext> {
    const context = await browser.newContext({
      ...options,
      serviceWorkers: 'allow',
      timezoneId: 'Europe/Rome',
    });
    await context.clock.setFixedTime(now);
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(
          `CSP violation: ${event.violatedDirective} ${JSON.stringify(event.sample)} at ${event.sourceFile}:${String(event.lineNumber)}`,
        );
      });
    });
    context.on('console', (message) => {
      if (message.type() === 'error' && /CSP violation|Content Security Policy/i.test(message.text())) {
        cspErrors.push(message.text());
      }
    });
    return context;
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
  });

  it('signs in on a desktop in English, reads the inbox, opens a message, moves with the keyboard', async () => {
    const context = await newContext({ viewport: desktop, locale: 'en-GB', colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto(`${dev.url}/`);
    await page.getByRole('heading', { name: 'Sign in to your PEC box' }).waitFor();
    await page.getByText('PEC Example', { exact: true }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Forgot password?' }).count(), 1);
    assert.equal(await page.getByRole('checkbox', { name: 'Stay signed in' }).count(), 1);
    await checkAccessibility(page, 'sign-in');
    await shoot(page, 'signin-desktop-en-light');

    await page.getByLabel('Address', { exact: true }).fill(demoAccount.address);
    await page.getByLabel('Password', { exact: true }).fill('wrong');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').getByText('The address or the password is wrong.').waitFor();
    await checkAccessibility(page, 'sign-in error');
    await shoot(page, 'signin-error-desktop-en-light');

    await signIn(page, english);
    const folders = page.getByRole('navigation', { name: 'Folders' });
    await folders.getByRole('link', { name: /Inbox/ }).waitFor();
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    await page.getByText('100,000 messages').waitFor();
    const list = page.getByRole('listbox', { name: 'Messages in Inbox' });
    await list.getByRole('option').first().waitFor();
    // Virtualised: a screenful of rows in the DOM, not 100,000.
    const rendered = await list.getByRole('option').count();
    assert.ok(rendered > 5 && rendered < 80, `rendered rows: ${String(rendered)}`);
    assert.equal(await list.getAttribute('aria-label'), 'Messages in Inbox');
    await checkAccessibility(page, 'mailbox');
    await shoot(page, 'mailbox-desktop-en-light');

    await list.getByRole('option').nth(1).click();
    const subject = page.locator('#reader-subject');
    await page.getByRole('region', { name: 'PEC details' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'reader-subject');
    assert.match(page.url(), /\/f\/inbox\/m\/\d+$/);
    await checkAccessibility(page, 'reader');
    await shoot(page, 'reader-desktop-en-light');

    const first = await subject.textContent();
    await page.keyboard.press('j');
    await page.waitForFunction(
      (before) => document.getElementById('reader-subject')?.textContent !== before,
      first,
    );
    await page.keyboard.press('Escape');
    await page.waitForURL(/\/f\/inbox$/);
    await page.waitForFunction(() => document.activeElement?.id === 'message-list');
    await page.getByText('Select a message to read it.').waitFor();

    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    await checkAccessibility(page, 'help dialog');
    await shoot(page, 'help-desktop-en-light');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'Compose', exact: true }).click();
    await page.getByRole('dialog', { name: 'New message' }).waitFor();
    await page.keyboard.press('Escape');

    // Scrolling loads further pages as the end of what is loaded comes near.
    // Rows are as tall as the saved density and preview lines make them: measure one.
    await page.locator('.list-scroll').evaluate((el) => {
      const row = el.querySelector('[aria-posinset="1"]');
      el.scrollTop = 199 * (row === null ? 76 : row.getBoundingClientRect().height);
    });
    await list.locator('[aria-posinset="205"] .row-from').waitFor();

    // A folder of the holder's own, then a search that finds nothing.
    await folders.getByRole('link', { name: /Tribunale di Milano/ }).click();
    await page.getByRole('heading', { name: 'Tribunale di Milano', level: 1 }).waitFor();
    await page.getByRole('searchbox', { name: 'Search messages' }).fill('nothing-matches-this');
    await page.keyboard.press('Enter');
    await page.getByText('No messages match “nothing-matches-this”.').waitFor();
    await context.close();
  });

  it('switches to French and Italian and to the dark theme, and keeps the choices', async () => {
    const context = await newContext({ viewport: desktop, locale: 'en-US', colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto(`${dev.url}/signin`);
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { name: 'Connectez-vous à votre boîte PEC' }).waitFor();
    await checkAccessibility(page, 'sign-in fr');
    await shoot(page, 'signin-desktop-fr-light');
    await signIn(page, { address: 'Adresse', password: 'Mot de passe', submit: 'Se connecter' });
    await page.getByRole('heading', { name: 'Boîte de réception', level: 1 }).waitFor();
    await page.getByText('100 000 messages').waitFor();
    // A deep link to a message with an HTML body: sanitised, in a sandboxed frame, remote image dropped.
    const htmlUid = await page.evaluate(async () => {
      const page = (await (await fetch('/api/v1/folders/inbox/messages?limit=60')).json()) as {
        messages: { uid: number }[];
      };
      for (const { uid } of page.messages) {
        const message = (await (await fetch(`/api/v1/messages/inbox/${String(uid)}`)).json()) as {
          html: string | null;
        };
        if (message.html !== null) return uid;
      }
      return null;
    });
    assert.ok(htmlUid !== null);
    await page.goto(`${dev.url}/f/inbox/m/${String(htmlUid)}`);
    await page.getByRole('region', { name: 'Détails PEC' }).waitFor();
    const frame = page.frameLocator('iframe[title="Contenu du message"]');
    await frame.getByText('documentazione richiesta').waitFor();
    assert.equal(await frame.locator('script, img[src]').count(), 0);
    assert.equal(await page.locator('iframe[title="Contenu du message"]').getAttribute('sandbox'), '');
    await checkAccessibility(page, 'reader fr html');
    await shoot(page, 'reader-desktop-fr-light');

    await page.getByLabel('Langue').selectOption('it');
    await page.getByRole('heading', { name: 'Posta in arrivo', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Tema scuro' }).click();
    assert.equal(await page.evaluate(() => document.documentElement.dataset['theme']), 'dark');
    await checkAccessibility(page, 'reader it dark');
    await shoot(page, 'reader-desktop-it-dark');

    await page.reload();
    await page.getByRole('heading', { name: 'Posta in arrivo', level: 1 }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.dataset['theme']), 'dark');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'it');
    await page.getByRole('button', { name: 'Tema scuro', pressed: true }).waitFor();

    // The app shell is installable: manifest, and a service worker that takes control.
    const manifest = await page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
      if (link === null) return { name: '', icons: 0 };
      const body = (await (await fetch(link.href)).json()) as { name: string; icons: unknown[] };
      return { name: body.name, icons: body.icons.length };
    });
    assert.equal(manifest.name, 'PEC Webmail');
    assert.ok(manifest.icons >= 3);
    const swState = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state);
    assert.ok(swState === 'activated' || swState === 'activating', `service worker: ${String(swState)}`);
    // Offline with nothing saved on this device (the offline copy of the mailbox is tested against
    // a real provider, webmail-options.browser.test.ts), the service worker still serves the app
    // shell, which says the server is out of reach.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.evaluate(() => caches.delete('pec-offline'));
    await context.setOffline(true);
    await page.reload();
    await page
      .getByRole('alert')
      .getByText('Il server non è raggiungibile. Controlla la connessione.')
      .waitFor();
    await page.getByRole('button', { name: 'Riprova' }).waitFor();
    await checkAccessibility(page, 'offline');
    await shoot(page, 'offline-desktop-it-dark');
    await context.setOffline(false);
    await context.close();
  });

  it('works on a phone: one pane at a time, folders in a drawer', async () => {
    const context = await newContext({ viewport: phone, locale: 'it-IT', colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto(`${dev.url}/`);
    await page.getByRole('heading', { name: 'Accedi alla tua casella PEC' }).waitFor();
    await checkAccessibility(page, 'sign-in phone');
    await shoot(page, 'signin-phone-it-light');
    await signIn(page, { address: 'Indirizzo', password: 'Password', submit: 'Accedi' });
    const list = page.getByRole('listbox', { name: 'Messaggi in Posta in arrivo' });
    await list.getByRole('option').first().waitFor();
    assert.equal(await page.locator('.reader-pane').isVisible(), false);
    await checkAccessibility(page, 'mailbox phone');
    await shoot(page, 'mailbox-phone-it-light');

    await page.getByRole('button', { name: 'Mostra le cartelle' }).click();
    await page
      .getByRole('navigation', { name: 'Cartelle' })
      .getByRole('link', { name: /Posta inviata/ })
      .waitFor();
    await checkAccessibility(page, 'drawer phone');
    await shoot(page, 'folders-phone-it-light');
    await page.keyboard.press('Escape');

    await list.getByRole('option').first().click();
    await page.getByRole('region', { name: 'Dettagli PEC' }).waitFor();
    assert.equal(await list.isVisible(), false);
    await checkAccessibility(page, 'reader phone');
    await shoot(page, 'reader-phone-it-light');
    await page.getByRole('button', { name: 'Torna all’elenco' }).click();
    await list.waitFor();
    await context.close();
  });

  it('looks right on a phone in English and French with the dark theme', async () => {
    const context = await newContext({ viewport: phone, locale: 'en-GB', colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto(`${dev.url}/`);
    await page.getByRole('heading', { name: 'Sign in to your PEC box' }).waitFor();
    await checkAccessibility(page, 'sign-in phone dark');
    await shoot(page, 'signin-phone-en-dark');
    await signIn(page, english);
    await page.getByRole('listbox', { name: 'Messages in Inbox' }).getByRole('option').first().waitFor();
    await checkAccessibility(page, 'mailbox phone dark');
    await shoot(page, 'mailbox-phone-en-dark');
    await page.getByLabel('Language').selectOption('fr');
    await page
      .getByRole('listbox', { name: 'Messages dans Boîte de réception' })
      .getByRole('option')
      .nth(2)
      .click();
    await page.getByRole('region', { name: 'Détails PEC' }).waitFor();
    await checkAccessibility(page, 'reader phone dark');
    await shoot(page, 'reader-phone-fr-dark');
    await context.close();
  });

  it('shows two panes on a tablet, with the folders in a drawer', async () => {
    const context = await newContext({
      viewport: { width: 1024, height: 768 },
      locale: 'en-GB',
      colorScheme: 'light',
    });
    const page = await context.newPage();
    await page.goto(`${dev.url}/`);
    await signIn(page, english);
    const list = page.getByRole('listbox', { name: 'Messages in Inbox' });
    await list.getByRole('option').nth(3).click();
    await page.getByRole('region', { name: 'PEC details' }).waitFor();
    assert.equal(await list.isVisible(), true);
    assert.equal(await page.getByRole('navigation', { name: 'Folders' }).isVisible(), false);
    await checkAccessibility(page, 'tablet');
    await shoot(page, 'reader-tablet-en-light');

    // A session that ends on the server (expiry, revocation) leads back to the sign-in screen …
    await context.clearCookies();
    await page.getByRole('button', { name: 'Show folders' }).click();
    await page
      .getByRole('navigation', { name: 'Folders' })
      .getByRole('link', { name: /Archive/ })
      .click();
    await page.getByRole('heading', { name: 'Sign in to your PEC box' }).waitFor();
    // … and signing in again returns to where the holder was; "Sign out" ends the session.
    await signIn(page, english);
    await page.getByRole('heading', { name: 'Archive', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to your PEC box' }).waitFor();
    await page.goto(`${dev.url}/f/inbox`);
    await page.getByRole('heading', { name: 'Sign in to your PEC box' }).waitFor();
    await context.close();
  });

  it('ran under the strict Content-Security-Policy without a violation', () => {
    assert.deepEqual(cspErrors, []);
  });
});
