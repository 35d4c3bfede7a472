/**
 * The plain-mail reference for the relay: a private Postfix instance (Debian's `postfix` package)
 * relaying to Postfix's own `smtp-sink`, fed the way the two-provider benchmark feeds provider A
 * (4 SMTP connections kept open, STARTTLS, the same 10 KB message, one recipient each). Measured:
 * messages per second from the first MAIL FROM to the sink's count reaching the burst, i.e. accepted,
 * queued (Postfix fsyncs every queue file), relayed and acknowledged by the sink. The relay leg is
 * plain SMTP (smtp-sink has no TLS). Skipped with one row saying why when Postfix is not installed or
 * this process cannot start it (it needs root for its `postfix` user). Bounded: 60 s in all.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { access, chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  openSmtpTranscript,
  type SmtpTranscript,
} from '../packages/server/src/protocols/smtp/testing/smtp-transcript.ts';
import { freePort } from '../packages/server/test/two-providers/provider-pair.ts';
import type { BenchRow } from './core-signing.bench.ts';

const run = promisify(execFile);
const postfixBin = '/usr/sbin/postfix';
const sinkBin = '/usr/sbin/smtp-sink';
const budgetMs = 60_000;
const hostname = 'relay.bench.localhost';

export const postfixRelayRowName =
  'Postfix relaying to smtp-sink, 1 recipient (plain-mail reference; 4 SMTP connections, STARTTLS)';

/** The same body as the two-provider benchmark's messages (10 KB of text). */
function message(sequence: number): string {
  const line = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.';
  return (
    `From: mittente@a.bench.localhost\r\nTo: destinatario@b.bench.localhost\r\nSubject: Bench ${sequence}\r\n` +
    `Message-ID: <bench-postfix-${sequence}@client.example>\r\nDate: ${new Date().toUTCString()}\r\n` +
    'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n' +
    `${line}\r\n`.repeat(128)
  );
}

function mainCf(dir: string, sinkPort: number): string {
  return [
    'compatibility_level = 3.6',
    `queue_directory = ${join(dir, 'queue')}`,
    `data_directory = ${join(dir, 'data')}`,
    'mail_owner = postfix',
    'setgid_group = postdrop',
    'command_directory = /usr/sbin',
    'daemon_directory = /usr/lib/postfix/sbin',
    'meta_directory = /etc/postfix',
    'shlib_directory = /usr/lib/postfix',
    'inet_interfaces = 127.0.0.1',
    'inet_protocols = ipv4',
    `myhostname = ${hostname}`,
    'mydestination =',
    'local_transport = error:local delivery disabled',
    'mynetworks = 127.0.0.0/8',
    `relayhost = [127.0.0.1]:${sinkPort}`,
    'smtpd_relay_restrictions = permit_mynetworks, reject',
    `maillog_file = ${join(dir, 'maillog')}`,
    // Postfix refuses a log file outside these prefixes (/var and /dev/stdout by default).
    `maillog_file_prefixes = ${dir}`,
    'alias_maps =',
    'alias_database =',
    'smtputf8_enable = no',
    'smtpd_tls_security_level = may',
    `smtpd_tls_chain_files = ${join(dir, 'key.pem')}, ${join(dir, 'cert.pem')}`,
    'smtp_tls_security_level = none',
    // As many parallel deliveries to the sink as our relay keeps connections per destination.
    'default_destination_concurrency_limit = 16',
    '',
  ].join('\n');
}

/** Only the services a relay needs, none chrooted (the instance lives in a temporary folder). */
function masterCf(port: number): string {
  return [
    `127.0.0.1:${port} inet n - n - - smtpd`,
    'pickup unix n - n 60 1 pickup',
    'cleanup unix n - n - 0 cleanup',
    'qmgr unix n - n 300 1 qmgr',
    'tlsmgr unix - - n 1000? 1 tlsmgr',
    'rewrite unix - - n - - trivial-rewrite',
    'bounce unix - - n - 0 bounce',
    'defer unix - - n - 0 bounce',
    'trace unix - - n - 0 bounce',
    'verify unix - - n - 1 verify',
    'flush unix n - n 1000? 0 flush',
    'proxymap unix - - n - - proxymap',
    'smtp unix - - n - - smtp',
    'relay unix - - n - - smtp',
    'showq unix n - n - - showq',
    'error unix - - n - - error',
    'retry unix - - n - - error',
    'discard unix - - n - - discard',
    'anvil unix - - n - 1 anvil',
    'scache unix - - n - 1 scache',
    'postlog unix-dgram n - n - 1 postlogd',
    '',
  ].join('\n');
}

/** Why this machine cannot run the reference, or undefined when it can. */
async function unavailable(): Promise<string | undefined> {
  try {
    await access(postfixBin);
    await access(sinkBin);
  } catch {
    return 'Postfix is not installed (Debian package `postfix`)';
  }
  if (userInfo().uid !== 0) return 'a private Postfix instance needs root (its `postfix` user)';
  try {
    await run('id', ['postfix']);
  } catch {
    return 'the `postfix` user does not exist';
  }
  return undefined;
}

