/**
 * `pec queue list` says how a relay ended: a PEC sent through `pec serve` to an Internet address
 * whose server refuses it for good shows `outcome: bounced` with the refusal, and
 * `--status failed` lists it; the message is found by its client Message-ID too (`pec message
 * status`, `pec log search --msgid`, delivery entries included). The peer is a loopback SMTP server reached by a static route.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { initProvider } from '../../src/app/init-provider.ts';
import { openProvider } from '../../src/app/open-provider.ts';
import { searchLog } from '../../src/services/log-register/search-log.ts';
import { createAccountService } from '../../src/services/accounts/create-account-service.ts';
import { pecOk } from '../e2e/run-pec.ts';
import { sendWithSmtplib } from '../e2e/send-with-smtplib.ts';
import { startServeProcess, type ServeProcess } from '../e2e/serve-process.ts';

const env = {
  ...process.env,
  PEC_DATA: '',
  PEC_PORT_SUBMISSION: '0',
  PEC_PORT_SUBMISSIONS: '0',
  PEC_PORT_SMTP: '0',
  PEC_PORT_IMAP: '0',
  PEC_PORT_IMAPS: '0',
  PEC_PORT_POP3: '0',
  PEC_PORT_POP3S: '0',
  PEC_PORT_HTTP: '0',
};
const password = 'una-password-lunga';

describe('pec queue list: how a relay ended (child process)', { timeout: 240_000 }, () => {
  let root = '';
  let data = '';
  let server: ServeProcess | undefined;
  const peer = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, callback) {
      const error = new Error(`5.1.1 <${address.address}>: no such user here`) as Error & {
        responseCode: number;
      };
      error.responseCode = 550;
      callback(error);
    },
  });

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'pec-cli-queue-'));
    data = join(root, 'data');
    await new Promise<void>((resolve) => peer.listen(0, '127.0.0.1', resolve));
    const address = peer.server.address();
    assert.ok(typeof address === 'object' && address !== null);
    await initProvider({ dataDir: data, domain: 'pec.example.it' });
    const ctx = await openProvider({ dataDir: data });
    try {
      await createAccountService({ storage: ctx.storage }).createMailbox({
        address: 'mario@pec.example.it',
        password,
      });
      await ctx.storage.routes.set({
        domain: 'gmail.example',
        host: '127.0.0.1',
        port: address.port,
        tls: 'none',
      });
    } finally {
      await ctx.close();
    }
  });
  after(async () => {
    await server?.kill9();
    await new Promise<void>((resolve) => {
      peer.close(resolve);
    });
    await rm(root, { recursive: true, force: true });
  });

  it('a relay refused for good is bounced, with the reason, and listed by --status failed', async () => {
    server = await startServeProcess(data, { env });
    const [reply] = await sendWithSmtplib({
      host: '127.0.0.1',
      port: server.submissionPort,
      caFile: join(data, 'certs', 'ca.pem'),
      user: 'mario@pec.example.it',
      password,
      messages: [
        { from: 'mario@pec.example.it', to: ['someone@gmail.example'], subject: 'Prova', body: 'Ciao\n' },
      ],
    });
    assert.equal(reply?.code, 250, reply?.text);

    let relay: Record<string, unknown> | undefined;
    for (let attempt = 0; attempt < 60 && relay?.['status'] !== 'done'; attempt += 1) {
      const ctx = await openProvider({ dataDir: data });
      try {
        const [job] = await ctx.storage.queue.list({ kind: 'relay-envelope', status: 'done' });
        if (job !== undefined) relay = { status: job.status };
      } finally {
        await ctx.close();
      }
      if (relay === undefined) await delay(500);
    }
    assert.equal(await server.stop(), 0, server.output());
    server = undefined;

    const all = JSON.parse(await pecOk(['queue', 'list', '--all', '--json', '--data', data], env)) as Record<
      string,
      unknown
    >[];
    const job = all.find((j) => j['kind'] === 'relay-envelope');
    assert.ok(job !== undefined, JSON.stringify(all));
    assert.equal(job['status'], 'done');
    assert.equal(job['outcome'], 'bounced');
    assert.match(String(job['lastError']), /someone@gmail\.example: .*550.*no such user here/);
    assert.match(String(job['outcomeDetail']), /^DSN to mario@pec\.example\.it; /);

    // The client's Message-ID, as the mail client knows the message: status and the whole log.
    const identifier = /Accepted as PEC message ([^\s;]+)/.exec(reply.text)?.[1] ?? '';
    const ctx = await openProvider({ dataDir: data });
    const entries = await searchLog(ctx.storage, { msgid: identifier }).finally(() => ctx.close());
    const clientId = entries.flatMap((e) => e.relatedMsgids).find((id) => id.endsWith('@client.example'));
    assert.ok(clientId !== undefined, `${reply.text}: ${JSON.stringify(entries)}`);
    const [status, log] = await Promise.all([
      pecOk(['message', 'status', `<${clientId}>`, '--json', '--data', data], env),
      pecOk(['log', 'search', '--msgid', clientId, '--json', '--data', data], env),
    ]);
    assert.match(status, new RegExp(identifier.replace(/\W/g, '\\$&')));
    assert.match(status, /someone@gmail\.example/);
    const events = (JSON.parse(log) as { eventType: string }[]).map((e) => e.eventType);
    assert.ok(events.includes('pec.envelope.relay-failed'), events.join(' '));

    const failed = await pecOk(['queue', 'list', '--status', 'failed', '--data', data], env);
    assert.match(
      failed,
      new RegExp(`^${String(job['id'])}  done  relay-envelope .*\\n  ended: bounced: DSN to`, 'm'),
    );
  });
});
