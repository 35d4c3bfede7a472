/**
 * Digests and SMS notices against a served provider (decision 0036): the SMS gateway is a local
 * fake HTTP server that records requests and refuses a wrong authorisation header; the notice
 * addresses are a local SMTP sink behind the relay. Every route needs a session and acts on the
 * holder's own box; a mobile is verified only with the code the gateway carried; SMS go out only
 * when the plan includes them; a digest is sent once even when two runs race with the provider's
 * own background task.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sendDueNotices } from '../../src/app/new-pec-notice-components.ts';
import { startSmtpSink, type SmtpSink } from '../../src/protocols/smtp/relay-client/testing/smtp-sink.ts';
import { holders, signIn, startApiProvider, type ApiProvider } from './api-provider.ts';

const noticeDomain = 'avvisi.example';
const secretBody = 'CORPO-RISERVATO-0036';
const token = 'Bearer gateway-secret';

interface Prefs {
  emailMode: string;
  digestTimes: string[];
  mobile: string | null;
  mobileVerified: boolean;
  smsEnabled: boolean;
  smsIncluded: boolean;
  smsAvailable: boolean;
}

describe('notice preferences API: digests and SMS', { timeout: 240_000 }, () => {
  let provider: ApiProvider;
  let sink: SmtpSink;
  let gateway: Server;
  const requests: { headers: IncomingHttpHeaders; body: { to: string; text: string } }[] = [];
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
  async function smsTo(to: string, count: number): Promise<string[]> {
    for (let attempt = 0; attempt < 150; attempt++) {
      const texts = requests.filter((r) => r.body.to === to).map((r) => r.body.text);
      if (texts.length >= count) return texts;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.fail(`no SMS number ${String(count)} to ${to} within 30 s`);
  }

  before(async () => {
    gateway = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (request.headers['x-api-key'] !== token) {
          response.writeHead(401).end();
          return;
        }
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { to: string; text: string };
        requests.push({ headers: request.headers, body });
        response.writeHead(202, { 'content-type': 'application/json' }).end('{"queued":true}');
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    const gatewayPort = (gateway.address() as AddressInfo).port;
    provider = await startApiProvider({
      overrides: {
        relay: { dns: false },
        notices: {
          smsPerDay: 20,
          smsGateway: {
            url: `http://127.0.0.1:${String(gatewayPort)}/sms`,
            authHeaderName: 'X-Api-Key',
            authHeaderValue: token,
            bodyTemplate: '{"to":"{{to}}","text":"{{text}}"}',
          },
        },
      },
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
    await provider.ctx.storage.plans.add({
      name: 'sms',
      description: 'with SMS',
      boxQuotaBytes: 1024 ** 3,
      archiveQuotaBytes: 0,
      smsIncluded: true,
      durationMonths: 12,
      priceCents: 0,
    });
  });
  after(async () => {
    await provider.close();
    await sink.close();
    await new Promise((resolve) => gateway.close(resolve));
  });

  it('needs a session on every route', async () => {
    const routes: [string, string, unknown][] = [
      ['GET', '/api/v1/notices/preferences', undefined],
      ['PATCH', '/api/v1/notices/preferences', { emailMode: 'immediate' }],
      ['POST', '/api/v1/notices/mobile', { mobile: '+393331234567' }],
      ['POST', '/api/v1/notices/mobile/verify', { code: '000000' }],
      ['POST', '/api/v1/notices/mobile/remove', undefined],
    ];
    for (const [method, path, body] of routes)
      assert.equal((await call(method, path, undefined, body)).status, 401, `${method} ${path}`);
  });

  it('verifies a mobile with the code the gateway carried, and sends SMS of new PEC only on a plan with SMS', async () => {
    const bruno = await signIn(base, holders.bruno);
    const start = (await (await call('GET', '/api/v1/notices/preferences', bruno)).json()) as Prefs;
    assert.deepEqual(
      [start.emailMode, start.mobile, start.smsAvailable, start.smsIncluded],
      ['immediate', null, true, false],
    );
    const bad = await call('POST', '/api/v1/notices/mobile', bruno, { mobile: '12345' });
    assert.equal(bad.status, 409);
    assert.match(((await bad.json()) as { detail: string }).detail, /international form/);
    const mobile = '+393471112233';
    const set = await call('POST', '/api/v1/notices/mobile', bruno, { mobile: '+39 347 111 2233' });
    assert.equal(set.status, 200);
    const [codeSms] = await smsTo(mobile, 1);
    const code = /(\d{6})$/.exec(codeSms ?? '')?.[1];
    assert.ok(code !== undefined, codeSms);
    assert.equal(requests.at(-1)?.headers['content-type'], 'application/json');
    // Another holder cannot verify Bruno's number, nor see it.
    const carla = await signIn(base, holders.carla);
    assert.equal((await call('POST', '/api/v1/notices/mobile/verify', carla, { code })).status, 409);
    const carlas = (await (await call('GET', '/api/v1/notices/preferences', carla)).json()) as Prefs;
    assert.equal(carlas.mobile, null);
    const wrong = await call('POST', '/api/v1/notices/mobile/verify', bruno, { code: '00000x' });
    assert.equal(wrong.status, 409);
    assert.match(((await wrong.json()) as { detail: string }).detail, /code/);
    const right = await call('POST', '/api/v1/notices/mobile/verify', bruno, { code });
    assert.equal(right.status, 200);
    assert.equal(((await right.json()) as Prefs).mobileVerified, true);

    const noPlan = await call('PATCH', '/api/v1/notices/preferences', bruno, { smsEnabled: true });
    assert.equal(noPlan.status, 409);
    assert.match(((await noPlan.json()) as { detail: string }).detail, /plan does not include SMS/);
    const box = await provider.ctx.storage.accounts.findMailboxByAddress(holders.bruno);
    assert.ok(box !== undefined);
    await provider.ctx.storage.accounts.updateMailbox(box.id, { plan: 'sms' });
    const on = await call('PATCH', '/api/v1/notices/preferences', bruno, { smsEnabled: true });
    assert.equal(on.status, 200);
    assert.equal(((await on.json()) as Prefs).smsEnabled, true);

    await provider.deliverPec(holders.mario, holders.bruno, 'Diffida urgente', `${secretBody}\r\n`);
    await sendDueNotices(provider.ctx, new Date());
    const texts = await smsTo(mobile, 2);
    assert.match(
      texts[1] ?? '',
      /New PEC bruno@pec\.api\.localhost da\/from mario@pec\.api\.localhost: Diffida urgente/,
    );
    assert.ok(texts.every((t) => !t.includes(secretBody)));

    const removed = await call('POST', '/api/v1/notices/mobile/remove', bruno);
    assert.deepEqual(
      (({ mobile: m, smsEnabled }: Prefs) => [m, smsEnabled])((await removed.json()) as Prefs),
      [null, false],
    );
  });

  it('gathers new PEC into one digest at the chosen time, sent once when runs race', async () => {
    const anna = await signIn(base, holders.anna);
    const address = `anna@${noticeDomain}`;
    assert.equal((await call('POST', '/api/v1/notices/addresses', anna, { address })).status, 200);
    const storage = provider.ctx.storage;
    const box = await storage.accounts.findMailboxByAddress(holders.anna);
    assert.ok(box !== undefined);
    let code: string | undefined;
    for (let attempt = 0; attempt < 150 && code === undefined; attempt++) {
      const mail = sink.received.find((m) => m.rcptTo.includes(address));
      code =
        mail === undefined ? undefined : /Verification code: (\d{6})/.exec(mail.bytes.toString('utf8'))?.[1];
      if (code === undefined) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.ok(code !== undefined);
    assert.equal(
      (await call('POST', '/api/v1/notices/addresses/verify', anna, { address, code })).status,
      200,
    );

    const badTimes = await call('PATCH', '/api/v1/notices/preferences', anna, { emailMode: 'digest' });
    assert.equal(badTimes.status, 409);
    assert.match(((await badTimes.json()) as { detail: string }).detail, /at least one time/);
    const digest = await call('PATCH', '/api/v1/notices/preferences', anna, {
      emailMode: 'digest',
      digestTimes: ['07:30', '19:00'],
      timeZone: 'Europe/Rome',
    });
    assert.equal(digest.status, 200);
    assert.deepEqual(((await digest.json()) as Prefs).digestTimes, ['07:30', '19:00']);

    await provider.deliverPec(holders.mario, holders.anna, 'Primo atto', `${secretBody}\r\n`);
    await provider.deliverPec(holders.mario, holders.anna, 'Secondo atto', `${secretBody}\r\n`);
    const noticesNow = sink.received.filter((m) => m.rcptTo.includes(address)).length;
    assert.equal(noticesNow, 1, 'only the code: no immediate notice in digest mode');
    // The next due time is at most a day away: two runs race at it, with the background task.
    const nextDue = new Date(Date.now() + 25 * 3_600_000);
    const sent = await Promise.all([
      sendDueNotices(provider.ctx, nextDue),
      sendDueNotices(provider.ctx, nextDue),
    ]);
    assert.equal(
      sent.reduce((a, b) => a + b, 0),
      1,
    );
    let digests: string[] = [];
    for (let attempt = 0; attempt < 150 && digests.length === 0; attempt++) {
      digests = sink.received
        .filter((m) => m.rcptTo.includes(address))
        .map((m) =>
          m.bytes
            .toString('utf8')
            .replace(/=\r\n/g, '')
            .replace(/\r\n[ \t]/g, ' '),
        )
        .filter((m) => m.includes('Digest: 2 new PEC'));
      if (digests.length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.equal(digests.length, 1);
    assert.match(digests[0] ?? '', /Primo atto/);
    assert.match(digests[0] ?? '', /Secondo atto/);
    assert.equal(digests[0]?.includes(secretBody), false, 'nothing of the body');
    assert.equal(await sendDueNotices(provider.ctx, nextDue), 0, 'once');
  });

  it('changes the contact e-mail and mobile only after their code, and tells the old contact', async () => {
    for (const [path, body] of [
      ['/api/v1/account/contact', { kind: 'email', value: `x@${noticeDomain}` }],
      ['/api/v1/account/contact/confirm', { kind: 'email', code: '000000' }],
    ] as const)
      assert.equal((await call('POST', path, undefined, body)).status, 401, path);
    const storage = provider.ctx.storage;
    const box = await storage.accounts.findMailboxByAddress(holders.carla);
    assert.ok(box !== undefined);
    const oldEmail = `carla.old@${noticeDomain}`;
    const newEmail = `carla.new@${noticeDomain}`;
    await storage.accounts.updateMailbox(box.id, { contactEmail: oldEmail, mobile: '+393330000001' });
    const carla = await signIn(base, holders.carla);
    const started = await call('POST', '/api/v1/account/contact', carla, { kind: 'email', value: newEmail });
    assert.equal(started.status, 200);
    const pending = (await started.json()) as {
      contactEmail: string;
      pending: { kind: string; value: string }[];
    };
    assert.equal(pending.contactEmail, oldEmail, 'the old one stays until confirmed');
    assert.deepEqual(
      pending.pending.map((p) => [p.kind, p.value]),
      [['email', newEmail]],
    );
    let code: string | undefined;
    for (let attempt = 0; attempt < 150 && code === undefined; attempt++) {
      const mail = sink.received.find((m) => m.rcptTo.includes(newEmail));
      code =
        mail === undefined ? undefined : /Verification code: (\d{6})/.exec(mail.bytes.toString('utf8'))?.[1];
      if (code === undefined) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.ok(code !== undefined);
    const bruno = await signIn(base, holders.bruno);
    assert.equal(
      (await call('POST', '/api/v1/account/contact/confirm', bruno, { kind: 'email', code })).status,
      409,
      'not from another box',
    );
    const wrong = await call('POST', '/api/v1/account/contact/confirm', carla, {
      kind: 'email',
      code: '00000x',
    });
    assert.equal(wrong.status, 409);
    const confirmed = await call('POST', '/api/v1/account/contact/confirm', carla, { kind: 'email', code });
    assert.equal(confirmed.status, 200);
    assert.equal(((await confirmed.json()) as { contactEmail: string }).contactEmail, newEmail);
    assert.equal((await storage.accounts.getMailbox(box.id))?.contactEmail, newEmail);
    let told = false;
    for (let attempt = 0; attempt < 150 && !told; attempt++) {
      told = sink.received.some(
        (m) =>
          m.rcptTo.includes(oldEmail) && m.bytes.toString('utf8').replace(/=\r\n/g, '').includes(newEmail),
      );
      if (!told) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.ok(told, 'the old address is told');

    const mobile = await call('POST', '/api/v1/account/contact', carla, {
      kind: 'mobile',
      value: '+39 333 000 0002',
    });
    assert.equal(mobile.status, 200);
    const [mobileCode] = await smsTo('+393330000002', 1);
    const digits = /(\d{6})$/.exec(mobileCode ?? '')?.[1];
    assert.ok(digits !== undefined);
    assert.equal((await storage.accounts.getMailbox(box.id))?.mobile, '+393330000001', 'not yet');
    const done = await call('POST', '/api/v1/account/contact/confirm', carla, {
      kind: 'mobile',
      code: digits,
    });
    assert.equal(done.status, 200);
    assert.equal((await storage.accounts.getMailbox(box.id))?.mobile, '+393330000002');
    const [oldTold] = await smsTo('+393330000001', 1);
    assert.match(oldTold ?? '', /contact changed -> \+393330000002/);
  });
});
