/**
 * An administrative account's password recovery end to end (decision 0042): the postmaster's
 * address is a local SMTP sink reached through the relay. The link goes to the sign-in address,
 * works once, and the reset ends the sessions and revokes the API tokens; an unknown and a
 * disabled account answer exactly like a real one and get nothing; requests are limited per
 * address (429 with Retry-After).
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSmtpSink, type SmtpSink } from '../../src/protocols/smtp/relay-client/testing/smtp-sink.ts';
import { domain, startApiProvider, type ApiProvider } from './api-provider.ts';
import { addPrincipal, adminCall, adminSignIn } from './admin-helpers.ts';

const contactDomain = 'contatti.example';
const pm = `pm@${contactDomain}`;
const disabled = `spento@${contactDomain}`;
const newPassword = 'a brand new admin passphrase';

describe('administrative password recovery', { timeout: 240_000 }, () => {
  let provider: ApiProvider;
  let sink: SmtpSink;

  function call(path: string, body: unknown): Promise<Response> {
    return fetch(`${provider.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pec-request': '1' },
      body: JSON.stringify(body),
    });
  }
  async function mailTo(to: string, count: number): Promise<string[]> {
    for (let attempt = 0; attempt < 150; attempt++) {
      const mails = sink.received.filter((m) => m.rcptTo.includes(to));
      if (mails.length >= count)
        return mails.map((m) => m.bytes.toString('utf8').replace(/=\r\n/g, '').replace(/=3D/g, '='));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.fail(`no mail number ${String(count)} to ${to} within 30 s`);
  }

  before(async () => {
    provider = await startApiProvider({ overrides: { relay: { dns: false } } });
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
    await addPrincipal(provider.ctx, pm, 'postmaster', [domain]);
    await addPrincipal(provider.ctx, disabled, 'postmaster', [domain]);
    const off = await provider.ctx.storage.admin.findPrincipal(disabled);
    assert.ok(off !== undefined);
    await provider.ctx.storage.adminAccounts.setDisabled(off.id, provider.ctx.clock.now());
  });
  after(async () => {
    await provider.close();
    await sink.close();
  });

  it('sends a single-use link; the reset signs sessions and tokens out', async () => {
    const cookie = await adminSignIn(provider.base, pm);
    const created = await adminCall(provider.base, cookie, 'POST', '/api/v1/admin/tokens', {
      name: 'script',
      scopes: ['admin:read'],
      expiresInDays: 7,
    });
    const { secret } = (await created.json()) as { secret: string };
    for (const email of [pm, `nessuno@${contactDomain}`, disabled]) {
      const answer = await call('/api/v1/admin/recovery', { email });
      assert.equal(answer.status, 202, email);
      assert.equal(await answer.text(), '');
    }
    const [mail] = await mailTo(pm, 1);
    assert.ok(mail !== undefined);
    const token = /\/admin\/recover\/([A-Za-z0-9_-]{43})/.exec(mail)?.[1];
    assert.ok(token !== undefined, mail);
    assert.equal((await call('/api/v1/admin/recovery/check', { token })).status, 200);
    const weak = await call('/api/v1/admin/recovery/reset', { token, newPassword: 'short' });
    assert.equal(weak.status, 409);
    const reset = await call('/api/v1/admin/recovery/reset', { token, newPassword });
    assert.equal(reset.status, 200, await reset.clone().text());
    assert.deepEqual(await reset.json(), { email: pm });
    const again = await call('/api/v1/admin/recovery/reset', { token, newPassword });
    assert.equal(again.status, 404, 'single use');
    assert.equal((await adminCall(provider.base, cookie, 'GET', '/api/v1/admin/session')).status, 401);
    const withToken = await fetch(`${provider.base}/api/v1/admin/domains/${domain}/boxes`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    assert.equal(withToken.status, 401, 'tokens revoked');
    await adminSignIn(provider.base, pm, newPassword);
    const told = await mailTo(pm, 2);
    assert.match(told[1] ?? '', /signed out/);
    // Nothing went to the unknown or the disabled account.
    assert.equal(sink.received.filter((m) => !m.rcptTo.includes(pm)).length, 0);
  });

  it('limits requests per address with 429 and Retry-After', async () => {
    const email = `limite@${contactDomain}`;
    let limited: Response | undefined;
    for (let i = 0; i < 5 && limited === undefined; i++) {
      const answer = await call('/api/v1/admin/recovery', { email });
      if (answer.status === 429) limited = answer;
      else assert.equal(answer.status, 202);
    }
    assert.ok(limited !== undefined);
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
  });
});
