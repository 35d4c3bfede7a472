/**
 * The Spam folder's notice in Debian's Chromium (decision 0034): a PEC the spam filter filed in
 * Spam ($Junk) shows that it is legally delivered, with a "Not spam" button that moves it to INBOX,
 * clears $Junk and sets $NotJunk on the server. axe finds no serious violation; no CSP error.
 * Screenshots (desktop light, phone dark; en, and it) go to docs/screenshots/spam-notice-*.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { holders, password, startApiProvider, type ApiProvider } from './api-provider.ts';
import { checkAccessibility } from './axe-check.ts';
import { browserSkip, chromiumArgs, chromiumPath, screenshots, signedInPage } from './browser-setup.ts';

describe('webmail: a PEC in Spam', { skip: browserSkip, timeout: 300_000 }, () => {
  let provider: ApiProvider;
  let browser: Browser;
  const cspErrors: string[] = [];
  const subject = 'Diffida ad adempiere';

  async function folderOf(name: string) {
    const mailbox = await provider.ctx.storage.accounts.findMailboxByAddress(holders.mario);
    assert.ok(mailbox);
    const folder = await provider.ctx.storage.mailboxes.getFolder(mailbox.id, name);
    assert.ok(folder);
    return folder;
  }
  const messagesIn = async (name: string) =>
    provider.ctx.storage.mailboxes.listMessages((await folderOf(name)).id);

  /** Files the delivered PEC in Spam as the filter does (decision 0034): $Junk, then moved. */
  async function fileInSpam(): Promise<number> {
    const inbox = await folderOf('INBOX');
    const envelope = (await messagesIn('INBOX')).find((m) => m.envelope.subject?.includes(subject));
    assert.ok(envelope);
    const range = [{ from: envelope.uid, to: envelope.uid }];
    await provider.ctx.storage.mailboxes.setFlags(inbox.id, range, { mode: 'add', flags: ['$Junk'] });
    const moved = await provider.ctx.storage.mailboxes.move(inbox.id, range, (await folderOf('Spam')).id);
    const uid = moved.mapping[0]?.targetUid;
    assert.ok(uid !== undefined);
    return uid;
  }

  before(async () => {
    provider = await startApiProvider();
    await provider.deliverPec(
      holders.anna,
      holders.mario,
      subject,
      'Vi diffidiamo ad adempiere entro 15 giorni.',
    );
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    mkdirSync(screenshots, { recursive: true });
  });
  after(async () => {
    await browser.close();
    await provider.close();
  });

  it('warns that the PEC is legally delivered, and Not spam moves it to INBOX without $Junk', async () => {
    const uid = await fileInSpam();
    const spam = await folderOf('Spam');
    const credentials = { address: holders.mario, password };
    for (const [name, options] of [
      ['desktop-en-light', { width: 1280, height: 800, colorScheme: 'light' }],
      ['phone-en-dark', { width: 390, height: 844, colorScheme: 'dark' }],
      ['desktop-it-light', { width: 1280, height: 800, locale: 'it-IT', colorScheme: 'light' }],
    ] as const) {
      const { context, page } = await signedInPage(browser, provider.base, credentials, cspErrors, options);
      if (name.includes('-it-')) await page.evaluate("localStorage.setItem('pec.lang', 'it')");
      await page.goto(`${provider.base}/f/${String(spam.id)}/m/${String(uid)}`);
      const notice = page.getByRole('note');
      await notice.waitFor();
      const text = (await notice.textContent()) ?? '';
      assert.match(
        text,
        name.includes('-it-')
          ? /legalmente consegnato/
          : /filed in Spam by your filter; it is legally delivered/,
      );
      if (name === 'desktop-en-light') await checkAccessibility(page, 'spam notice');
      await page.screenshot({ path: join(screenshots, `spam-notice-${name}.png`) });
      await context.close();
    }

    const { context, page } = await signedInPage(browser, provider.base, credentials, cspErrors, {
      width: 1280,
      height: 800,
    });
    await page.goto(`${provider.base}/f/${String(spam.id)}/m/${String(uid)}`);
    await page.getByRole('button', { name: 'Not spam' }).click();
    await page.getByText('Marked as not spam and moved to the inbox.').waitFor();
    let filed: Awaited<ReturnType<typeof messagesIn>>[number] | undefined;
    for (let attempt = 0; attempt < 100 && filed === undefined; attempt++) {
      filed = (await messagesIn('INBOX')).find((m) => m.envelope.subject?.includes(subject));
      if (filed === undefined) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(filed, 'back in INBOX');
    assert.ok(!filed.flags.includes('$Junk'), JSON.stringify(filed.flags));
    assert.ok(filed.flags.includes('$NotJunk'), JSON.stringify(filed.flags));
    assert.equal((await messagesIn('Spam')).length, 0);
    await context.close();
    assert.deepEqual(cspErrors, []);
  });
});
