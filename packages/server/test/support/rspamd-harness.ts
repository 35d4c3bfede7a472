/**
 * A private rspamd for tests (Debian's rspamd 3.x, decision 0034): a throwaway local configuration
 * in a temporary folder over the packaged /etc/rspamd/rspamd.conf, one normal worker on a free
 * loopback port, no controller, proxy or fuzzy worker, no redis, and every module that would ask the
 * network (DNS lists, fuzzy servers, SPF/DKIM/DMARC, map downloads) switched off. GTUBE is built
 * into rspamd and needs none of them. rspamd compiles its regular expressions with Hyperscan at
 * start (a minute on a busy machine, the first time); the compiled databases are kept in a cache
 * folder shared by every run of this user (keyed by content), so later starts take seconds.
 * Tests skip with `rspamdSkipReason()` when /usr/bin/rspamd is not installed (package rspamd).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export const rspamdPath = '/usr/bin/rspamd';

/** The GTUBE line (rspamd's built-in test pattern); assembled here so that this file is not spam. */
export const gtube = ['XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE', 'STANDARD-ANTI-UBE-TEST-EMAIL*C.34X'].join('-');

export interface RspamdHarness {
  /** The normal worker, e.g. http://127.0.0.1:40123. */
  readonly url: string;
  readonly dir: string;
  /** From spawn to the first answer of /ping. */
  readonly startupMs: number;
  /** SIGTERM, wait for exit, remove the folder; idempotent. */
  stop(): Promise<void>;
}

/** Why rspamd tests cannot run here, or undefined when they can. */
export function rspamdSkipReason(): string | undefined {
  try {
    accessSync(rspamdPath, constants.X_OK);
    return undefined;
  } catch {
    return `${rspamdPath} is not installed (apt-get install rspamd); the antispam tests need it`;
  }
}

/** Modules that reach the network or need redis: off, so that start-up and scans stay local. */
const offModules = [
  'antivirus',
  'arc',
  'asn',
  'bimi',
  'dcc',
  'dkim',
  'dkim_signing',
  'dmarc',
  'elastic',
  'emails',
  'external_services',
  'fuzzy_check',
  'greylist',
  'history_redis',
  'maillist',
  'metadata_exporter',
  'mx_check',
  'neural',
  'phishing',
  'ratelimit',
  'rbl',
  'replies',
  'reputation',
  'rspamd_update',
  'spamassassin',
  'spamtrap',
  'spf',
  'surbl',
  'url_redirector',
  'whitelist',
];

export async function startRspamd(
  options: { readonly startTimeoutMs?: number } = {},
): Promise<RspamdHarness> {
  const skip = rspamdSkipReason();
  if (skip !== undefined) throw new Error(skip);
  const dir = await mkdtemp(join(tmpdir(), 'pec-rspamd-'));
  const hsCache = join(tmpdir(), `pec-rspamd-hs-cache-${userInfo().username}`);
  await mkdir(hsCache, { recursive: true });
  for (const sub of ['local.d', 'override.d', 'db', 'run', 'log']) await mkdir(join(dir, sub));
  const port = await freeLoopbackPort();
  const files: Record<string, string> = {
    'override.d/worker-normal.inc': `bind_socket = "127.0.0.1:${String(port)}";\ncount = 1;\n`,
    'override.d/worker-controller.inc': 'enabled = false;\n',
    'override.d/worker-proxy.inc': 'enabled = false;\n',
    'override.d/worker-fuzzy.inc': 'enabled = false;\n',
    'override.d/logging.inc': 'type = "console";\nlevel = "warning";\n',
    'local.d/options.inc': `hs_cache_dir = "${hsCache}/";\n`,
    'local.d/redis.conf': '',
    ...Object.fromEntries(offModules.map((name) => [`local.d/${name}.conf`, 'enabled = false;\n'])),
  };
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);

  const root = process.getuid?.() === 0;
  const args = [
    '-f',
    '-i',
    ...(root ? ['-u', 'root', '-g', 'root'] : []),
    '-c',
    '/etc/rspamd/rspamd.conf',
    `--var=LOCAL_CONFDIR=${dir}`,
    `--var=DBDIR=${join(dir, 'db')}`,
    `--var=RUNDIR=${join(dir, 'run')}`,
    `--var=LOGDIR=${join(dir, 'log')}`,
  ];
  const started = performance.now();
  const child = spawn(rspamdPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', killOnExit);
    await stopProcess(child, exited);
    await rm(dir, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${String(port)}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 240_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(
        `rspamd exited (${String(child.exitCode ?? child.signalCode)}) before /ping:\n${output}`,
      );
    }
    if (await answersPing(url)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`rspamd did not answer /ping within the start timeout:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, dir, startupMs: performance.now() - started, stop };
}

async function answersPing(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/ping`, { signal: AbortSignal.timeout(1000) });
    return response.status === 200 && (await response.text()).startsWith('pong');
  } catch {
    return false;
  }
}

async function stopProcess(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}
