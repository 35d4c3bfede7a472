/**
 * Digests and SMS notices on the Notices screen in Debian's Chromium (playwright-core) against a
 * real provider whose SMS gateway is a local fake HTTP server, in English: the holder verifies a
 * mobile number with the code the gateway carried (a wrong code first), turns SMS on, sets quiet
 * hours, and switches the e-mail notices to a digest at two times; axe finds no serious
 * violation. Screenshots (desktop 1280×800 and phone 390×844, light and dark) go to
 * docs/screenshots/settings-notices-sms-*.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { checkAccessibility } from './axe-check.ts';
import { holders, password, startApiProvider, type ApiProvider } from './api-provider.ts';
import { browserSkip, chromiumArgs, chromiumPath, screenshots, signedInPage } from './browser-setup.ts';

describe('notice preferences in the browser', { skip: browserSkip, timeout: 300_000 }, () => {
  let provider: ApiProvider;
  let browser: Browser;
  let gateway: Server;
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
        notices: {
          smsGateway: { url: `http://127.0.0.1:${String((gateway.address() as AddressInfo).port)}/sms` },
        },
      },
    });
    await provider.ctx.storage.plans.add({
      name: 'sms',
      description: 'with SMS',
      boxQuotaBytes: 1024 ** 3,
      archiveQuotaBytes: 0,
      smsIncluded: true,
      durationMonths: 12,
      priceCents: 0,
    });
    const anna = await provider.ctx.storage.accounts.findMailboxByAddress(holders.anna);
    assert.ok(anna !== undefined);
    await provider.ctx.storage.accounts.updateMailbox(anna.id, { plan: 'sms' });
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    mkdirSync(screenshots, { recursive: true });
  });
  after(async () => {
    await browser.close();
    await provider.close();
    await new Promise((resolve) => gateway.close(resolve));
  });

  async function codeFor(to: string): Promise<string> {
    for (let attempt = 0; attempt < 150; attempt++) {
      const code = /(\d{6})$/.exec(texts.filter((t) => t.to === to).at(-1)?.text ?? '')?.[1];
      if (code !== undefined) return code;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.fail(`no code to ${to} within 30 s`);
  }

  it('verifies a mobile, turns SMS on with quiet hours, and chooses digest times', async () => {
    const cspErrors: string[] = [];
    const { context, page } = await signedInPage(
      browser,
      provider.base,
      { address: holders.anna, password },
      cspErrors,
      { width: 1280, height: 800 },
    );
    await page.goto(`${provider.base}/settings/notices`);
    const sms = page.getByRole('region', { name: 'SMS notices' });
    const enable = sms.getByRole('checkbox', { name: 'Send an SMS for each new PEC' });
    await sms.getByLabel('Mobile number').waitFor();
    assert.equal(await enable.isDisabled(), true, 'no verified mobile yet');
    await sms.getByLabel('Mobile number').fill('+39 333 765 4321');
    await sms.getByRole('button', { name: 'Send a code by SMS' }).click();
    await sms.getByText('A six-digit code was sent by SMS.', { exact: false }).waitFor();
    await sms.getByText('Waiting for the code').waitFor();
    await sms.getByLabel('Code for +393337654321').fill('000000');
    await sms.getByRole('button', { name: 'Verify' }).click();
    await sms.getByText('the code is not the one sent to this number').waitFor();
    await sms.getByLabel('Code for +393337654321').fill(await codeFor('+393337654321'));
    await sms.getByRole('button', { name: 'Verify' }).click();
    await sms.getByText('Your mobile number is verified.').waitFor();
    await enable.check();
    await sms.getByText('SMS notices of new PEC are on.').waitFor();
    await sms
      .getByRole('checkbox', { name: "Send an SMS for the box's own notices too", exact: false })
      .check();
    await sms.getByText("SMS notices of the box's life are on.").waitFor();
    await sms.getByLabel('From', { exact: true }).fill('22:00');
    await sms.getByLabel('To', { exact: true }).fill('07:30');
    await sms.getByRole('button', { name: 'Save' }).click();
    await sms.getByText('Quiet hours saved.').waitFor();

    const delivery = page.getByRole('region', { name: 'How e-mail notices go out' });
    await delivery.getByLabel('As a digest at chosen times', { exact: false }).check();
    await delivery.getByText('No time chosen yet', { exact: false }).waitFor();
    await delivery.getByLabel('Time', { exact: true }).fill('08:00');
    await delivery.getByRole('button', { name: 'Add time' }).click();
    await delivery.getByLabel('Time', { exact: true }).fill('18:30');
    await delivery.getByRole('button', { name: 'Add time' }).click();
    await delivery.getByRole('button', { name: 'Save' }).click();
    await delivery.getByText('Saved.').waitFor();

    const box = await provider.ctx.storage.accounts.findMailboxByAddress(holders.anna);
    assert.ok(box !== undefined);
    const stored = await provider.ctx.storage.noticePreferences.get(box.id);
    assert.deepEqual(
      [
        stored.emailMode,
        stored.digestTimes,
        stored.smsEnabled,
        stored.smsBoxLife,
        stored.quietStart,
        stored.quietEnd,
      ],
      ['digest', ['08:00', '18:30'], true, true, '22:00', '07:30'],
    );
    await checkAccessibility(page, 'notice preferences');
    assert.deepEqual(cspErrors, []);
    await context.close();
  });

  it('shows the screen in en, it and fr, on desktop and phone, light and dark', async () => {
    for (const [language, locale] of [
      ['en', 'en-GB'],
      ['it', 'it-IT'],
      ['fr', 'fr-FR'],
    ] as const)
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
            { ...viewport, colorScheme: scheme, locale },
          );
          await page.goto(`${provider.base}/settings/notices`);
          await page.getByText('18:30').waitFor();
          if (scheme === 'dark' && language === 'en')
            await checkAccessibility(page, `notice preferences ${device} dark`);
          await page.screenshot({
            path: join(screenshots, `settings-notices-sms-${device}-${language}-${scheme}.png`),
            fullPage: true,
          });
          await context.close();
        }
  });
});
