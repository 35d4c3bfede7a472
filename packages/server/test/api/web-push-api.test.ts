/**
 * Web Push of new PEC against a served provider and a local fake push service (an HTTP server
 * the subscriptions' endpoints point at). The test plays the browser: it makes the P-256 key pair
 * and the authentication secret of a subscription, and checks what the push service receives as
 * a real one would: the VAPID header (RFC 8292: an ES256 JWT for the endpoint's origin, signed by
 * the key /api/v1/push/key gave), TTL and Urgency (RFC 8030), and a body it decrypts
 * (RFC 8291 §3.4 keys, RFC 8188 aes128gcm) to the sender and subject, never the PEC's text. A
 * 410 from the push service removes the subscription; a holder never sees another's. A push is an
 * outbox job (decision 0045): while the push service is down it is retried, and arrives once.
 */
import assert from 'node:assert/strict';
import {
  createDecipheriv,
  createECDH,
  createPublicKey,
  hkdfSync,
  randomBytes,
  verify,
  type ECDH,
} from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { holders, signIn, startApiProvider, type ApiProvider } from './api-provider.ts';

interface Pushed {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
  /** What the fake push service answered. */
  readonly status: number;
}

const secretBody = 'CORPO-RISERVATO-8812';

function hkdf(salt: Buffer, ikm: Buffer, info: Buffer, length: number): Buffer {
  return Buffer.from(hkdfSync('sha256', ikm, salt, info, length));
}

/** RFC 8291 §3.4 and RFC 8188 §2: the browser's side of aes128gcm (one record). */
function decrypt(body: Buffer, browser: ECDH, authSecret: Buffer): string {
  const salt = body.subarray(0, 16);
  const idLength = body.readUInt8(20);
  const serverKey = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  const ecdhSecret = browser.computeSecret(serverKey);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), browser.getPublicKey(), serverKey]);
  const ikm = hkdf(authSecret, ecdhSecret, keyInfo, 32);
  const cek = hkdf(salt, ikm, Buffer.from('Content-Encoding: aes128gcm\0'), 16);
  const nonce = hkdf(salt, ikm, Buffer.from('Content-Encoding: nonce\0'), 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([
    decipher.update(ciphertext.subarray(0, ciphertext.length - 16)),
    decipher.final(),
  ]);
  // The last record ends with the delimiter 2, then zero padding (RFC 8188 §2).
  let end = padded.length - 1;
  while (end > 0 && padded[end] === 0) end -= 1;
  assert.equal(padded[end], 2, 'last-record delimiter');
  return padded.subarray(0, end).toString('utf8');
}

