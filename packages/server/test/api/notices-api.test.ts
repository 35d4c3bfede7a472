/**
 * E-mail notices of new PEC against a served provider: the notice addresses are a local SMTP
 * sink reached through the relay (a static route, no TLS). An address is added, gets a code, is
 * verified only with that code; at most five; the routes need a session and stay in the holder's
 * own box. A PEC delivered to the box sends one short ordinary mail to each verified address with
 * the sender, subject and time and nothing of the body; beyond the hourly cap the PEC are folded
 * into one "and N more" notice, sent once the hour is over (time given by the clock input).
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSmtpSink, type SmtpSink } from '../../src/protocols/smtp/relay-client/testing/smtp-sink.ts';
import { newPecNotices } from '../../src/app/new-pec-notice-components.ts';
import { holders, signIn, startApiProvider, type ApiProvider } from './api-provider.ts';

const noticeDomain = 'avvisi.example';
const secretBody = 'CORPO-RISERVATO-4711';

interface Listed {
  addresses: { address: string; verified: boolean }[];
  maximum: number;
}

describe('new-PEC notices API', { timeout: 240_000 }, () => {
  let provider: ApiProvider;
  let sink: SmtpSink;
  let base = '';

  function call(method: string, path: string, cookie?: string, body?: unknown) {
    return fetch(`${base}${path}`, {
      method,
      headers: {
        ...(cookie === undefined ? {} : { cookie }),
        ...(method === 'GET' ? {} : { 'x-pec-request': '1' }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }
  function decoded(bytes: Buffer): string {
    return bytes.toString('utf8').replace(/=\r\n/g, '').replace(/=3D/g, '=');
  }
  async function mailTo(to: string, count: number, match: RegExp = /./): Promise<string[]> {
    for (let attempt = 0; attempt < 150; attempt++) {
      const mails = sink.received
        .filter((m) => m.rcptTo.includes(to))
        .map((m) => decoded(m.bytes))
        .filter((m) => match.test(m));
      if (mails.length >= count) return mails;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.fail(`no mail number ${String(count)} to ${to} within 30 s`);
  }
  function codeIn(mail: string): string {
    const found = /Verification code: (\d{6})/.exec(mail);
    assert.ok(found?.[1] !== undefined, mail);
    return found[1];
  }
  async function addVerified(cookie: string, address: string): Promise<void> {
    assert.equal((await call('POST', '/api/v1/notices/addresses', cookie, { address })).status, 200);
    const [mail] = await mailTo(address, 1, /Verification code/);
    assert.ok(mail !== undefined);
    const verified = await call('POST', '/api/v1/notices/addresses/verify', cookie, {
      address,
      code: codeIn(mail),
    });
    assert.equal(verified.status, 200);
  }

  before(async () => {
    provider = await startApiProvider({
      overrides: { relay: { dns: false }, boxLife: { newPecNoticesPerHour: 2 } },
    });
    base = provider.base;
    sink = await startSmtpSink({
      cert: await readFile(join(provider.dir, 'certs', 'tls-cert.pem'), 'utf8'),
      key: await readFile(join(provider.dir, 'certs', 'tls-key.pem'), 'utf8'),
      noStartTls: true,
    });
    await provider.ctx.storage.routes.set({
      domain: noticeDomain,
      host: '127.0.0.1',
      port: sink.port,
      tls: 'none',
    });
  });
  after(async () => {
    await provider.close();
    await sink.close();
  });

  it('needs a session on every notice route and keeps to the holder’s own box', async () => {
    const routes: [string, string, unknown][] = [
      ['GET', '/api/v1/notices/addresses', undefined],
      ['POST', '/api/v1/notices/addresses', { address: `x@${noticeDomain}` }],
      ['POST', '/api/v1/notices/addresses/verify', { address: `x@${noticeDomain}`, code: '000000' }],
      ['POST', '/api/v1/notices/addresses/remove', { address: `x@${noticeDomain}` }],
    ];
    for (const [method, path, body] of routes)
      assert.equal((await call(method, path, undefined, body)).status, 401, path);
    const carla = await signIn(base, holders.carla);
    const address = `carla@${noticeDomain}`;
    assert.equal((await call('POST', '/api/v1/notices/addresses', carla, { address })).status, 200);
    const bruno = await signIn(base, holders.bruno);
    const brunos = (await (await call('GET', '/api/v1/notices/addresses', bruno)).json()) as Listed;
    assert.deepEqual(brunos.addresses, []);
    await call('POST', '/api/v1/notices/addresses/remove', bruno, { address });
    const [mail] = await mailTo(address, 1, /Verification code/);
    assert.ok(mail !== undefined);
    const foreign = await call('POST', '/api/v1/notices/addresses/verify', bruno, {
      address,
      code: codeIn(mail),
    });
    assert.equal(foreign.status, 409, 'another box cannot verify it');
    const carlas = (await (await call('GET', '/api/v1/notices/addresses', carla)).json()) as Listed;
    assert.deepEqual(
      carlas.addresses.map((a) => [a.address, a.verified]),
      [[address, false]],
    );
  });

  it('verifies an address only with its code, and takes at most five', async () => {
    const cookie = await signIn(base, holders.bruno);
    const address = `Bruno.Avvisi@${noticeDomain}`;
    const added = await call('POST', '/api/v1/notices/addresses', cookie, { address });
    assert.equal(added.status, 200);
    const listed = (await added.json()) as Listed;
    assert.deepEqual(
      listed.addresses.map((a) => [a.address, a.verified]),
      [[address.toLowerCase(), false]],
    );
    assert.equal(listed.maximum, 5);
    const [mail] = await mailTo(address.toLowerCase(), 1, /Verification code/);
    assert.ok(mail !== undefined);
    const wrong = await call('POST', '/api/v1/notices/addresses/verify', cookie, { address, code: '99999x' });
    assert.equal(wrong.status, 409);
    assert.equal(((await wrong.json()) as { type: string; detail: string }).detail.includes('code'), true);
    const right = await call('POST', '/api/v1/notices/addresses/verify', cookie, {
      address,
      code: codeIn(mail),
    });
    assert.equal(right.status, 200);
    assert.equal(((await right.json()) as Listed).addresses[0]?.verified, true);
    const junk = await call('POST', '/api/v1/notices/addresses', cookie, { address: 'not an address' });
    assert.equal(junk.status, 409);
    for (let i = 2; i <= 5; i++)
      assert.equal(
        (
          await call('POST', '/api/v1/notices/addresses', cookie, {
            address: `b${String(i)}@${noticeDomain}`,
          })
        ).status,
        200,
      );
    const sixth = await call('POST', '/api/v1/notices/addresses', cookie, { address: `b6@${noticeDomain}` });
    assert.equal(sixth.status, 409);
    assert.match(((await sixth.json()) as { detail: string }).detail, /at most 5/);
    const removed = await call('POST', '/api/v1/notices/addresses/remove', cookie, {
      address: `b5@${noticeDomain}`,
    });
    assert.equal(((await removed.json()) as Listed).addresses.length, 4);
  });

  it('tells each verified address of a new PEC without its content, and folds the PEC beyond the hourly cap', async () => {
    const anna = await signIn(base, holders.anna);
    const verified = `anna@${noticeDomain}`;
    const pending = `anna.pending@${noticeDomain}`;
    await addVerified(anna, verified);
    assert.equal((await call('POST', '/api/v1/notices/addresses', anna, { address: pending })).status, 200);

    await provider.deliverPec(holders.mario, holders.anna, 'Contratto di fornitura', `${secretBody}\r\n`);
    const [notice] = await mailTo(verified, 1, /New PEC received/);
    assert.ok(notice !== undefined);
    assert.match(notice, /Subject: .*New PEC received/);
    assert.match(notice, /oggetto: .*Contratto di fornitura/);
    assert.match(notice, new RegExp(`from .*${holders.mario}`));
    assert.match(notice, /received: \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    assert.equal(notice.includes(secretBody), false, 'nothing of the body');
    assert.equal(/multipart|attachment/i.test(notice), false, 'no part of the PEC attached');

    // Two more PEC: with a cap of two an hour, at most two notices per hour go out one by one;
    // the rest is told when its hour is over (the clock input says two hours later).
    await provider.deliverPec(holders.mario, holders.anna, 'Seconda', `${secretBody}\r\n`);
    await provider.deliverPec(holders.mario, holders.anna, 'Terza', `${secretBody}\r\n`);
    const notices = newPecNotices(provider.ctx);
    await notices.flushFolded(new Date(Date.now() + 2 * 3_600_000));
    assert.equal(await notices.flushFolded(new Date(Date.now() + 2 * 3_600_000)), 0, 'each hour folded once');
    const single = (await mailTo(verified, 1, /New PEC received/)).length;
    const folded = sink.received
      .filter((m) => m.rcptTo.includes(verified))
      .map((m) => decoded(m.bytes))
      .map((m) => /received (\d+) more PEC/.exec(m)?.[1])
      .filter((n) => n !== undefined);
    // Wait until every one of the three PEC is accounted for.
    let told = single + folded.reduce((sum, n) => sum + Number(n), 0);
    for (let attempt = 0; attempt < 150 && told < 3; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const mails = sink.received.filter((m) => m.rcptTo.includes(verified)).map((m) => decoded(m.bytes));
      told =
        mails.filter((m) => /New PEC received/.test(m)).length +
        mails.reduce((sum, m) => sum + Number(/received (\d+) more PEC/.exec(m)?.[1] ?? 0), 0);
    }
    assert.equal(told, 3);
    const all = sink.received.filter((m) => m.rcptTo.includes(verified)).map((m) => decoded(m.bytes));
    const singles = all.filter((m) => /New PEC received/.test(m));
    assert.ok(singles.length >= 2 && singles.length < 3 + 1);
    // Three PEC in one hour (or two hours at most): never more than two single notices in an hour.
    const hours = singles.map((m) => /received: (\d{4}-\d\d-\d\d \d\d)/.exec(m)?.[1]);
    for (const hour of new Set(hours)) assert.ok(hours.filter((h) => h === hour).length <= 2, String(hour));
    assert.ok(all.every((m) => !m.includes(secretBody)));
    assert.equal(
      sink.received.filter((m) => m.rcptTo.includes(pending)).length,
      1,
      'only the code, never a notice',
    );
  });
});
