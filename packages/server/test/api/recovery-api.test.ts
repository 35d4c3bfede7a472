/**
 * Password recovery end to end against a served provider: the contact mailboxes are a local SMTP
 * sink reached through the relay (a static route, no TLS). The link goes to the contact e-mail
 * and works once; the reset signs every web session and app password out and tells the holder;
 * a wrong tax code, an unknown address and a box without a contact answer exactly like a match
 * and send nothing; requests are limited per address and per network. The recovery routes take
 * no session and refuse cross-site requests.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSmtpSink, type SmtpSink } from '../../src/protocols/smtp/relay-client/testing/smtp-sink.ts';
import { holders, password, signIn, startApiProvider, type ApiProvider } from './api-provider.ts';

const contactDomain = 'contatti.example';
const marioTaxCode = 'RSSMRA85T10A562S';
const annaTaxCode = 'MRTMTT25D09F205Z';
const newPassword = 'a brand new passphrase';

describe('password recovery API', { timeout: 240_000 }, () => {
  let provider: ApiProvider;
  let sink: SmtpSink;
  let base = '';
  /** Requests and bad links counted against 127.0.0.1 so far (the per-network limit is 20 an hour). */
  let counted = 0;

  function call(path: string, body: unknown, headers: Record<string, string> = { 'x-pec-request': '1' }) {
    return fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  }
  async function ask(address: string, taxCode: string): Promise<Response> {
    const response = await call('/api/v1/recovery', { address, taxCode });
    if (response.status === 202) counted++;
    return response;
  }
  function decoded(bytes: Buffer): string {
    return bytes.toString('utf8').replace(/=\r\n/g, '').replace(/=3D/g, '=');
  }
  async function mailTo(to: string, count: number): Promise<string[]> {
    for (let attempt = 0; attempt < 150; attempt++) {
      const mails = sink.received.filter((m) => m.rcptTo.includes(to));
      if (mails.length >= count) return mails.map((m) => decoded(m.bytes));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.fail(`no mail number ${String(count)} to ${to} within 30 s`);
  }
  function tokenIn(mail: string): string {
    const match = /\/recover\/([A-Za-z0-9_-]{43})/.exec(mail);
    assert.ok(match?.[1] !== undefined, mail);
    return match[1];
  }

  before(async () => {
    provider = await startApiProvider({ overrides: { relay: { dns: false } } });
    base = provider.base;
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
    const { accounts } = provider.ctx.storage;
    const set = async (address: string, taxCode: string, contact: string | null) => {
      const mailbox = await accounts.findMailboxByAddress(address);
      assert.ok(mailbox !== undefined);
      await accounts.updateMailbox(mailbox.id, { holderTaxCode: taxCode, contactEmail: contact });
    };
    await set(holders.mario, marioTaxCode, `mario@${contactDomain}`);
    await set(holders.anna, annaTaxCode, null);
    await set(holders.bruno, annaTaxCode, `bruno@${contactDomain}`);
  });
  after(async () => {
    await provider.close();
    await sink.close();
  });

  it('takes no session and refuses cross-site requests on every recovery route', async () => {
    const bodies: Record<string, unknown> = {
      '/api/v1/recovery': { address: holders.carla, taxCode: marioTaxCode },
      '/api/v1/recovery/check': { token: 'x'.repeat(43) },
      '/api/v1/recovery/reset': { token: 'x'.repeat(43), newPassword },
    };
    const document = (await (await fetch(`${base}/api/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    for (const [path, body] of Object.entries(bodies)) {
      assert.ok(path in document.paths, path);
      const refused = await call(path, body, {});
      assert.equal(refused.status, 403, path);
      assert.equal(((await refused.json()) as { reason: string }).reason, 'csrf');
    }
    // A session (Carla's) changes nothing: the link, not the cookie, names the box.
    const cookie = await signIn(base, holders.carla);
    const check = await call('/api/v1/recovery/check', bodies['/api/v1/recovery/check'], {
      'x-pec-request': '1',
      cookie,
    });
    assert.equal(check.status, 404);
  });

  it('sends a single-use link to the contact e-mail; the reset signs everything out and tells the holder', async () => {
    const session = await signIn(base, holders.mario);
    const created = await fetch(`${base}/api/v1/security/app-passwords`, {
      method: 'POST',
      headers: { cookie: session, 'x-pec-request': '1', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Thunderbird' }),
    });
    assert.equal(created.status, 201);
    // Any case, spaces in the tax code: the holder types it as printed.
    const asked = await ask(holders.mario.toUpperCase(), ' rssmra85t10a562s ');
    assert.equal(asked.status, 202);
    const [link] = await mailTo(`mario@${contactDomain}`, 1);
    assert.ok(link !== undefined);
    assert.match(link, /Subject: Recupero password/);
    assert.ok(link.includes(`https://${provider.ctx.config.config.provider.domain}/recover/`), link);
    const token = tokenIn(link);

    assert.equal((await call('/api/v1/recovery/check', { token })).status, 200);
    const weak = await call('/api/v1/recovery/reset', { token, newPassword: 'short' });
    assert.equal(weak.status, 409);
    assert.equal(
      (await call('/api/v1/recovery/check', { token })).status,
      200,
      'a weak password spends nothing',
    );
    const done = await call('/api/v1/recovery/reset', { token, newPassword });
    assert.equal(done.status, 200);
    assert.deepEqual(await done.json(), { address: holders.mario });

    const again = await call('/api/v1/recovery/reset', { token, newPassword: 'yet another passphrase' });
    counted++;
    assert.equal(again.status, 404);
    assert.equal(((await again.json()) as { reason: string }).reason, 'not-found');
    assert.equal((await call('/api/v1/recovery/check', { token })).status, 404);

    const old = await fetch(`${base}/api/v1/session`, { headers: { cookie: session } });
    assert.equal(old.status, 401, 'the web session ended');
    const refused = await fetch(`${base}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pec-request': '1' },
      body: JSON.stringify({ address: holders.mario, password, staySignedIn: false }),
    });
    assert.equal(refused.status, 401, 'the old password is gone');
    const fresh = await fetch(`${base}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pec-request': '1' },
      body: JSON.stringify({ address: holders.mario, password: newPassword, staySignedIn: false }),
    });
    assert.equal(fresh.status, 204);
    const cookie = (fresh.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const apps = await fetch(`${base}/api/v1/security/app-passwords`, { headers: { cookie } });
    assert.deepEqual(
      ((await apps.json()) as { appPasswords: unknown[] }).appPasswords,
      [],
      'app passwords revoked',
    );

    const [, notice] = await mailTo(`mario@${contactDomain}`, 2);
    assert.ok(notice !== undefined);
    assert.match(notice, /Subject: La password della casella PEC/);
    assert.match(notice, /127\.0\.0\.1/);
    assert.doesNotMatch(notice, /\/recover\//);
  });

  it('answers a wrong tax code, an unknown address and a box without contact exactly like a match', async () => {
    const answers = [
      await ask(holders.mario, annaTaxCode),
      await ask(`nobody@${holders.mario.split('@')[1] ?? ''}`, marioTaxCode),
      await ask(holders.anna, annaTaxCode),
      await ask(holders.bruno, annaTaxCode),
    ];
    const shapes = await Promise.all(
      answers.map(async (a) => ({
        status: a.status,
        body: await a.text(),
        headers: [...a.headers.entries()].filter(([name]) => name !== 'date'),
      })),
    );
    for (const shape of shapes) assert.deepEqual(shape, shapes[3]);
    assert.equal(shapes[3]?.status, 202);
    // Bruno's link arrives; nothing else was sent for the others.
    await mailTo(`bruno@${contactDomain}`, 1);
    assert.deepEqual(sink.received.map((m) => m.rcptTo.join()).sort(), [
      `bruno@${contactDomain}`,
      `mario@${contactDomain}`,
      `mario@${contactDomain}`,
    ]);
    const notTaxCode = await call('/api/v1/recovery', { address: holders.mario, taxCode: 'ABC' });
    assert.equal(notTaxCode.status, 400);
  });

  it('tells the holder of a sign-in from a device not seen before, at the contact e-mail', async () => {
    const signInAs = (userAgent: string) =>
      fetch(`${base}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-pec-request': '1', 'user-agent': userAgent },
        body: JSON.stringify({ address: holders.bruno, password, staySignedIn: false }),
      });
    // Bruno's very first sign-in is not "new"; a second browser is.
    assert.equal(
      (await signInAs('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')).status,
      204,
    );
    const chrome =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
    assert.equal((await signInAs(chrome)).status, 204);
    const mails = await mailTo(`bruno@${contactDomain}`, 2);
    const notice = mails.find((m) => m.includes('Subject: Nuovo accesso'));
    assert.ok(notice !== undefined, mails.join('\n---\n'));
    assert.match(notice, /webmail, Chrome on Windows, address 127\.0\.0\.1/);
  });

  it('limits requests per address, known or not, and per network', async () => {
    const unknown = `ghost@${holders.mario.split('@')[1] ?? ''}`;
    for (const address of [holders.carla, unknown]) {
      for (let i = 0; i < 3; i++)
        assert.equal((await ask(address, marioTaxCode)).status, 202, `${address} ${i}`);
      const refused = await ask(address, marioTaxCode);
      assert.equal(refused.status, 429, address);
      assert.equal(((await refused.json()) as { reason: string }).reason, 'too-many-failures');
      assert.ok(Number(refused.headers.get('retry-after')) > 3000, 'about an hour');
    }
    // The network's budget: 20 an hour, whatever the addresses.
    let n = 0;
    while (counted < 20)
      assert.equal((await ask(`someone${String(n++)}@example.it`, marioTaxCode)).status, 202);
    assert.equal((await ask(`someone${String(n)}@example.it`, marioTaxCode)).status, 429);
    const badLink = await call('/api/v1/recovery/reset', { token: 'y'.repeat(43), newPassword });
    assert.equal(badLink.status, 429, 'bad links count against the same budget');
  });
});
