/**
 * The holder's security settings over real HTTP against a served provider: the session list and
 * signing others out, TOTP enrolment and sign-in with codes computed from the secret (RFC 6238),
 * a replayed code refused, recovery codes spent once, code attempts throttled, app passwords as
 * the only credential of IMAP, POP3 and SMTP once the second factor is on (Python's imaplib,
 * poplib and smtplib), the password change, the access history with new origins flagged, and
 * every security route refused without a session and confined to the holder's own box.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { ApiDependencies } from '../../src/protocols/http/api/api-dependencies.ts';
import { apiRoutes } from '../../src/protocols/http/api/register-api.ts';
import { base32Decode, totpCode } from '../../src/services/account-security/totp.ts';
import { holders, password, signIn, startApiProvider, type ApiProvider } from './api-provider.ts';

const run = promisify(execFile);
const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';

describe('security API', { timeout: 240_000 }, () => {
  let provider: ApiProvider;
  let base = '';

  function call(method: string, path: string, cookie?: string, body?: unknown, userAgent?: string) {
    return fetch(`${base}${path}`, {
      method,
      headers: {
        ...(cookie === undefined ? {} : { cookie }),
        ...(method === 'GET' ? {} : { 'x-pec-request': '1' }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(userAgent === undefined ? {} : { 'user-agent': userAgent }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }
  async function ok<T>(response: Response, status = 200): Promise<T> {
    const text = await response.text();
    assert.equal(response.status, status, `${response.url}: ${text}`);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }
  async function problem(response: Response, status: number, reason: string): Promise<void> {
    const body = (await response.json()) as { reason: string };
    assert.equal(response.status, status, `${response.url}: ${JSON.stringify(body)}`);
    assert.equal(body.reason, reason);
  }
  function cookieOf(response: Response): string {
    return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  }
  async function passwordStep(address: string, pass = password, userAgent?: string): Promise<Response> {
    return call(
      'POST',
      '/api/v1/session',
      undefined,
      { address, password: pass, staySignedIn: false },
      userAgent,
    );
  }
  function port(name: string): string {
    const found = provider.running.addresses.find((a) => a.name === name);
    assert.ok(found !== undefined, name);
    return String(found.port);
  }
  async function mailLogins(
    user: string,
    pass: string,
  ): Promise<{ imap: boolean; pop3: boolean; smtp: boolean }> {
    const { stdout } = await run('python3', [
      join(import.meta.dirname, 'mail-logins.py'),
      'localhost',
      port('imaps'),
      port('pop3s'),
      port('submissions'),
      join(provider.dir, 'certs', 'ca.pem'),
      user,
      pass,
    ]);
    return JSON.parse(stdout) as { imap: boolean; pop3: boolean; smtp: boolean };
  }

  before(async () => {
    provider = await startApiProvider();
    base = provider.base;
  });
  after(async () => {
    await provider.close();
  });

  it('refuses every security route without a session', async () => {
    // The route list only: no handler runs here.
    const routes = apiRoutes({ security: {} } as unknown as ApiDependencies).filter((route) =>
      route.url.startsWith('/api/v1/security'),
    );
    assert.ok(routes.length >= 12, String(routes.length));
    for (const route of routes) {
      const path = route.url.replace(':id', route.url.includes('sessions') ? 'a'.repeat(64) : '1');
      // A body the route's schema accepts: validation comes before the session check.
      const bodies: Record<string, unknown> = {
        '/api/v1/security/totp/confirmation': { code: '123456' },
        '/api/v1/security/recovery-codes': { code: '123456' },
        '/api/v1/security/totp/disable': { password: 'x', code: '123456' },
        '/api/v1/security/app-passwords': { name: 'x' },
        '/api/v1/security/password': { currentPassword: 'x', newPassword: 'y' },
        '/api/v1/security/networks': { networks: [] },
      };
      const body = route.method === 'POST' ? (bodies[route.url] ?? {}) : undefined;
      const response = await call(route.method, path, 'pec_session=' + 'x'.repeat(43), body);
      await problem(response, 401, 'authentication-required');
    }
  });

  it('lists the holder’s sessions and signs one or all others out, never another holder’s', async () => {
    const first = await signIn(base, holders.carla);
    assert.equal((await passwordStep(holders.carla, password, firefox)).status, 204);
    const again = await passwordStep(holders.carla, password, firefox);
    assert.equal(again.status, 204);
    const other = cookieOf(again);
    const listed = await ok<{
      sessions: { id: string; current: boolean; device: string | null; staySignedIn: boolean }[];
    }>(await call('GET', '/api/v1/security/sessions', first));
    assert.equal(listed.sessions.length, 3);
    assert.equal(listed.sessions.filter((s) => s.current).length, 1);
    assert.ok(listed.sessions.some((s) => s.device === 'Firefox on Linux'));
    // Anna can neither see nor end Carla's sessions.
    const anna = await signIn(base, holders.anna);
    const annaList = await ok<{ sessions: { id: string }[] }>(
      await call('GET', '/api/v1/security/sessions', anna),
    );
    assert.equal(annaList.sessions.length, 1);
    const carlaOther = listed.sessions.find((s) => !s.current);
    assert.ok(carlaOther !== undefined);
    await problem(await call('DELETE', `/api/v1/security/sessions/${carlaOther.id}`, anna), 404, 'not-found');
    assert.equal((await call('DELETE', `/api/v1/security/sessions/${carlaOther.id}`, first)).status, 204);
    const ended = await ok<{ signedOut: number }>(
      await call('POST', '/api/v1/security/sessions/sign-out-others', first),
    );
    assert.equal(ended.signedOut, 1);
    await problem(await call('GET', '/api/v1/session', other), 401, 'authentication-required');
    assert.equal((await call('GET', '/api/v1/session', first)).status, 200);
    assert.equal((await call('GET', '/api/v1/session', anna)).status, 200);
  });

  it('enrols TOTP, signs in with computed codes, refuses a replay, spends recovery codes once, and keeps mail clients to app passwords', async () => {
    const mario = await signIn(base, holders.mario);
    assert.deepEqual(await mailLogins(holders.mario, password), { imap: true, pop3: true, smtp: true });

    const enrolment = await ok<{ uri: string; secret: string; qrCode: string }>(
      await call('POST', '/api/v1/security/totp/enrolment', mario),
    );
    assert.match(
      enrolment.uri,
      /^otpauth:\/\/totp\/API%20PEC:mario%40pec\.api\.localhost\?secret=[A-Z2-7]{32}&/,
    );
    assert.match(enrolment.qrCode, /^data:image\/svg\+xml;base64,/);
    assert.match(Buffer.from(enrolment.qrCode.split(',')[1] ?? '', 'base64').toString(), /^<svg /);
    const secret = base32Decode(enrolment.secret);
    assert.ok(secret !== undefined && secret.length === 20);
    const code = (offsetSeconds = 0) => totpCode(secret, new Date(Date.now() + offsetSeconds * 1000));

    await problem(
      await call('POST', '/api/v1/security/totp/confirmation', mario, {
        code: '000000' === code() ? '111111' : '000000',
      }),
      401,
      'authentication-failed',
    );
    const { recoveryCodes } = await ok<{ recoveryCodes: string[] }>(
      await call('POST', '/api/v1/security/totp/confirmation', mario, { code: code() }),
    );
    assert.equal(recoveryCodes.length, 10);
    assert.equal(new Set(recoveryCodes).size, 10);
    await problem(await call('POST', '/api/v1/security/totp/enrolment', mario), 409, 'conflict');
    const overview = await ok<{ twoFactor: { enabled: boolean; recoveryCodesLeft: number } }>(
      await call('GET', '/api/v1/security', mario),
    );
    assert.deepEqual(
      { ...overview.twoFactor, enabledAt: undefined },
      { enabled: true, recoveryCodesLeft: 10, enabledAt: undefined },
    );

    // The password alone no longer signs in: a half session that serves nothing but the second step.
    const step = await passwordStep(holders.mario);
    assert.deepEqual(await ok(step, 202), { secondFactor: 'totp' });
    const pending = cookieOf(step);
    await problem(await call('GET', '/api/v1/session', pending), 401, 'authentication-required');
    await problem(await call('GET', '/api/v1/folders', pending), 401, 'authentication-required');
    await problem(
      await call('POST', '/api/v1/session/second-factor', pending, { code: '12345' }),
      400,
      'invalid-request',
    );
    const next = code(30);
    const wrong = next === '999999' ? '999998' : '999999';
    await problem(
      await call('POST', '/api/v1/session/second-factor', pending, { code: wrong }),
      401,
      'authentication-failed',
    );
    const done = await call('POST', '/api/v1/session/second-factor', pending, { code: next });
    assert.equal(done.status, 204, await done.clone().text());
    const full = cookieOf(done);
    assert.notEqual(full, pending);
    assert.equal((await call('GET', '/api/v1/session', full)).status, 200);
    await problem(await call('GET', '/api/v1/session', pending), 401, 'authentication-required');

    // The same code again, in a new sign-in: a replay (RFC 6238 §5.2).
    const replay = cookieOf(await passwordStep(holders.mario));
    await problem(
      await call('POST', '/api/v1/session/second-factor', replay, { code: next }),
      401,
      'authentication-failed',
    );
    // A recovery code works once.
    const recovery = recoveryCodes[0] ?? '';
    assert.equal(
      (await call('POST', '/api/v1/session/second-factor', replay, { code: recovery.toUpperCase() })).status,
      204,
    );
    const again = cookieOf(await passwordStep(holders.mario));
    await problem(
      await call('POST', '/api/v1/session/second-factor', again, { code: recovery }),
      401,
      'authentication-failed',
    );

    // Mail clients: the account password no longer works, an app password does, until revoked.
    assert.deepEqual(await mailLogins(holders.mario, password), { imap: false, pop3: false, smtp: false });
    await problem(
      await call('POST', '/api/v1/security/app-passwords', full, { name: '' }),
      400,
      'invalid-request',
    );
    const created = await ok<{
      appPassword: { id: string; name: string; lastUsedAt: string | null };
      password: string;
    }>(await call('POST', '/api/v1/security/app-passwords', full, { name: 'Thunderbird' }), 201);
    assert.match(created.password, /^[a-z]{4}-[a-z]{4}-[a-z]{4}-[a-z]{4}$/);
    assert.equal(created.appPassword.lastUsedAt, null);
    assert.deepEqual(await mailLogins(holders.mario, created.password), {
      imap: true,
      pop3: true,
      smtp: true,
    });
    // The web takes the account password only.
    await problem(await passwordStep(holders.mario, created.password), 401, 'authentication-failed');
    const listed = await ok<{ appPasswords: { id: string; name: string; lastUsedAt: string | null }[] }>(
      await call('GET', '/api/v1/security/app-passwords', full),
    );
    assert.equal(listed.appPasswords.length, 1);
    assert.equal(listed.appPasswords[0]?.name, 'Thunderbird');
    assert.ok(typeof listed.appPasswords[0].lastUsedAt === 'string');
    const anna = await signIn(base, holders.anna);
    await problem(
      await call('DELETE', `/api/v1/security/app-passwords/${created.appPassword.id}`, anna),
      404,
      'not-found',
    );
    assert.equal(
      (await call('DELETE', `/api/v1/security/app-passwords/${created.appPassword.id}`, full)).status,
      204,
    );
    assert.deepEqual(await mailLogins(holders.mario, created.password), {
      imap: false,
      pop3: false,
      smtp: false,
    });

    // Disabling needs the password and a code; then the account password works everywhere again.
    await problem(
      await call('POST', '/api/v1/security/totp/disable', full, {
        password: 'wrong password',
        code: recoveryCodes[1],
      }),
      401,
      'authentication-failed',
    );
    assert.equal(
      (await call('POST', '/api/v1/security/totp/disable', full, { password, code: recoveryCodes[1] }))
        .status,
      204,
    );
    assert.equal(
      (await ok<{ twoFactor: { enabled: boolean } }>(await call('GET', '/api/v1/security', full))).twoFactor
        .enabled,
      false,
    );
    assert.deepEqual(await mailLogins(holders.mario, password), { imap: true, pop3: true, smtp: true });
    assert.equal((await passwordStep(holders.mario)).status, 204);
  });

  it('throttles wrong codes', async () => {
    const bruno = await signIn(base, holders.bruno);
    await ok(await call('POST', '/api/v1/security/totp/enrolment', bruno));
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const response = await call('POST', '/api/v1/security/totp/confirmation', bruno, { code: 'abcdef' });
      statuses.push(response.status);
    }
    assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401]);
    assert.equal(statuses.at(-1), 429);
  });

  it('changes the password, ending the other sessions and, when asked, the app passwords', async () => {
    const holder = holders.anna;
    const here = await signIn(base, holder);
    const there = await signIn(base, holder);
    const created = await ok<{ password: string }>(
      await call('POST', '/api/v1/security/app-passwords', here, { name: 'Phone' }),
      201,
    );
    const change = (body: unknown) => call('POST', '/api/v1/security/password', here, body);
    await problem(
      await change({ currentPassword: 'nope', newPassword: 'a new long password' }),
      401,
      'authentication-failed',
    );
    await problem(await change({ currentPassword: password, newPassword: 'short' }), 409, 'conflict');
    const changed = await ok<{ signedOutSessions: number; appPasswordsRevoked: number }>(
      await change({
        currentPassword: password,
        newPassword: 'a new long password',
        signOutAppPasswords: true,
      }),
    );
    assert.ok(changed.signedOutSessions >= 1);
    assert.equal(changed.appPasswordsRevoked, 1);
    assert.equal((await call('GET', '/api/v1/session', here)).status, 200);
    await problem(await call('GET', '/api/v1/session', there), 401, 'authentication-required');
    await problem(await passwordStep(holder), 401, 'authentication-failed');
    assert.equal((await passwordStep(holder, 'a new long password')).status, 204);
    assert.deepEqual(await mailLogins(holder, created.password), { imap: false, pop3: false, smtp: false });
  });

  it('shows every protocol’s sign-ins and failures, newest first, paged, new devices flagged', async () => {
    const holder = holders.carla;
    const cookie = await signIn(base, holder);
    await mailLogins(holder, 'not the password');
    await passwordStep(
      holder,
      password,
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
    );
    type Entry = {
      id: number;
      at: string;
      protocol: string;
      outcome: string;
      newOrigin: boolean;
      device: string | null;
      clientId: string | null;
    };
    const page = await ok<{ entries: Entry[]; total: number }>(
      await call('GET', '/api/v1/security/access-history?limit=3', cookie),
    );
    assert.equal(page.entries.length, 3);
    assert.ok(page.total >= 8, String(page.total));
    const all = await ok<{ entries: Entry[] }>(
      await call('GET', '/api/v1/security/access-history?limit=200', cookie),
    );
    assert.deepEqual(all.entries.slice(0, 3), page.entries);
    const second = await ok<{ entries: Entry[] }>(
      await call('GET', '/api/v1/security/access-history?limit=3&offset=3', cookie),
    );
    assert.deepEqual(second.entries, all.entries.slice(3, 6));
    const times = all.entries.map((entry) => entry.at);
    assert.deepEqual(times, [...times].sort().reverse());
    assert.deepEqual(
      new Set(all.entries.filter((e) => e.outcome === 'failure').map((e) => e.protocol)),
      new Set(['imap', 'pop3', 'smtp']),
    );
    const edge = all.entries[0];
    assert.equal(edge?.device, 'Edge on Windows');
    assert.equal(edge.newOrigin, true);
    // The box's very first sign-in is not "new"; a second one from the same device is not either.
    const successes = all.entries.filter((e) => e.outcome === 'success' && e.protocol === 'http');
    assert.equal(successes.at(-1)?.newOrigin, false);
    assert.ok(successes.some((e) => e.device === 'Firefox on Linux' && e.newOrigin));
    assert.ok(all.entries.every((e) => e.outcome !== 'failure' || !e.newOrigin));
  });
});
