/**
 * A real client against the listeners: Python's imaplib (python3) over implicit TLS and over
 * STARTTLS, verifying the development certificate, drives LOGIN, LIST, CREATE, RENAME, SELECT,
 * STATUS, DELETE and LOGOUT; its parsed results are compared here.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startImapTestServer, testMessage, type ImapTestServer } from './testing/imap-test-server.ts';

const script = String.raw`
import imaplib, json, ssl, sys
port, ca, user, password, mode = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
context = ssl.create_default_context(cafile=ca)
if mode == 'implicit':
    client = imaplib.IMAP4_SSL('localhost', int(port), ssl_context=context)
else:
    client = imaplib.IMAP4('localhost', int(port))
    before = list(client.capabilities)
    client.starttls(ssl_context=context)
out = {}
if mode != 'implicit':
    out['before_tls'] = before
out['login'] = client.login(user, password)[0]
out['capabilities'] = list(client.capabilities)
out['list'] = [line.decode() for line in client.list()[1]]
out['create'] = client.create('Py/Nested')[0]
out['rename'] = client.rename('Py', 'Python')[0]
out['list_after'] = [line.decode() for line in client.list('""', 'Python*')[1]]
typ, data = client.select('INBOX')
out['select'] = [typ, data[0].decode()]
out['status'] = client.status('INBOX', '(MESSAGES UNSEEN UIDNEXT)')[1][0].decode()
out['delete_child'] = client.delete('Python/Nested')[0]
out['delete'] = client.delete('Python')[0]
typ, data = client.delete('INBOX')
out['delete_inbox'] = typ + ' ' + data[0].decode()
out['logout'] = client.logout()[0]
print(json.dumps(out))
`;

interface ImaplibOutcome {
  readonly before_tls?: string[];
  readonly login: string;
  readonly capabilities: string[];
  readonly list: string[];
  readonly create: string;
  readonly rename: string;
  readonly list_after: string[];
  readonly select: [string, string];
  readonly status: string;
  readonly delete_child: string;
  readonly delete: string;
  readonly delete_inbox: string;
  readonly logout: string;
}

describe('Python imaplib against the IMAP listeners', () => {
  let server: ImapTestServer;
  let dir: string;
  // Asynchronous: the server runs in this process and must keep answering.
  const run = async (port: number, mode: 'implicit' | 'starttls') => {
    const [mario] = server.accounts;
    const args = [
      join(dir, 'client.py'),
      String(port),
      join(dir, 'ca.pem'),
      mario.address,
      mario.password,
      mode,
    ];
    const { stdout } = await promisify(execFile)('python3', args, { encoding: 'utf8', timeout: 20_000 });
    return JSON.parse(stdout) as ImaplibOutcome;
  };

  before(async () => {
    server = await startImapTestServer();
    dir = mkdtempSync(join(tmpdir(), 'pec-imaplib-'));
    writeFileSync(join(dir, 'client.py'), script);
    writeFileSync(join(dir, 'ca.pem'), server.ca);
    await server.deliver(server.accounts[0], 'INBOX', testMessage('for imaplib'));
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await server.close();
  });

  for (const mode of ['implicit', 'starttls'] as const) {
    it(`logs in and manages folders over ${mode} TLS`, async () => {
      const out = await run(mode === 'implicit' ? server.tlsPort : server.plainPort, mode);
      if (mode === 'starttls') {
        assert.ok((out.before_tls ?? []).includes('LOGINDISABLED'));
        assert.ok((out.before_tls ?? []).includes('STARTTLS'));
      }
      assert.equal(out.login, 'OK');
      assert.ok(out.capabilities.includes('IDLE'));
      assert.deepEqual(out.list, [
        '(\\HasNoChildren) "/" INBOX',
        '(\\HasNoChildren \\Drafts) "/" Drafts',
        '(\\HasNoChildren \\Sent) "/" Sent',
        '(\\HasNoChildren \\Junk) "/" Spam',
        '(\\HasNoChildren \\Trash) "/" Trash',
      ]);
      assert.equal(out.create, 'OK');
      assert.equal(out.rename, 'OK');
      assert.deepEqual(out.list_after, ['(\\HasChildren) "/" Python', '(\\HasNoChildren) "/" Python/Nested']);
      assert.deepEqual(out.select, ['OK', '1']);
      assert.match(out.status, /^INBOX \(MESSAGES 1 UNSEEN 1 UIDNEXT 2\)$/);
      assert.equal(out.delete_child, 'OK');
      assert.equal(out.delete, 'OK');
      assert.match(out.delete_inbox, /^NO \[CANNOT\] INBOX cannot be deleted$/);
      assert.equal(out.logout, 'BYE');
    });
  }
});
