/**
 * The served provider end to end for mailbox access: a PEC submitted over SMTP reaches an
 * IMAP client sitting in IDLE as an unsolicited EXISTS (deliveries feed the change feed once
 * committed), the envelope fetched with BODY.PEEK[] still verifies with openssl, and POP3 (Python
 * poplib over STLS) downloads the same bytes.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { initProvider } from '../../src/app/init-provider.ts';
import { openProvider } from '../../src/app/open-provider.ts';
import type { ProviderContext } from '../../src/app/provider-context.ts';
import { createProviderServices, serveProvider, type RunningProvider } from '../../src/app/serve.ts';
import { openImapConversation } from '../../src/protocols/imap/testing/imap-conversation.ts';
import { createAccountService } from '../../src/services/accounts/create-account-service.ts';
import { sendWithSmtplib } from './send-with-smtplib.ts';

const run = promisify(execFile);
const domain = 'pec.access.localhost';
const sender = `mario@${domain}`;
const recipient = `anna@${domain}`;
const password = 'correct horse battery';

const popScript = String.raw`
import json, poplib, ssl, sys
o = json.load(sys.stdin)
ctx = ssl.create_default_context(cafile=o['ca'])
p = poplib.POP3(o['host'], o['port'], timeout=30)
p.stls(context=ctx)
p.user(o['user'])
p.pass_(o['password'])
count, _ = p.stat()
resp, lines, _ = p.retr(count)
sys.stdout.buffer.write(b'\r\n'.join(lines) + b'\r\n')
p.quit()
`;

function portOf(running: RunningProvider, name: string): number {
  const address = running.addresses.find((a) => a.name === name);
  assert.ok(address !== undefined, `listener ${name}`);
  return address.port;
}

describe('served mailbox access: IMAP IDLE push and POP3 download', { timeout: 180_000 }, () => {
  let dir = '';
  let ctx: ProviderContext;
  let running: RunningProvider;
  let caFile = '';
  let ca = '';

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pec-access-'));
    await initProvider({ dataDir: dir, domain, providerName: 'Access PEC' });
    ctx = await openProvider({
      dataDir: dir,
      overrides: {
        ports: { submission: 0, submissions: 0, smtp: 0, imap: 0, imaps: 0, pop3: 0, pop3s: 0, http: 0 },
      },
    });
    const accounts = createAccountService({ storage: ctx.storage, clock: ctx.clock });
    await accounts.createMailbox({ address: sender, password });
    await accounts.createMailbox({ address: recipient, password });
    running = await serveProvider(ctx, createProviderServices(ctx, { pollMs: 200 }), { closeTimeoutMs: 500 });
    caFile = join(dir, 'certs', 'ca.pem');
    ca = await readFile(caFile, 'utf8');
  });
  after(async () => {
    await running.close();
    await ctx.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('pushes the delivered envelope to an IDLE client and serves it byte-exact over IMAP and POP3', async () => {
    const imap = await openImapConversation({
      port: portOf(running, 'imaps'),
      ca,
      implicitTls: true,
      timeoutMs: 20_000,
    });
    await imap.expect(/^\* OK/);
    await imap.transact(`a1 LOGIN ${recipient} "${password}"`, /^a1 OK/);
    const selected = await imap.command('a2 SELECT INBOX');
    assert.match(selected.tagged, /^a2 OK/);
    assert.ok(selected.untagged.includes('* 0 EXISTS'), selected.untagged.join('\n'));
    imap.send('a3 IDLE');
    await imap.expect(/^\+ /);

    const replies = await sendWithSmtplib({
      host: '127.0.0.1',
      port: portOf(running, 'submission'),
      caFile,
      user: sender,
      password,
      messages: [
        { from: sender, to: [recipient], subject: 'Verbale di consegna', body: 'In allegato il verbale.\n' },
      ],
    });
    assert.equal(replies[0]?.code, 250);

    // No polling by the client: the delivery itself must produce the EXISTS.
    await imap.expect(/^\* 1 EXISTS$/, 20_000);
    // IMAP4rev1: the new message is \Recent for this session (RFC 3501 §7.3.2).
    await imap.expect(/^\* 1 RECENT$/, 5000);
    await imap.continueWith('a3', 'DONE', /^a3 OK/);
    const fetched = await imap.command('a4 FETCH 1 (BODY.PEEK[])');
    assert.match(fetched.tagged, /^a4 OK/);
    const literal = fetched.untagged.join('\n');
    const start = literal.indexOf('}\r\n');
    assert.ok(start > 0, 'a literal body');
    const size = Number(/\{(\d+)\}\r\n/.exec(literal)?.[1]);
    const body = Buffer.from(literal.slice(start + 3), 'latin1').subarray(0, size);
    await imap.transact('a5 LOGOUT', /^\* BYE/, /^a5 OK/);
    imap.close();

    const file = join(dir, 'fetched.eml');
    await writeFile(file, body);
    await run('openssl', [
      'smime',
      '-verify',
      '-in',
      file,
      '-CAfile',
      caFile,
      '-purpose',
      'any',
      '-out',
      '/dev/null',
    ]);
    assert.match(body.toString('latin1'), /^X-Trasporto: posta-certificata\r?$/m);

    const pop = await new Promise<Buffer>((resolve, reject) => {
      const child = execFile(
        'python3',
        ['-c', popScript],
        { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
        (error, stdout) => {
          if (error === null) resolve(stdout);
          else reject(new Error(`poplib failed: ${error.message}`));
        },
      );
      child.stdin?.end(
        JSON.stringify({
          host: '127.0.0.1',
          port: portOf(running, 'pop3'),
          ca: caFile,
          user: recipient,
          password,
        }),
      );
    });
    const digest = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    assert.equal(digest(pop), digest(body), 'POP3 and IMAP serve the same bytes');
  });
});
