/**
 * The Plan screen with an external billing system (decision 0041) in Chromium: the holder confirms
 * extra space in the quote dialog, the provider sends the signed payment request to a local fake
 * billing system (../billing/fake-billing-server.ts), the browser follows the payment URL to a fake
 * payment page, the billing system calls the provider's signed callback, and back on the Plan
 * screen (`?order=<id>`) the order shows as paid.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { billingCallbackPath } from '../../src/protocols/http/billing/register-billing-callback.ts';
import { startFakeBillingServer, type FakeBillingServer } from '../billing/fake-billing-server.ts';
import { holders, password, startApiProvider, type ApiProvider } from './api-provider.ts';
import { browserSkip, chromiumArgs, chromiumPath } from './browser-setup.ts';

const secret = `whsec_${randomBytes(24).toString('base64')}`;

describe(
  'plan screen paying through an external billing system',
  { skip: browserSkip, timeout: 300_000 },
  () => {
    let fake: FakeBillingServer;
    let provider: ApiProvider;
    let browser: Browser;

    before(async () => {
      fake = await startFakeBillingServer(secret);
      provider = await startApiProvider({ overrides: { billing: { kind: 'http', url: fake.url, secret } } });
      browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    });
    after(async () => {
      await browser.close();
      await provider.close();
      await fake.close();
    });

    /** Signs Mario in and opens the Plan screen. */
    async function openPlanScreen(page: Page): Promise<void> {
      await page.goto(`${provider.base}/signin`);
      await page.locator('#signin-address').fill(holders.mario);
      await page.locator('#signin-password').fill(password);
      await page.locator('form button[type=submit]').click();
      await page.waitForURL('**/f/**');
      await page.goto(`${provider.base}/settings/plan`);
    }

    it('follows the payment URL, and shows the order paid on return', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
      // The billing system's payment page: where its URL leads, a page with the way back.
      await context.route('https://pay.example/**', async (route) => {
        const order = new URL(route.request().url()).pathname.split('/').pop() ?? '';
        await route.fulfill({
          contentType: 'text/html',
          body: `<!doctype html><title>Fake pay</title><h1>Pay order ${order}</h1><a id="back" href="${provider.base}/settings/plan?order=${order}">Back to the provider</a>`,
        });
      });
      const page = await context.newPage();
      await openPlanScreen(page);

      await page.getByLabel('Extra space (GB)').fill('1');
      await page.getByRole('button', { name: /^Buy for €/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: /^Confirm and pay €/ }).click();

      await page.waitForURL('https://pay.example/checkout/*');
      const orderId = Number(new URL(page.url()).pathname.split('/').pop());
      assert.ok(orderId > 0);
      const [request] = fake.requests;
      assert.equal(request?.signatureValid, true);
      assert.equal(request.body['orderId'], orderId);
      assert.equal(request.body['kind'], 'extra-space');

      const answer = await fake.callback(
        `${provider.base}${billingCallbackPath}`,
        { type: 'payment.paid', orderId, reference: 'pay_browser_1' },
        { id: 'msg_browser_1', at: new Date() },
      );
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      await page.locator('#back').click();
      await page
        .getByRole('status')
        .getByText(`Order ${String(orderId)}: paid`)
        .waitFor();
      await page.getByRole('table').getByText('Paid', { exact: true }).waitFor();
      await context.close();
    });

    it('shows a payment the billing system declines at once, with its reason, and no payment page', async () => {
      fake.mode = 'declined';
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-GB' });
      let paymentPages = 0;
      await context.route('https://pay.example/**', async (route) => {
        paymentPages++;
        await route.abort();
      });
      const page = await context.newPage();
      await openPlanScreen(page);
      const requestsBefore = fake.requests.length;

      await page.getByLabel('Extra space (GB)').fill('2');
      await page.getByRole('button', { name: /^Buy for €/ }).click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /^Confirm and pay €/ })
        .click();
      const status = page.getByRole('status').filter({ hasText: 'payment declined' });
      await status.getByText('insufficient funds', { exact: false }).waitFor();
      const orderId = Number(/Order (\d+)/.exec(await status.innerText())?.[1]);
      assert.ok(orderId > 0);
      assert.equal(fake.requests.length, requestsBefore + 1);
      assert.equal(fake.requests.at(-1)?.body['kind'], 'extra-space');
      assert.equal(paymentPages, 0, 'a declined order has no payment page to follow');
      // The order stays open (the holder or the automatic renewal may pay it again, decision 0041).
      const order = await provider.ctx.storage.billing.getOrder(orderId);
      assert.equal(order?.status, 'open');
      await context.close();
    });
  },
);
