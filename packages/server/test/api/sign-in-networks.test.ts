/**
 * The allow-list of sign-in networks against a served provider: the holder sets it over HTTP
 * (canonical blocks; a list that leaves out the holder's own network, or text that is no network,
 * refused); a box whose list leaves out 127.0.0.1 refuses the right password over IMAP (Python's
 * imaplib: NO [AUTHORIZATIONFAILED]), POP3, SMTP and the web with the refusal of its own, while a
 * wrong password still reads as a wrong password; the access history marks the refused attempts;
 * the list is confined to the holder's own box and needs a session.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { holders, password, signIn, startApiProvider, type ApiProvider } from './api-provider.ts';

const run = promisify(execFile);

describe('sign-in allow-list', { timeout: 240_000 }, () => {
  let provider: ApiProvider;
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
  function port(name: string): string {
    const found = provider.running.addresses.find((a) => a.name === name);
    assert.ok(found !== undefined, name);
    return String(found.port);
  }
  async function mailReplies(
    user: string,
    pass: string,
  ): Promise<{ imap: string; pop3: string; smtp: string }> {
    const { stdout } = await run('python3', [
      join(import.meta.dirname, 'mail-login-replies.py'),
      'localhost',
      port('imaps'),
      port('pop3s'),
      port('submissions'),
      join(provider.dir, 'certs', 'ca.pem'),
      user,
      pass,
    ]);
    return JSON.parse(stdout) as { imap: string; pop3: string; smtp: string };
  }
  async function boxId(address: string): Promise<number> {
    const mailbox = await provider.ctx.storage.accounts.findMailboxByAddress(address);
    assert.ok(mailbox !== undefined);
    return mailbox.id;
  }

  before(async () => {
    provider = await startApiProvider();
    base = provider.base;
  });
  after(async () => {
    await provider.close();
  });

  it('needs a session for the list and keeps it to the holder’s own box', async () => {
    assert.equal((await call('GET', '/api/v1/security/networks')).status, 401);
    assert.equal((await call('POST', '/api/v1/security/networks', undefined, { networks: [] })).status, 401);
    const bruno = await signIn(base, holders.bruno);
    const saved = await call('POST', '/api/v1/security/networks', bruno, { networks: ['127.0.0.0/8'] });
    assert.equal(saved.status, 200);
    const anna = await signIn(base, holders.anna);
    const annas = (await (await call('GET', '/api/v1/security/networks', anna)).json()) as {
      networks: string[];
    };
    assert.deepEqual(annas.networks, []);
    assert.equal((await call('POST', '/api/v1/security/networks', bruno, { networks: [] })).status, 200);
  });

  it('stores canonical blocks and refuses a list that would lock the holder out', async () => {
    const cookie = await signIn(base, holders.carla);
    const lockout = await call('POST', '/api/v1/security/networks', cookie, { networks: ['10.0.0.0/8'] });
    assert.equal(lockout.status, 409);
    assert.match(((await lockout.json()) as { detail: string }).detail, /127\.0\.0\.1/);
    const junk = await call('POST', '/api/v1/security/networks', cookie, { networks: ['pec.example.it'] });
    assert.equal(junk.status, 409);
    const saved = await call('POST', '/api/v1/security/networks', cookie, {
      networks: ['127.0.0.1', ' 10.1.2.3/8 ', '', '2001:DB8::1/32'],
    });
    assert.equal(saved.status, 200);
    assert.deepEqual(await saved.json(), {
      networks: ['127.0.0.1/32', '10.0.0.0/8', '2001:db8::/32'],
      currentAddress: '127.0.0.1',
    });
    const read = (await (await call('GET', '/api/v1/security/networks', cookie)).json()) as {
      networks: string[];
    };
    assert.deepEqual(read.networks, ['127.0.0.1/32', '10.0.0.0/8', '2001:db8::/32']);
    assert.deepEqual(await mailReplies(holders.carla, password), { imap: 'OK', pop3: 'OK', smtp: 'OK' });
  });

  it('refuses the right password from elsewhere on IMAP, POP3, SMTP and the web, and marks the history', async () => {
    const session = await signIn(base, holders.mario);
    // Only the operator (or another network) could set a list that leaves 127.0.0.1 out.
    await provider.ctx.storage.signInNetworks.replace(
      await boxId(holders.mario),
      ['192.0.2.0/24'],
      new Date(),
    );
    const refused = await mailReplies(holders.mario, password);
    assert.match(refused.imap, /\[AUTHORIZATIONFAILED\].*allow-list/);
    assert.match(refused.pop3, /\[AUTH\].*allow-list/);
    assert.match(refused.smtp, /^535 5\.7\.1 .*allow-list/);
    const wrong = await mailReplies(holders.mario, 'not the password');
    assert.match(wrong.imap, /\[AUTHENTICATIONFAILED\]/, 'a wrong password says nothing of the list');
    const web = await call('POST', '/api/v1/session', undefined, {
      address: holders.mario,
      password,
      staySignedIn: false,
    });
    assert.equal(web.status, 403);
    assert.equal(((await web.json()) as { reason: string }).reason, 'network-not-allowed');

    const history = (await (
      await call('GET', '/api/v1/security/access-history?limit=20', session)
    ).json()) as {
      entries: { protocol: string; outcome: string; networkRefused: boolean }[];
    };
    const marked = history.entries.filter((e) => e.networkRefused);
    // smtplib tries a second mechanism after the first is refused: SMTP may show twice.
    assert.deepEqual([...new Set(marked.map((e) => e.protocol))].sort(), ['http', 'imap', 'pop3', 'smtp']);
    assert.ok(marked.every((e) => e.outcome === 'disabled'));
    assert.equal(history.entries.filter((e) => e.outcome === 'failure').length >= 3, true);

    await provider.ctx.storage.signInNetworks.replace(await boxId(holders.mario), [], new Date());
    assert.deepEqual(await mailReplies(holders.mario, password), { imap: 'OK', pop3: 'OK', smtp: 'OK' });
  });
});