async function waitFor(
  check: () => Promise<boolean> | boolean,
  deadline: number,
  what: string,
): Promise<void> {
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** smtp-sink's `-c` counters ("sess=N quit=N mesg=N", rewritten in place): the last message count. */
function sinkCount(output: string): number {
  const all = [...output.matchAll(/mesg=(\d+)/g)];
  return Number(all.at(-1)?.[1] ?? 0);
}

export async function benchPostfixRelay(
  options: { messages?: number; connections?: number } = {},
): Promise<BenchRow[]> {
  const why = await unavailable();
  if (why !== undefined) {
    return [
      { name: `${postfixRelayRowName}: skipped, ${why}`, value: Number.NaN, unit: 'msg/s', ratio: '—' },
    ];
  }
  const count = options.messages ?? 400;
  const connections = options.connections ?? 4;
  const deadline = Date.now() + budgetMs;
  const dir = await mkdtemp(join(tmpdir(), 'pec-bench-postfix-'));
  const etc = join(dir, 'etc');
  let sink: ChildProcess | undefined;
  let started = false;
  try {
    // mkdtemp makes the folder 0700: Postfix's own user must reach the queue and data folders inside.
    await chmod(dir, 0o755);
    await mkdir(etc);
    await mkdir(join(dir, 'queue'), { mode: 0o755 });
    await mkdir(join(dir, 'data'));
    const { uid, gid } = await postfixIds();
    await chown(join(dir, 'data'), uid, gid);
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      `/CN=${hostname}`,
      '-days',
      '2',
      '-addext',
      `subjectAltName=DNS:${hostname}`,
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ]);
    const ca = await readFile(join(dir, 'cert.pem'), 'utf8');
    const [sinkPort, port] = [await freePort(), await freePort()];
    await writeFile(join(etc, 'main.cf'), mainCf(dir, sinkPort));
    await writeFile(join(etc, 'master.cf'), masterCf(port));

    let sinkOutput = '';
    sink = spawn(sinkBin, ['-c', '-u', 'postfix', `127.0.0.1:${sinkPort}`, '256'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    sink.stdout?.on('data', (chunk: Buffer) => {
      sinkOutput = (sinkOutput + chunk.toString('latin1')).slice(-4096);
    });
    try {
      await run(postfixBin, ['-c', etc, 'check']);
      await run(postfixBin, ['-c', etc, 'start']);
    } catch (error) {
      // Postfix reports into its log file, not on stderr.
      const log = await readFile(join(dir, 'maillog'), 'utf8').catch(() => '');
      const last = log.trim().split('\n').at(-1) ?? '';
      return [skipped(`Postfix did not start (${last === '' ? String(error) : last})`)];
    }
    started = true;
    const sessions: SmtpTranscript[] = [];
    await waitFor(
      async () => {
        try {
          sessions.push(await session(port, ca));
          return true;
        } catch {
          return false;
        }
      },
      deadline,
      'Postfix to accept connections',
    );
    for (let i = 1; i < connections; i++) sessions.push(await session(port, ca));

    // Warm-up: the first deliveries start the smtp and cleanup processes.
    await submit(sessions, 0, connections);
    await waitFor(() => sinkCount(sinkOutput) >= connections, deadline, 'the warm-up at the sink');
    const before = sinkCount(sinkOutput);
    const start = Date.now();
    await submit(sessions, connections, count);
    const accepted = Date.now();
    await waitFor(() => sinkCount(sinkOutput) >= before + count, deadline, 'the burst at the sink');
    const end = Date.now();
    await Promise.all(sessions.map((t) => t.close()));
    return [
      {
        name: `${postfixRelayRowName}: accepted (burst of ${count})`,
        value: count / ((accepted - start) / 1000),
        unit: 'msg/s',
        ratio: '—',
      },
      {
        name: `${postfixRelayRowName}: relayed to the sink (burst of ${count})`,
        value: count / ((end - start) / 1000),
        unit: 'msg/s',
        ratio: 'reference for the relay rows',
      },
    ];
  } finally {
    if (started) await run(postfixBin, ['-c', etc, 'stop']).catch(() => undefined);
    sink?.kill();
    await rm(dir, { recursive: true, force: true });
  }
}

function skipped(why: string): BenchRow {
  return { name: `${postfixRelayRowName}: skipped, ${why}`, value: Number.NaN, unit: 'msg/s', ratio: '—' };
}

async function postfixIds(): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([run('id', ['-u', 'postfix']), run('id', ['-g', 'postfix'])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

async function session(port: number, ca: string): Promise<SmtpTranscript> {
  const t = await openSmtpTranscript({
    host: '127.0.0.1',
    port,
    ca,
    servername: hostname,
    timeoutMs: 30_000,
  });
  await t.expect(220);
  await t.send('EHLO bench.client', 250);
  await t.startTls();
  await t.send('EHLO bench.client', 250);
  return t;
}

async function submit(sessions: readonly SmtpTranscript[], first: number, count: number): Promise<void> {
  let next = 0;
  await Promise.all(
    sessions.map(async (t) => {
      while (next < count) {
        const sequence = first + next++;
        await t.send('MAIL FROM:<mittente@a.bench.localhost>', 250);
        await t.send('RCPT TO:<destinatario@b.bench.localhost>', 250);
        await t.send('DATA', 354);
        t.write(`${message(sequence)}.\r\n`);
        await t.expect(250);
      }
    }),
  );
}
