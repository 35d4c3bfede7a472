/**
 * Test-only: two independent providers on loopback, set up as two real gestori would be: each its
 * own data folder, domain, development PKI and `pec serve` process; each imports the other's index
 * record (one signed `.p7m`, one plain LDIF, pec-spec §7.3), trusts the other's CA for the relay's
 * TLS (`relay.tlsCaFiles`, pec-spec §8.6) and routes the other's domain to its MX with
 * `pec route add`. The MX ports are fixed so that a stopped provider comes back on the same port.
 */
import { writeFile, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { openProvider } from '../../src/app/open-provider.ts';
import type { ProviderContext } from '../../src/app/provider-context.ts';
import { createAccountService } from '../../src/services/accounts/create-account-service.ts';
import { pecOk } from '../e2e/run-pec.ts';
import { startServeProcess, type ServeProcess, type ServeProcessOptions } from '../e2e/serve-process.ts';

export interface ProviderSpec {
  /** Short name used for folders and messages, e.g. `a`. */
  readonly key: string;
  readonly domain: string;
  readonly name: string;
  /** Mailboxes created before the first start: address → password. */
  readonly mailboxes: Readonly<Record<string, string>>;
  /**
   * Top-level sections merged over pec.config.json after `pec init` and the pair's relay settings, key by
   * key within each section, e.g. `{ antivirus: {…} }`.
   */
  readonly config?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /**
   * Variables added to the environment of every `pec` command, `pec serve` and the in-process context
   * of this provider, e.g. `PEC_STORAGE=postgres` with its `PEC_POSTGRES_URL` (one database each).
   */
  readonly env?: Readonly<Record<string, string>>;
}

/** The environment of `spec`'s commands and processes: ours, with its variables over it. */
const envOf = (spec: ProviderSpec): NodeJS.ProcessEnv => ({ ...process.env, ...spec.env });

export interface ExtraRoute {
  readonly domain: string;
  readonly host: string;
  readonly port: number;
  readonly tls?: 'required' | 'opportunistic' | 'none';
}

export interface PairProvider {
  readonly spec: ProviderSpec;
  readonly domain: string;
  readonly dataDir: string;
  /** DIR/certs/ca.pem: issues both its TLS and its signing certificate. */
  readonly caFile: string;
  /** The reception point's port (ports.smtp), the same across restarts. */
  readonly mxPort: number;
  /** `posta-certificata@<domain>`, the mailReceipt (service mailbox). */
  readonly serviceAddress: string;
  /** An in-process context on the same data folder, for reading what the process did. */
  readonly ctx: ProviderContext;
  /** The submission port of the running process. */
  submissionPort(): number;
  /** The HTTP port (webmail and API) of the running process. */
  httpPort(): number;
  /** The process id of the running `pec serve`. */
  pid(): number;
  isRunning(): boolean;
  /** `pec serve`, waiting for `pec: ready`. */
  start(): Promise<void>;
  /** SIGTERM; fails unless the process exits 0. */
  stop(): Promise<void>;
  /** SIGKILL. */
  kill9(): Promise<void>;
  /** Everything the current (or last) process printed. */
  output(): string;
  /** `pec ARGS --data DIR`, failing unless it exits 0; returns stdout. */
  pec(args: readonly string[]): Promise<string>;
}

/** A loopback port that was free a moment ago (the MX must keep it across restarts). */
export function freePort(): Promise<number> {
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

const otherPorts = ['submission', 'submissions', 'imap', 'imaps', 'pop3', 'pop3s', 'http'].flatMap((name) => [
  `--${name}-port`,
  '0',
]);

/** Merges top-level sections over DIR/pec.config.json (what an operator edits by hand). */
export async function mergeConfig(
  dataDir: string,
  sections: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
): Promise<void> {
  const file = join(dataDir, 'pec.config.json');
  const config = JSON.parse(await readFile(file, 'utf8')) as Record<string, Record<string, unknown>>;
  for (const [name, values] of Object.entries(sections)) config[name] = { ...config[name], ...values };
  await writeFile(file, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
}

async function initOne(work: string, spec: ProviderSpec, mxPort: number): Promise<string> {
  const dataDir = join(work, spec.key);
  await pecOk(
    [
      'init',
      '--domain',
      spec.domain,
      '--provider-name',
      spec.name,
      '--data',
      dataDir,
      '--smtp-port',
      String(mxPort),
      ...otherPorts,
    ],
    envOf(spec),
  );
  return dataDir;
}

async function createMailboxes(ctx: ProviderContext, spec: ProviderSpec): Promise<void> {
  const accounts = createAccountService({ storage: ctx.storage, clock: ctx.clock });
  for (const [address, password] of Object.entries(spec.mailboxes)) {
    await accounts.createMailbox({ address, password });
  }
}

function pairProvider(
  spec: ProviderSpec,
  dataDir: string,
  mxPort: number,
  ctx: ProviderContext,
  serveOptions: ServeProcessOptions,
): PairProvider {
  let serving: ServeProcess | undefined;
  let lastOutput = '';
  const pec = (args: readonly string[]) => pecOk([...args, '--data', dataDir], envOf(spec));
  const serve: ServeProcessOptions = { ...serveOptions, env: { ...serveOptions.env, ...envOf(spec) } };
  return {
    spec,
    domain: spec.domain,
    dataDir,
    caFile: join(dataDir, 'certs', 'ca.pem'),
    mxPort,
    serviceAddress: `posta-certificata@${spec.domain}`,
    ctx,
    submissionPort() {
      if (serving === undefined) throw new Error(`${spec.key} is not running`);
      return serving.submissionPort;
    },
    httpPort() {
      const port = serving?.ports['http'];
      if (port === undefined) throw new Error(`${spec.key} is not serving HTTP`);
      return port;
    },
    pid() {
      if (serving === undefined) throw new Error(`${spec.key} is not running`);
      return serving.pid;
    },
    isRunning: () => serving !== undefined,
    async start() {
      if (serving !== undefined) throw new Error(`${spec.key} is already running`);
      serving = await startServeProcess(dataDir, serve);
    },
    async stop() {
      const running = serving;
      if (running === undefined) return;
      serving = undefined;
      const code = await running.stop();
      lastOutput = running.output();
      if (code !== 0) throw new Error(`pec serve ${spec.key} exited ${code}:\n${lastOutput}`);
    },
    async kill9() {
      const running = serving;
      if (running === undefined) return;
      serving = undefined;
      await running.kill9();
      lastOutput = running.output();
    },
    output: () => serving?.output() ?? lastOutput,
    pec,
  };
}

export interface ProviderPairOptions {
  /** Static routes added to both providers besides the route to each other. */
  readonly extraRoutes?: readonly ExtraRoute[];
  /** Start both `pec serve` processes (default true). */
  readonly start?: boolean;
  /** How each `pec serve` is started, e.g. Node flags (`nodeArgs`) or a longer ready timeout. */
  readonly serve?: ServeProcessOptions;
}

/**
 * Initialises, cross-registers and (by default) starts both providers under `work`. The relay gets
 * DNS off (static routes only) and one-to-two-second retries, so a peer that comes back is reached
 * quickly.
 */
export async function setUpProviderPair(
  work: string,
  specs: readonly [ProviderSpec, ProviderSpec],
  options: ProviderPairOptions = {},
): Promise<readonly [PairProvider, PairProvider]> {
  const ports = [await freePort(), await freePort()] as const;
  const dirs = await Promise.all(specs.map((spec, i) => initOne(work, spec, ports[i] ?? 0)));
  const [dirA, dirB] = [dirs[0] ?? '', dirs[1] ?? ''];
  const peerOf = [dirB, dirA];
  await Promise.all(
    specs.map(async (spec, i) => {
      const dir = dirs[i] ?? '';
      await mergeConfig(dir, {
        relay: {
          tlsCaFiles: [join(peerOf[i] ?? '', 'certs', 'ca.pem')],
          dns: false,
          retryBaseSeconds: 1,
          retryMaxSeconds: 2,
        },
      });
      // Merged section by section over the pair's: a spec's `relay` settings keep the relay's route and trust.
      if (spec.config !== undefined) await mergeConfig(dir, spec.config);
    }),
  );
  // The first publishes its record signed (pec-spec §7.3), the second as plain LDIF.
  const recordA = join(work, `${specs[0].key}-index.p7m`);
  const recordB = join(work, `${specs[1].key}-index.ldif`);
  await Promise.all([
    pecOk(['index', 'export', '--signed', '--out', recordA, '--data', dirA], envOf(specs[0])),
    pecOk(['index', 'export', '--out', recordB, '--data', dirB], envOf(specs[1])),
  ]);
  const routeCommands = (dir: string, peer: ProviderSpec, peerPort: number) => [
    ['route', 'add', peer.domain, `127.0.0.1:${peerPort}`, '--data', dir],
    ...(options.extraRoutes ?? []).map((r) => [
      'route',
      'add',
      r.domain,
      `${r.host}:${r.port}`,
      ...(r.tls === undefined ? [] : ['--tls', r.tls]),
      '--data',
      dir,
    ]),
  ];
  await Promise.all([
    (async () => {
      await pecOk(['index', 'import', recordB, '--data', dirA], envOf(specs[0]));
      for (const command of routeCommands(dirA, specs[1], ports[1])) await pecOk(command, envOf(specs[0]));
    })(),
    (async () => {
      await pecOk(['index', 'import', recordA, '--data', dirB], envOf(specs[1]));
      for (const command of routeCommands(dirB, specs[0], ports[0])) await pecOk(command, envOf(specs[1]));
    })(),
  ]);
  const contexts = await Promise.all(
    dirs.map((dataDir, i) => openProvider({ dataDir, env: envOf(specs[i] ?? specs[0]) })),
  );
  const providers = specs.map((spec, i) => {
    const ctx = contexts[i];
    if (ctx === undefined) throw new Error('no context');
    return pairProvider(spec, dirs[i] ?? '', ports[i] ?? 0, ctx, options.serve ?? {});
  });
  const [a, b] = providers;
  if (a === undefined || b === undefined) throw new Error('two providers expected');
  await Promise.all(providers.map((p) => createMailboxes(p.ctx, p.spec)));
  if (options.start !== false) await Promise.all([a.start(), b.start()]);
  return [a, b];
}

/** Stops both (gracefully when still running) and closes the in-process contexts. */
export async function tearDownProviderPair(pair: readonly PairProvider[] | undefined): Promise<void> {
  if (pair === undefined) return;
  await Promise.allSettled(pair.map((p) => p.stop().catch(() => p.kill9())));
  await Promise.allSettled(pair.map((p) => p.ctx.close()));
}
