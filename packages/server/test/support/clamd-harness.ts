/**
 * A private clamd for tests: its own clamd.conf, TCP on a free loopback port plus a Unix socket, and
 * a database directory holding only a signature file written here that detects the EICAR test file
 * (signature downloads are impossible offline; production loads freshclam's databases). Tests skip
 * with `clamdSkipReason()` when clamd is not installed (Debian package clamav-daemon).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** Signature name in the test database; clamd reports it with `.UNOFFICIAL` appended. */
export const eicarSignatureName = 'Eicar-Test-Signature';

/**
 * The 68-byte EICAR anti-virus test file. Assembled at run time so that this source file does not
 * itself trip a scanner.
 */
export function eicarTestFile(): Buffer {
  return Buffer.from(
    ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-ANTIVIRUS', '-TEST-FILE!$H+H*'].join(''),
    'latin1',
  );
}

export interface ClamdHarness {
  readonly host: string;
  readonly port: number;
  /** clamd's LocalSocket. */
  readonly socket: string;
  readonly dir: string;
  /** From spawn to the first PONG. */
  readonly startupMs: number;
  readonly streamMaxLength: number;
  /** Sends a signal to clamd (SIGSTOP / SIGCONT simulate a hung daemon). */
  signal(signal: NodeJS.Signals): void;
  /** SIGTERM, wait for exit, remove the directory. */
  stop(): Promise<void>;
}

export interface ClamdHarnessOptions {
  /** clamd StreamMaxLength in bytes. Default 20 MiB. */
  readonly streamMaxLength?: number;
  /** clamd.conf settings that replace or add to the harness's, e.g. `{ MaxFileSize: '1M' }`. */
  readonly settings?: Readonly<Record<string, string>>;
  /** How long to wait for the first PONG. Default 60 s. */
  readonly startTimeoutMs?: number;
}

const sbinDirs = ['/usr/sbin', '/usr/local/sbin', '/sbin'];

/** The clamd executable: on PATH or in an sbin directory (often not on a user's PATH). */
export function findClamd(): string | undefined {
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter).filter((dir) => dir !== ''), ...sbinDirs];
  for (const dir of dirs) {
    const candidate = join(dir, 'clamd');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Why clamd tests cannot run here, or undefined when they can. */
export function clamdSkipReason(): string | undefined {
  return findClamd() === undefined
    ? 'clamd is not installed (apt-get install clamav-daemon); the clamd adapter tests need it'
    : undefined;
}

export async function startClamd(options: ClamdHarnessOptions = {}): Promise<ClamdHarness> {
  const clamd = findClamd();
  if (clamd === undefined) throw new Error(clamdSkipReason());
  // A free port can be taken between probing and clamd binding it: try again with another.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(clamd, options);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function startOnce(clamd: string, options: ClamdHarnessOptions): Promise<ClamdHarness> {
  const streamMaxLength = options.streamMaxLength ?? 20 * 1024 * 1024;
  const dir = await mkdtemp(join(tmpdir(), 'pec-clamd-'));
  const databaseDir = join(dir, 'db');
  const tempDir = join(dir, 'tmp');
  await mkdir(databaseDir);
  await mkdir(tempDir);
  // Extended signature format (.ndb): name:target type 0 (any file):any offset:hex body.
  await writeFile(
    join(databaseDir, 'eicar.ndb'),
    `${eicarSignatureName}:0:*:${eicarTestFile().toString('hex')}\n`,
  );
  const port = await freeLoopbackPort();
  const socket = join(dir, 'clamd.sock');
  const logFile = join(dir, 'clamd.log');
  const configFile = join(dir, 'clamd.conf');
  const settings: Record<string, string> = {
    Foreground: 'yes',
    TCPAddr: '127.0.0.1',
    TCPSocket: String(port),
    LocalSocket: socket,
    DatabaseDirectory: databaseDir,
    TemporaryDirectory: tempDir,
    LogFile: logFile,
    LogTime: 'yes',
    // As production should run: nothing in a message is silently left unscanned (docs/decisions/0005).
    StreamMaxLength: String(streamMaxLength),
    MaxFileSize: String(streamMaxLength),
    MaxScanSize: String(4 * streamMaxLength),
    AlertExceedsMax: 'yes',
    MaxThreads: '4',
    SelfCheck: '0',
    Bytecode: 'no',
    ...options.settings,
  };
  await writeFile(
    configFile,
    Object.entries(settings)
      .map(([name, value]) => `${name} ${value}\n`)
      .join(''),
  );

  const started = performance.now();
  const child = spawn(clamd, ['-c', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr = (stderr + text).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      resolve(code);
    }),
  );

  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    await stopProcess(child, exited);
    await rm(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const log = await readFile(logFile, 'utf8').catch(() => '');
      await stop();
      throw new Error(
        `clamd exited (${child.exitCode ?? child.signalCode}) before answering PING:\n${stderr}\n${log}`,
      );
    }
    if (await answersPing(port)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`clamd did not answer PING within the start timeout:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const startupMs = performance.now() - started;
  const signal = (name: NodeJS.Signals): void => {
    child.kill(name);
  };
  return { host: '127.0.0.1', port, socket, dir, startupMs, streamMaxLength, signal, stop };
}

async function stopProcess(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
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

/** A minimal `zPING`, independent of the adapter under test. */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => {
      done(false);
    });
    socket.on('connect', () => socket.write('zPING\0'));
    socket.on('data', (data: Buffer) => {
      reply += data.toString('latin1');
      if (reply.includes('\0')) done(reply.startsWith('PONG'));
    });
    socket.on('error', () => {
      done(false);
    });
    socket.on('close', () => {
      done(false);
    });
  });
}
