/**
 * Passkeys over real HTTP against a served provider whose public address is http://localhost
 * (decision 0032), answered by a software authenticator (soft-authenticator.ts): registration
 * (named, listed, a credential registered once, a spent challenge refused, a foreign origin
 * refused), passwordless sign-in with a discoverable passkey, the passkey as the second factor of
 * a password sign-in once TOTP is on, replays and a cloned authenticator (its counter did not
 * grow) refused, every passkey sign-in and failure in the access history, and one holder unable
 * to see, remove or sign in with another's passkeys.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { base32Decode, totpCode } from '../../src/services/account-security/totp.ts';
import { holders, password, signIn, startApiProvider, type ApiProvider } from './api-provider.ts';
import { SoftAuthenticator, type RegistrationOptions, type RequestOptions } from './soft-authenticator.ts';

interface Passkey {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

describe('passkeys API', { timeout: 120_000 }, () => {
  let provider: ApiProvider;
  let base = '';
  let origin = '';

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
  async function ok<T>(response: Response, status = 200): Promise<T> {
    const text = await response.text();
    assert.equal(response.status, status, `${response.url}: ${text}`);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }
  async function problem(response: Response, status: number, reason: string): Promise<string> {
    const body = (await response.json()) as { reason: string; detail: string };
    assert.equal(response.status, status, `${response.url}: ${JSON.stringify(body)}`);
    assert.equal(body.reason, reason);
    return body.detail;
  }
  const cookieOf = (response: Response): string =>
    (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

  async function register(cookie: string, authenticator: SoftAuthenticator, name: string): Promise<Passkey> {
    const options = await ok<RegistrationOptions>(
      await call('POST', '/api/v1/security/passkeys/options', cookie),
    );
    return ok<Passkey>(
      await call('POST', '/api/v1/security/passkeys', cookie, {
        name,
        credential: authenticator.register(options),
      }),
      201,
    );
  }
  async function signInOptions(cookie?: string): Promise<RequestOptions & { userVerification?: string }> {
    return ok(await call('POST', '/api/v1/session/passkey/options', cookie));
  }

  before(async () => {
    provider = await startApiProvider({ overrides: { http: { publicUrl: 'http://localhost' } } });
    base = provider.base.replace('127.0.0.1', 'localhost');
    origin = base;
  });
  after(async () => {
    await provider.close();
  });

  const mario = () => new SoftAuthenticator('localhost', origin);
  let marioKey: SoftAuthenticator;
  let marioPasskey: Passkey;

  it('registers a named passkey once per credential, from this origin only', async () => {
    const cookie = await signIn(base, holders.mario);
    marioKey = mario();
    const options = await ok<RegistrationOptions & Record<string, unknown>>(
      await call('POST', '/api/v1/security/passkeys/options', cookie),
    );
    assert.equal(options.rp.id, 'localhost');
    assert.deepEqual(options['authenticatorSelection'], {
      residentKey: 'required',
      userVerification: 'preferred',
      requireResidentKey: true,
    });
    const credential = marioKey.register(options);
    marioPasskey = await ok<Passkey>(
      await call('POST', '/api/v1/security/passkeys', cookie, { name: ' Laptop ', credential }),
      201,
    );
    assert.equal(marioPasskey.name, 'Laptop');
    assert.equal(marioPasskey.lastUsedAt, null);
    assert.match(
      await problem(
        await call('POST', '/api/v1/security/passkeys', cookie, { name: 'Again', credential }),
        409,
        'conflict',
      ),
      /unknown or expired/,
      'the challenge was spent',
    );
    const again = await ok<RegistrationOptions & { excludeCredentials: { id: string }[] }>(
      await call('POST', '/api/v1/security/passkeys/options', cookie),
    );
    assert.deepEqual(
      again.excludeCredentials.map((c) => c.id),
      [marioKey.credentialId.toString('base64url')],
    );
    assert.equal(again.user.id, options.user.id, 'one user handle per box');
    assert.match(
      await problem(
        await call('POST', '/api/v1/security/passkeys', cookie, {
          name: 'Twice',
          credential: marioKey.register(again),
        }),
        409,
        'conflict',
      ),
      /already registered/,
    );
    const stranger = new SoftAuthenticator('localhost', 'https://evil.example');
    const foreign = await ok<RegistrationOptions>(
      await call('POST', '/api/v1/security/passkeys/options', cookie),
    );
    assert.match(
      await problem(
        await call('POST', '/api/v1/security/passkeys', cookie, {
          name: 'Evil',
          credential: stranger.register(foreign),
        }),
        409,
        'conflict',
      ),
      /origin/i,
    );
    const list = await ok<{ passkeys: Passkey[] }>(await call('GET', '/api/v1/security/passkeys', cookie));
    assert.deepEqual(list.passkeys, [marioPasskey]);
  });

  it('signs in without a password with a discoverable passkey, once per assertion', async () => {
    const options = await signInOptions();
    assert.equal(options.userVerification, 'required');
    assert.deepEqual(options.allowCredentials, []);
    const assertion = marioKey.assert(options);
    const response = await call('POST', '/api/v1/session/passkey', undefined, {
      credential: assertion,
      staySignedIn: true,
    });
    await ok(response, 204);
    const cookie = cookieOf(response);
    assert.match(response.headers.get('set-cookie') ?? '', /Max-Age=\d+/, 'stay signed in');
    const session = await ok<{ address: string }>(await call('GET', '/api/v1/session', cookie));
    assert.equal(session.address, holders.mario);
    await problem(
      await call('POST', '/api/v1/session/passkey', undefined, { credential: assertion }),
      401,
      'authentication-failed',
    );
    const [listed] = (
      await ok<{ passkeys: Passkey[] }>(await call('GET', '/api/v1/security/passkeys', cookie))
    ).passkeys;
    assert.notEqual(listed?.lastUsedAt, null);
  });

  it('refuses a cloned authenticator whose counter did not grow', async () => {
    const stale = marioKey.counter;
    await problem(
      await call('POST', '/api/v1/session/passkey', undefined, {
        credential: marioKey.assert(await signInOptions(), { counter: stale }),
      }),
      401,
      'authentication-failed',
    );
    await ok(
      await call('POST', '/api/v1/session/passkey', undefined, {
        credential: marioKey.assert(await signInOptions(), { counter: stale + 1 }),
      }),
      204,
    );
  });

  it('completes a password sign-in as the second factor, for its own box only', async () => {
    let cookie = await signIn(base, holders.mario);
    const enrolment = await ok<{ secret: string }>(
      await call('POST', '/api/v1/security/totp/enrolment', cookie),
    );
    const secret = base32Decode(enrolment.secret);
    assert.ok(secret !== undefined);
    await ok(
      await call('POST', '/api/v1/security/totp/confirmation', cookie, {
        code: totpCode(secret, new Date()),
      }),
    );

    const annaCookie = await signIn(base, holders.anna);
    const annaKey = new SoftAuthenticator('localhost', origin);
    await register(annaCookie, annaKey, 'Phone');

    const step = await call('POST', '/api/v1/session', undefined, {
      address: holders.mario,
      password,
      staySignedIn: false,
    });
    assert.equal(step.status, 202);
    const pending = cookieOf(step);
    const options = await signInOptions(pending);
    assert.deepEqual(
      options.allowCredentials?.map((c) => c.id),
      [marioKey.credentialId.toString('base64url')],
      "only the box's passkeys",
    );
    await problem(
      await call('POST', '/api/v1/session/passkey', pending, { credential: annaKey.assert(options) }),
      401,
      'authentication-failed',
    );
    const done = await call('POST', '/api/v1/session/passkey', pending, {
      credential: marioKey.assert(await signInOptions(pending)),
    });
    await ok(done, 204);
    cookie = cookieOf(done);
    assert.notEqual(cookie, pending, 'a new token');
    assert.equal(
      (await ok<{ address: string }>(await call('GET', '/api/v1/session', cookie))).address,
      holders.mario,
    );
    assert.equal((await call('GET', '/api/v1/session', pending)).status, 401);

    const history = await ok<{ entries: { protocol: string; outcome: string }[] }>(
      await call('GET', '/api/v1/security/access-history?limit=200', cookie),
    );
    const outcomes = history.entries.map((e) => e.outcome);
    // Passwordless twice, the clone refused, the second factor: each in the history.
    assert.ok(outcomes.filter((o) => o === 'failure').length >= 2, JSON.stringify(outcomes));
    assert.ok(outcomes.filter((o) => o === 'success').length >= 5, JSON.stringify(outcomes));
  });

  it("keeps each holder's passkeys to that holder", async () => {
    const annaCookie = await signIn(base, holders.anna);
    const annaList = await ok<{ passkeys: Passkey[] }>(
      await call('GET', '/api/v1/security/passkeys', annaCookie),
    );
    assert.deepEqual(
      annaList.passkeys.map((p) => p.name),
      ['Phone'],
    );
    await problem(
      await call('DELETE', `/api/v1/security/passkeys/${marioPasskey.id}`, annaCookie),
      404,
      'not-found',
    );
    await problem(await call('GET', '/api/v1/security/passkeys'), 401, 'authentication-required');
    await problem(await call('POST', '/api/v1/security/passkeys/options'), 401, 'authentication-required');
    const marioCookie = await signIn(base, holders.bruno);
    assert.deepEqual(
      (await ok<{ passkeys: Passkey[] }>(await call('GET', '/api/v1/security/passkeys', marioCookie)))
        .passkeys,
      [],
    );
    // Removed, the passkey signs in no more.
    const { ctx } = provider;
    const mailbox = await ctx.storage.accounts.findMailboxByAddress(holders.mario);
    assert.ok(mailbox !== undefined);
    assert.equal(await ctx.storage.passkeys.remove(mailbox.id, Number(marioPasskey.id)), true);
    await problem(
      await call('POST', '/api/v1/session/passkey', undefined, {
        credential: marioKey.assert(await signInOptions()),
      }),
      401,
      'authentication-failed',
    );
  });
});
