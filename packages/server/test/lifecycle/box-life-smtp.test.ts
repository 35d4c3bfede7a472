/**
 * Super Ricezione and deactivation as clients meet them (decision 0016), over real sockets with
 * Python's smtplib against a running provider whose clock the test drives: an expired box logs in
 * but its submission is refused with the reason and what to do, while it still receives PEC; once
 * the lifecycle job has deactivated it, its sign-in is refused, a PEC sent to it gets a signed
 * non-delivery notice (pec-spec §2.4, §3.6), and ordinary mail to it is refused at the MX.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readPecMessage } from '@pec/core';
import { initProvider } from '../../src/app/init-provider.ts';
import { openProvider } from '../../src/app/open-provider.ts';
import type { ProviderContext } from '../../src/app/provider-context.ts';
import { createProviderServices, serveProvider, type RunningProvider } from '../../src/app/serve.ts';
import { boxLifeDependencies } from '../../src/app/service-dependencies.ts';
import { createAccountService } from '../../src/services/accounts/create-account-service.ts';
import { createBoxLife } from '../../src/services/box-life/create-box-life.ts';
import { createFakeClock, type FakeClock } from '../pipeline/create-test-provider.ts';

const domain = 'pec.life.localhost';
const mario = `mario@${domain}`;
const scaduto = `scaduto@${domain}`;
const password = 'Password-Life-1';
const day = 86_400_000;

interface SmtpStep {
  readonly stage: 'connect' | 'auth' | 'mail' | 'rcpt' | 'data' | 'done';
  readonly code: number;
  readonly text: string;
}

/** One SMTP transaction with smtplib; reports the stage that failed, or `done` with the DATA reply. */
const script = String.raw`
import json, smtplib, ssl, sys
o = json.load(sys.stdin)
def out(stage, code, text):
    print(json.dumps({'stage': stage, 'code': code, 'text': text.decode() if isinstance(text, bytes) else str(text)}))
    sys.exit(0)
s = smtplib.SMTP(o['host'], o['port'], timeout=60)
s.ehlo('client.test')
s.starttls(context=ssl.create_default_context(cafile=o['ca']))
s.ehlo('client.test')
if o.get('user'):
    try:
        s.login(o['user'], o['password'])
    except smtplib.SMTPAuthenticationError as e:
        out('auth', e.smtp_code, e.smtp_error)
code, text = s.mail(o['from'])
if code != 250: out('mail', code, text)
code, text = s.rcpt(o['to'])
if code != 250: out('rcpt', code, text)
code, text = s.data(o['data'].encode())
out('done' if code == 250 else 'data', code, text)
`;

function smtplib(options: Record<string, string | number | undefined>): Promise<SmtpStep> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-c', script], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', () => {
      try {
        resolve(JSON.parse(stdout) as SmtpStep);
      } catch {
        reject(new Error(`smtplib: ${stdout}${stderr}`));
      }
    });
    child.stdin.end(JSON.stringify(options));
  });
}

const message = (from: string, to: string, subject: string) =>
  `From: ${from}\r\nTo: ${to}\r\nSubject: ${subject}\r\nMessage-ID: <${Math.random()}@client.test>\r\n\r\nTesto\r\n`;