/** RFC 8292 §3: `vapid t=<JWT>, k=<key>`; the JWT is ES256 over the key given. */
function checkVapid(header: string | undefined, publicKey: string, audience: string): void {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(header ?? '');
  assert.ok(match?.[1] !== undefined && match[2] !== undefined, `Authorization: ${String(header)}`);
  assert.equal(match[2], publicKey, 'k is the key of /api/v1/push/key');
  const [head, claims, signature] = match[1].split('.') as [string, string, string];
  assert.deepEqual(JSON.parse(Buffer.from(head, 'base64url').toString('utf8')), { typ: 'JWT', alg: 'ES256' });
  const point = Buffer.from(publicKey, 'base64url');
  const key = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33, 65).toString('base64url'),
    },
    format: 'jwk',
  });
  const signed = verify(
    'sha256',
    Buffer.from(`${head}.${claims}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  assert.equal(signed, true, 'the JWT is signed by the VAPID key');
  const payload = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as {
    aud: string;
    exp: number;
    sub: string;
  };
  assert.equal(payload.aud, audience);
  assert.ok(payload.exp > Date.now() / 1000, 'exp in the future');
  assert.match(payload.sub, /^mailto:/);
}

describe('Web Push API', { timeout: 240_000 }, () => {
  let provider: ApiProvider;
  let pushService: Server;
  let pushOrigin = '';
  const pushed: Pushed[] = [];
  let answer = 201;

  function call(method: string, path: string, cookie?: string, body?: unknown) {
    return fetch(`${provider.base}${path}`, {
      method,
      headers: {
        ...(cookie === undefined ? {} : { cookie }),
        ...(method === 'GET' ? {} : { 'x-pec-request': '1' }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }
  async function pushesTo(path: string, count: number): Promise<Pushed[]> {
    for (let attempt = 0; attempt < 150; attempt++) {
      const found = pushed.filter((p) => p.path === path);
      if (found.length >= count) return found;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.fail(`no push number ${String(count)} to ${path} within 30 s`);
  }
  function browserSubscription(path: string) {
    const browser = createECDH('prime256v1');
    browser.generateKeys();
    const authSecret = randomBytes(16);
    const json = {
      endpoint: `${pushOrigin}${path}`,
      expirationTime: null,
      keys: { p256dh: browser.getPublicKey().toString('base64url'), auth: authSecret.toString('base64url') },
    };
    return { browser, authSecret, json };
  }

  before(async () => {
    provider = await startApiProvider({ overrides: { http: { publicUrl: 'http://localhost' } } });
    pushService = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        pushed.push({
          path: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks),
          status: answer,
        });
        response.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => pushService.listen(0, '127.0.0.1', resolve));
    pushOrigin = `http://127.0.0.1:${String((pushService.address() as AddressInfo).port)}`;
  });
  after(async () => {
    await provider.close();
    await new Promise((resolve) => pushService.close(resolve));
  });

  it('needs a session, refuses unusable subscriptions and keeps to the holder’s own box', async () => {
    const { json } = browserSubscription('/push/carla');
    for (const [method, path] of [
      ['GET', '/api/v1/push/key'],
      ['GET', '/api/v1/push/subscriptions'],
      ['POST', '/api/v1/push/subscriptions'],
      ['DELETE', '/api/v1/push/subscriptions/1'],
    ] as const)
      assert.equal(
        (await call(method, path, undefined, method === 'POST' ? json : undefined)).status,
        401,
        path,
      );
    const carla = await signIn(provider.base, holders.carla);
    const notHttps = await call('POST', '/api/v1/push/subscriptions', carla, {
      ...json,
      endpoint: 'http://push.example/x',
    });
    assert.equal(notHttps.status, 409);
    assert.match(((await notHttps.json()) as { detail: string }).detail, /https/);
    const badKey = await call('POST', '/api/v1/push/subscriptions', carla, {
      ...json,
      keys: { ...json.keys, p256dh: 'AAAA' },
    });
    assert.equal(badKey.status, 409);
    const added = await call('POST', '/api/v1/push/subscriptions', carla, json);
    assert.equal(added.status, 201);
    const created = (await added.json()) as { id: string; device: string; thisSession: boolean };
    assert.equal(created.thisSession, true);
    assert.match(created.device, /Firefox/);

    const bruno = await signIn(provider.base, holders.bruno);
    const brunos = (await (await call('GET', '/api/v1/push/subscriptions', bruno)).json()) as {
      subscriptions: unknown[];
    };
    assert.deepEqual(brunos.subscriptions, []);
    assert.equal((await call('DELETE', `/api/v1/push/subscriptions/${created.id}`, bruno)).status, 404);
    const carlas = (await (await call('GET', '/api/v1/push/subscriptions', carla)).json()) as {
      subscriptions: { id: string; endpointOrigin: string }[];
    };
    assert.deepEqual(
      carlas.subscriptions.map((s) => [s.id, s.endpointOrigin]),
      [[created.id, pushOrigin]],
    );
    assert.equal(JSON.stringify(carlas).includes(json.keys.auth), false, 'no key material listed');
    assert.equal((await call('DELETE', `/api/v1/push/subscriptions/${created.id}`, carla)).status, 204);
    assert.equal((await call('DELETE', `/api/v1/push/subscriptions/${created.id}`, carla)).status, 404);
  });

  it('pushes a new PEC with VAPID, encrypted, with sender and subject only; 410 removes the subscription', async () => {
    const anna = await signIn(provider.base, holders.anna);
    const keyAnswer = await call('GET', '/api/v1/push/key', anna);
    assert.equal(keyAnswer.status, 200);
    const { publicKey } = (await keyAnswer.json()) as { publicKey: string };
    assert.equal(Buffer.from(publicKey, 'base64url').length, 65);
    const again = (await (await call('GET', '/api/v1/push/key', anna)).json()) as { publicKey: string };
    assert.equal(again.publicKey, publicKey, 'one key, stored');

    const { browser, authSecret, json } = browserSubscription('/push/anna');
    assert.equal((await call('POST', '/api/v1/push/subscriptions', anna, json)).status, 201);

    await provider.deliverPec(holders.mario, holders.anna, 'Contratto di fornitura', `${secretBody}\r\n`);
    const [push] = await pushesTo('/push/anna', 1);
    assert.ok(push !== undefined);
    checkVapid(push.headers.authorization, publicKey, pushOrigin);
    assert.equal(push.headers['ttl'], '86400');
    assert.equal(push.headers['urgency'], 'normal');
    assert.equal(push.headers['content-encoding'], 'aes128gcm');
    assert.equal(push.body.includes(Buffer.from(secretBody)), false, 'encrypted');
    const payload = JSON.parse(decrypt(push.body, browser, authSecret)) as {
      from: string;
      subject: string;
      folder: string;
      uid: number;
      url: string;
    };
    assert.equal(payload.from, holders.mario);
    assert.equal(payload.subject, 'Contratto di fornitura');
    assert.equal(payload.folder, 'INBOX');
    const inbox = await provider.ctx.storage.mailboxes.getFolder(
      (await provider.ctx.storage.accounts.findMailboxByAddress(holders.anna))?.id ?? 0,
      'INBOX',
    );
    assert.equal(payload.url, `/f/${String(inbox?.id)}/m/${String(payload.uid)}`);
    assert.equal(JSON.stringify(payload).includes(secretBody), false, 'nothing of the body');

    // The push service has forgotten the browser: the next push removes the subscription.
    answer = 410;
    await provider.deliverPec(holders.mario, holders.anna, 'Seconda', `${secretBody}\r\n`);
    await pushesTo('/push/anna', 2);
    let left = 1;
    for (let attempt = 0; attempt < 150 && left > 0; attempt++) {
      const listed = (await (await call('GET', '/api/v1/push/subscriptions', anna)).json()) as {
        subscriptions: unknown[];
      };
      left = listed.subscriptions.length;
      if (left > 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.equal(left, 0, '410 removed the subscription');

    // A subscription ends with the session that made it.
    assert.equal(
      (await call('POST', '/api/v1/push/subscriptions', anna, browserSubscription('/push/anna2').json))
        .status,
      201,
    );
    const other = await signIn(provider.base, holders.anna);
    assert.equal((await call('DELETE', '/api/v1/session', anna)).status, 204);
    const remaining = (await (await call('GET', '/api/v1/push/subscriptions', other)).json()) as {
      subscriptions: unknown[];
    };
    assert.deepEqual(remaining.subscriptions, [], 'signed out: its subscription is gone');
  });

  it('keeps a push while the push service is down and delivers it once when it is back', async () => {
    const bruno = await signIn(provider.base, holders.bruno);
    const { browser, authSecret, json } = browserSubscription('/push/bruno');
    assert.equal((await call('POST', '/api/v1/push/subscriptions', bruno, json)).status, 201);
    answer = 503;
    await provider.deliverPec(holders.mario, holders.bruno, 'Dopo il guasto', `${secretBody}\r\n`);
    await pushesTo('/push/bruno', 1);
    answer = 201;
    // The outbox retries with its backoff (30 s first): wait for the push it takes, bounded.
    const taken = () => pushed.filter((p) => p.path === '/push/bruno' && p.status === 201);
    for (let attempt = 0; attempt < 600 && taken().length === 0; attempt++)
      await new Promise((resolve) => setTimeout(resolve, 200));
    const [push] = taken();
    assert.ok(push !== undefined, 'the push arrived once the push service was back');
    const payload = JSON.parse(decrypt(push.body, browser, authSecret)) as { subject: string };
    assert.equal(payload.subject, 'Dopo il guasto');
    // Its job is done: nothing is left to send it again.
    let open = 1;
    for (let attempt = 0; attempt < 150 && open > 0; attempt++) {
      const jobs = await provider.ctx.storage.queue.list({ kind: 'web-push' });
      open = jobs.filter((j) => j.status !== 'done').length;
      if (open > 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.equal(open, 0);
    assert.equal(taken().length, 1, 'once');
  });
});
