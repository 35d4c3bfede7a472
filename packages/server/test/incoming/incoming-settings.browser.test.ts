/**
 * The incoming-mail settings screens against a real provider in Debian's Chromium (playwright-core,
 * decision 0026): the holder accepts ordinary mail into a folder and trusts a domain; writes two
 * rules in the dialog, reorders them with the keyboard buttons and by dragging, disables and
 * deletes one; changes the antispam choices; each change is read back from storage. Screenshots
 * (desktop 1280×800 and phone 390×844; en, it, fr in light; en in dark) go to docs/screenshots/.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { holders, password, startApiProvider, type ApiProvider } from '../api/api-provider.ts';
import { browserSkip, chromiumArgs, chromiumPath, screenshots } from '../api/browser-setup.ts';

describe('incoming-mail settings screens', { skip: browserSkip, timeout: 300_000 }, () => {
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

  async function signIn(page: Page, address: string): Promise<void> {
    await page.goto(`${provider.base}/signin`);
    await page.locator('#signin-address').fill(address);
    await page.locator('#signin-password').fill(password);
    await page.locator('form button[type=submit]').click();
    await page.waitForURL('**/f/**');
  }

  const mailboxId = async (address: string) => {
    const mailbox = await provider.ctx.storage.accounts.findMailboxByAddress(address);
    assert.ok(mailbox);
    return mailbox.id;
  };

  it('changes ordinary mail, rules and antispam from the screens', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await signIn(page, holders.mario);
    const id = await mailboxId(holders.mario);

    await page.goto(`${provider.base}/settings/ordinary-mail`);
    await page.getByRole('heading', { name: 'Ordinary mail', level: 1 }).waitFor();
    await page.getByLabel(/Accept it into a folder/).check();
    await page.getByLabel('Folder', { exact: true }).fill('Ordinaria');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    assert.equal((await provider.ctx.storage.accounts.getMailbox(id))?.ordinaryMailPolicy, 'accept');
    assert.equal((await provider.ctx.storage.incoming.get(id)).ordinaryFolder, 'Ordinaria');
    await page.getByLabel('Trusted senders: Address or domain').fill('amici.example');
    await page.getByRole('button', { name: 'Add', exact: true }).first().click();
    await page.getByRole('button', { name: 'Remove amici.example' }).waitFor();
    assert.deepEqual(
      (await provider.ctx.storage.incoming.listSenders(id)).map((e) => `${e.list}:${e.value}`),
      ['allow:amici.example'],
    );

    await page.goto(`${provider.base}/settings/rules`);
    await page.getByText('No rules yet. Every message arrives in the Inbox.').waitFor();
    await page.getByRole('button', { name: 'New rule' }).click();
    const dialog = page.getByRole('dialog', { name: 'New rule' });
    await dialog.getByLabel('Name', { exact: true }).fill('Fatture');
    await dialog.getByLabel('Value', { exact: true }).fill('fattura');
    await dialog.getByLabel('Folder', { exact: true }).fill('Fatture');
    await dialog.getByRole('button', { name: 'Add action' }).click();
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Fatture', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'New rule' }).click();
    const second = page.getByRole('dialog', { name: 'New rule' });
    await second.getByLabel('Name', { exact: true }).fill('Ricevute');
    await second.getByLabel('Conditions 1').selectOption('pec-type');
    await second.getByLabel('Value', { exact: true }).selectOption('avvenuta-consegna');
    await second.getByLabel('Folder', { exact: true }).fill('Ricevute');
    await page.screenshot({ path: join(screenshots, 'settings-rules-dialog-desktop-en-light.png') });
    await second.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Ricevute', { exact: true }).waitFor();
    const names = async () => (await provider.ctx.storage.incoming.listRules(id)).map((r) => r.name);
    assert.deepEqual(await names(), ['Fatture', 'Ricevute']);
    const stored = (await provider.ctx.storage.incoming.listRules(id))[0];
    assert.deepEqual(stored?.conditions, [{ field: 'subject', op: 'contains', value: 'fattura' }]);
    assert.deepEqual(stored.actions, [{ kind: 'move', folder: 'Fatture' }, { kind: 'flag' }]);

    // Keyboard: the arrow button, focused and pressed with Enter.
    await page.getByRole('button', { name: 'Move “Ricevute” up' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('.rule-item').first().getByText('Ricevute', { exact: true }).waitFor();
    assert.deepEqual(await names(), ['Ricevute', 'Fatture']);
    // Drag: the first rule onto the second.
    await page.locator('.rule-item').first().dragTo(page.locator('.rule-item').nth(1));
    await page.locator('.rule-item').first().getByText('Fatture', { exact: true }).waitFor();
    assert.deepEqual(await names(), ['Fatture', 'Ricevute']);
    // Disable, then delete (the confirmation is accepted).
    // The box follows the stored rule: it changes once the list is read again.
    await page.locator('.rule-item').nth(1).getByLabel('Active').click();
    await page.locator('.rule-item.rule-off').waitFor();
    assert.equal((await provider.ctx.storage.incoming.listRules(id))[1]?.enabled, false);
    await page.screenshot({
      path: join(screenshots, 'settings-rules-list-desktop-en-light.png'),
      fullPage: true,
    });
    await page.locator('.rule-item').nth(1).getByRole('button', { name: 'Delete' }).click();
    await page.locator('.rule-item').nth(1).waitFor({ state: 'detached' });
    assert.deepEqual(await names(), ['Fatture']);
    const download = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export as Sieve' }).click(),
    ]);
    assert.equal(download[0].suggestedFilename(), 'rules.sieve');

    await page.goto(`${provider.base}/settings/antispam`);
    await page.getByRole('heading', { name: 'Antispam', level: 1 }).waitFor();
    await page.getByLabel('Spam score threshold').fill('8');
    await page.getByLabel('Refuse it').check();
    await page.getByLabel(/Also file certified messages/).check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    assert.deepEqual(await provider.ctx.storage.incoming.get(id), {
      ordinaryFolder: 'Ordinaria',
      antispamEnabled: true,
      spamThreshold: 8,
      spamAction: 'refuse',
      pecSpamToFolder: true,
    });
    await context.close();
  });

  it('shows each screen on desktop and phone, in English, Italian and French, light and dark', async () => {
    mkdirSync(screenshots, { recursive: true });
    const combos = [
      ...(['en', 'it', 'fr'] as const).map((language) => [language, 'light'] as const),
      ['en', 'dark'] as const,
    ];
    const locales = { en: 'en-GB', it: 'it-IT', fr: 'fr-FR' } as const;
    for (const [language, scheme] of combos) {
      for (const [device, viewport] of [
        ['desktop', { width: 1280, height: 800 }],
        ['phone', { width: 390, height: 844 }],
      ] as const) {
        const context = await browser.newContext({
          viewport,
          locale: locales[language],
          colorScheme: scheme,
        });
        const page = await context.newPage();
        // Mario's settings from the first test: accept into a folder, a trusted domain, one rule.
        await signIn(page, holders.mario);
        for (const screen of ['ordinary-mail', 'rules', 'antispam'] as const) {
          await page.goto(`${provider.base}/settings/${screen}`);
          await page.locator('.settings-section').first().waitFor();
          await page
            .locator(screen === 'rules' ? '.rule-item' : 'form button[type=submit]')
            .first()
            .waitFor();
          await page.screenshot({
            path: join(screenshots, `settings-${screen}-${device}-${language}-${scheme}.png`),
            fullPage: true,
          });
        }
        await context.close();
      }
    }
  });
});