describe('Super Ricezione and deactivation over SMTP (decision 0016)', { timeout: 300_000 }, () => {
  let dir: string;
  let ctx: ProviderContext;
  let clock: FakeClock;
  let running: RunningProvider;
  let ca: string;
  const port = (name: string) => running.addresses.find((a) => a.name === name)?.port ?? 0;
  const submit = (user: string, to: string, subject: string) =>
    smtplib({
      host: '127.0.0.1',
      port: port('submission'),
      ca,
      user,
      password,
      from: user,
      to,
      data: message(user, to, subject),
    });
  const inbox = async (address: string) => {
    const box = await ctx.storage.accounts.findMailboxByAddress(address);
    const folder = box === undefined ? undefined : await ctx.storage.mailboxes.getFolder(box.id, 'INBOX');
    return folder === undefined ? [] : ctx.storage.mailboxes.listMessages(folder.id);
  };
  const waitFor = async (what: string, found: () => Promise<boolean>) => {
    const deadline = Date.now() + 60_000;
    while (!(await found())) {
      assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pec-life-'));
    await initProvider({ dataDir: join(dir, 'data'), domain, providerName: 'Life PEC' });
    clock = createFakeClock(new Date());
    ctx = await openProvider({
      dataDir: join(dir, 'data'),
      clock,
      overrides: {
        ports: { submission: 0, submissions: 0, smtp: 0, imap: 0, imaps: 0, pop3: 0, pop3s: 0, http: 0 },
      },
    });
    ca = join(dir, 'data', 'certs', 'ca.pem');
    await readFile(ca);
    const accounts = createAccountService({ storage: ctx.storage, clock });
    await accounts.createMailbox({ address: mario, password });
    await accounts.createMailbox({
      address: scaduto,
      password,
      taxCode: 'RSSMRA85T10A562S',
      expiresAt: new Date(clock.now().getTime() - day),
    });
    running = await serveProvider(ctx, createProviderServices(ctx, { pollMs: 50 }), { closeTimeoutMs: 500 });
  });
  after(async () => {
    await running.close();
    await ctx.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('an expired box signs in but cannot send: 550 5.7.1 with until when it receives and what to do', async () => {
    const reply = await submit(scaduto, mario, 'Prova');
    assert.equal(reply.stage, 'mail');
    assert.equal(reply.code, 550);
    assert.match(
      reply.text,
      /^5\.7\.1 mailbox expired on \d{4}-\d{2}-\d{2}: it keeps receiving until \d{4}-\d{2}-\d{2} but cannot send; renew it to send again/,
    );
  });

  it('an expired box still receives PEC, and the sender gets the delivery receipt', async () => {
    const reply = await submit(mario, scaduto, 'Ricezione dopo la scadenza');
    assert.equal(reply.stage, 'done', reply.text);
    await waitFor('the envelope in the expired box', async () =>
      (await inbox(scaduto)).some((m) => m.pecType === 'posta-certificata'),
    );
    await waitFor('the delivery receipt', async () =>
      (await inbox(mario)).some((m) => m.pecType === 'avvenuta-consegna'),
    );
  });

  it('once deactivated: no sign-in, a signed non-delivery notice for PEC, ordinary mail refused at the MX', async () => {
    clock.advance(91 * day);
    const life = createBoxLife(boxLifeDependencies(ctx, 'test-node'));
    const steps = (await life.run()).map((a) => a.step);
    assert.deepEqual(steps, ['deactivate'], 'no contact address: no notices');
    assert.equal((await life.status(scaduto)).state, 'deactivated');

    const auth = await submit(scaduto, mario, 'Prova');
    assert.equal(auth.stage, 'auth');
    assert.equal(auth.code, 535);

    const sent = await submit(mario, scaduto, 'Dopo la disattivazione');
    assert.equal(sent.stage, 'done', sent.text);
    let notice: Awaited<ReturnType<typeof readPecMessage>> | undefined;
    await waitFor('the non-delivery notice', async () => {
      const errors = (await inbox(mario)).filter((m) => m.pecType === 'errore-consegna');
      if (errors.length === 0) return false;
      const [first] = errors;
      notice = await readPecMessage(await ctx.blobs.get(first?.blobKey ?? ''));
      return true;
    });
    assert.equal(notice?.daticert?.error, 'altro');
    assert.match(notice.daticert.extendedError ?? '', /^5\.2\.1 /);
    assert.equal(notice.signature.valid, true);

    const ordinary = await smtplib({
      host: '127.0.0.1',
      port: port('smtp'),
      ca,
      from: 'someone@ordinary.example',
      to: scaduto,
      data: message('someone@ordinary.example', scaduto, 'Posta ordinaria'),
    });
    assert.ok(ordinary.stage === 'rcpt' || ordinary.stage === 'data', JSON.stringify(ordinary));
    assert.equal(ordinary.code, 550);
    assert.match(ordinary.text, /^5\.2\.1 /);
  });
});
