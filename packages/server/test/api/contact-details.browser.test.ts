/**
 * The Contact details screen in Debian's Chromium (playwright-core) against a real provider, in
 * English (decision 0036): the holder changes the contact e-mail with the code the relay delivered
 * to a local SMTP sink (a wrong code first) and sees the old address told; starts a change of
 * mobile whose code goes through a fake SMS gateway, asks for a new code, cancels it, then confirms
 * another with its code. The old value stays in force until the code is typed. axe finds no
 * serious violation. Screenshots (desktop 1280×800 and phone 390×844, light and dark, with a change
 * waiting for its code) go to docs/screenshots/settings-contact-*.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { startSmtpSink, type SmtpSink } from '../../src/protocols/smtp/relay-client/testing/smtp-sink.ts';
import { checkAccessibility } from './axe-check.ts';
import { holders, password, startApiProvider, type ApiProvider } from './api-provider.ts';
import { browserSkip, chromiumArgs, chromiumPath, screenshots, signedInPage } from './browser-setup.ts';

const contactDomain = 'recapiti.example';

describe('contact details in the browser', { skip: browserSkip, timeout: 300_000 }, () => {
  let provider: ApiProvider;
  let browser: Browser;
  let gateway: Server;
  let sink: SmtpSink;
  const texts: { to: string; text: string }[] = [];

  before(async () => {
    gateway = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        texts.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as { to: string; text: string });
        response.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    provider = await startApiProvider({
      overrides: {
        relay: { dns: false },
        notices: {
          smsGateway: { url: `http://127.0.0.1:${String((gateway.address() as AddressInfo).port)}/sms` },
        },
      },
    });
    sink = await startSmtpSink({
      cert: await readFile(join(provider.dir, 'certs', 'tls-cert.pem'), 'utf8'),
      key: await readFile(join(provider.dir, 'certs', 'tls-key.pem'), 'utf8'),
      noStartTls: true,
    });
    await provider.ctx.storage.routes.set({
      domain: contactDomain,
      host: '127.0.0.1',
      port: sink.port,
      tls: 'none',
    });
    const anna = await provider.ctx.storage.accounts.findMailboxByAddress(holders.anna);
    assert.ok(anna !== undefined);
    await provider.ctx.storage.accounts.updateMailbox(anna.id, {
      contactEmail: `anna.old@${contactDomain}`,
      mobile: '+393330000001',
    });
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    mkdirSync(screenshots, { recursive: true });
  });
  after(async () => {
    await browser.close();
    await provider.close();
    await sink.close();
    await new Promise((resolve) => gateway.close(resolve));
  });

  async function waitFor<T>(what: string, probe: () => T | undefined): Promise<T> {
    for (let attempt = 0; attempt < 150; attempt++) {
      const found = probe();
      if (found !== undefined) return found;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.fail(`${what} within 30 s`);
  }
  const mailed = (to: string) =>
    sink.received.filter((m) => m.rcptTo.includes(to)).map((m) => m.bytes.toString('utf8'));
  const mailCode = (to: string) =>
    waitFor(`no code to ${to}`, () => /Verification code: (\d{6})/.exec(mailed(to).at(-1) ?? '')?.[1]);
  const smsCodes = (to: string) =>
    texts
      .filter((t) => t.to === to)
      .map((t) => /(\d{6})$/.exec(t.text)?.[1])
      .filter((c) => c !== undefined);
  async function box() {
    const found = await provider.ctx.storage.accounts.findMailboxByAddress(holders.anna);
    assert.ok(found !== undefined);
    return found;
  }

  it('changes the contact e-mail and mobile with their codes, resends and cancels', async () => {
    const cspErrors: string[] = [];
    const { context, page } = await signedInPage(
      browser,
      provider.base,
      { address: holders.anna, password },
      cspErrors,
      { width: 1280, height: 800 },
    );
    await page.goto(`${provider.base}/settings`);
    await page.getByRole('link', { name: 'Contact details' }).first().click();
    await page.waitForURL('**/settings/contact');

    const email = page.getByRole('region', { name: 'Contact e-mail' });
    await email.getByText(`anna.old@${contactDomain}`).waitFor();
    await email.getByRole('button', { name: 'Send a code by e-mail' }).click();
    await email.getByText('Enter the new e-mail address.').waitFor();
    await email.getByLabel('New contact e-mail').fill('not-an-address');
    await email.getByRole('button', { name: 'Send a code by e-mail' }).click();
    await email.getByText('not-an-address is not an e-mail address').waitFor();
    const newEmail = `anna.new@${contactDomain}`;
    await email.getByLabel('New contact e-mail').fill(newEmail);
    await email.getByRole('button', { name: 'Send a code by e-mail' }).click();
    await email.getByText(`A six-digit code was sent to ${newEmail}.`, { exact: false }).waitFor();
    await email.getByText('Waiting for the code').waitFor();
    assert.equal((await box()).contactEmail, `anna.old@${contactDomain}`, 'the old one stays');
    await email.getByLabel(`Code sent to ${newEmail}`).fill('000000');
    await email.getByRole('button', { name: 'Confirm' }).click();
    await email.getByRole('alert').waitFor();
    await email.getByLabel(`Code sent to ${newEmail}`).fill(await mailCode(newEmail));
    await email.getByRole('button', { name: 'Confirm' }).click();
    await email.getByText(`${newEmail} is now your contact.`, { exact: false }).waitFor();
    assert.equal((await box()).contactEmail, newEmail);
    await waitFor('the old address is not told', () =>
      mailed(`anna.old@${contactDomain}`).some((m) => m.replace(/=\r\n/g, '').includes(newEmail))
        ? true
        : undefined,
    );

    const mobile = page.getByRole('region', { name: 'Mobile number' });
    await mobile.getByText('+393330000001').waitFor();
    await mobile.getByLabel('New mobile number').fill('+39 333 000 0002');
    await mobile.getByRole('button', { name: 'Send a code by SMS' }).click();
    await mobile.getByText('A six-digit code was sent by SMS', { exact: false }).waitFor();
    await waitFor('no SMS code', () => (smsCodes('+393330000002').length === 1 ? true : undefined));
    await mobile.getByRole('button', { name: 'Send a new code' }).click();
    await waitFor('no second SMS code', () => (smsCodes('+393330000002').length === 2 ? true : undefined));
    await mobile.getByRole('button', { name: 'Cancel the change' }).click();
    await mobile.getByText('The change was cancelled', { exact: false }).waitFor();
    assert.equal((await box()).mobile, '+393330000001');
    assert.deepEqual((await provider.ctx.storage.contactChanges.list((await box()).id)).length, 0);

    await mobile.getByLabel('New mobile number').fill('+39 333 000 0003');
    await mobile.getByRole('button', { name: 'Send a code by SMS' }).click();
    const code = await waitFor('no SMS code', () => smsCodes('+393330000003').at(-1));
    await mobile.getByLabel('Code sent to +393330000003').fill(code);
    await mobile.getByRole('button', { name: 'Confirm' }).click();
    await mobile.getByText('+393330000003 is now your contact.', { exact: false }).waitFor();
    assert.equal((await box()).mobile, '+393330000003');
    await waitFor('the old mobile is not told', () =>
      texts.some((t) => t.to === '+393330000001' && t.text.includes('+393330000003')) ? true : undefined,
    );
    await checkAccessibility(page, 'contact details');
    assert.deepEqual(cspErrors, []);
    await context.close();
  });

  it('shows the screen on desktop and phone, light and dark', async () => {
    const setup = await signedInPage(browser, provider.base, { address: holders.anna, password }, [], {
      width: 1280,
      height: 800,
    });
    await setup.page.goto(`${provider.base}/settings/contact`);
    const email = setup.page.getByRole('region', { name: 'Contact e-mail' });
    await email.getByLabel('New contact e-mail').fill(`anna.ufficio@${contactDomain}`);
    await email.getByRole('button', { name: 'Send a code by e-mail' }).click();
    await email.getByText('Waiting for the code').waitFor();
    await setup.context.close();
    for (const scheme of ['light', 'dark'] as const)
      for (const [device, viewport] of [
        ['desktop', { width: 1280, height: 800 }],
        ['phone', { width: 390, height: 844 }],
      ] as const) {
        const { context, page } = await signedInPage(
          browser,
          provider.base,
          { address: holders.anna, password },
          [],
          { ...viewport, colorScheme: scheme },
        );
        await page.goto(`${provider.base}/settings/contact`);
        await page.getByText('Waiting for the code').waitFor();
        if (scheme === 'dark') await checkAccessibility(page, `contact details ${device} dark`);
        await page.screenshot({
          path: join(screenshots, `settings-contact-${device}-en-${scheme}.png`),
          fullPage: true,
        });
        await context.close();
      }
  });
});
