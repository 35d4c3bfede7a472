/**
 * `pec serve [--data DIR]`: opens the provider in DIR, starts every listener and the outbox worker,
 * prints where it listens, and on SIGINT/SIGTERM stops taking mail, lets submissions in progress
 * answer and closes the storage (decision 0004). A second signal exits at once.
 */
import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { dataFolderLayout, resolveDataDir } from '../../config/data-folder-layout.ts';
import { openProvider } from '../../app/open-provider.ts';
import type { ProviderContext } from '../../app/provider-context.ts';
import type { ListenerAddress } from '../../app/serve.ts';
import { plannedListeners } from '../../app/planned-listeners.ts';
import { checkListenPorts } from './check-listen-ports.ts';
import { addPortOptions, portsFromOptions, type PortOptions } from './port-options.ts';

export interface DataOption {
  readonly data?: string;
}

/** The environment, read here only: the CLI is where it enters (decision 0001). */
export function cliEnvironment(): Readonly<Record<string, string | undefined>> {
  // eslint-disable-next-line no-restricted-properties -- the CLI passes the environment in
  return process.env;
}

/** The data folder of `--data`, else PEC_DATA, else ./data. */
export function dataDirOf(options: DataOption): string {
  return resolveDataDir({ flag: options.data, env: cliEnvironment(), cwd: process.cwd() });
}

const protocolNames: Record<ListenerAddress['protocol'], string> = {
  smtp: 'SMTP',
  imap: 'IMAP',
  pop3: 'POP3',
  http: 'HTTP',
};
const tlsNames: Record<ListenerAddress['tls'], string> = {
  starttls: 'STARTTLS then AUTH',
  implicit: 'implicit TLS',
  none: 'no TLS',
};

/** The MX (reception point, pec-spec §2.3): STARTTLS offered, plain accepted, no AUTH. */
const mxTls = 'STARTTLS offered, plain accepted, no AUTH';

/** One line per listener; tests and scripts read `listening <name> … on <host>:<port>`. */
export function describeListeners(addresses: readonly ListenerAddress[]): string {
  return addresses
    .map(
      (a) =>
        `pec: listening ${a.name} (${protocolNames[a.protocol]}, ${a.name === 'smtp' ? mxTls : tlsNames[a.tls]}) on ${a.host}:${a.port}\n`,
    )
    .join('');
}

/** Where the operator reads the HTTP listener's endpoints (`ports.http`). */
function describeHttp(addresses: readonly ListenerAddress[]): string {
  const http = addresses.find((a) => a.protocol === 'http');
  if (http === undefined) return '';
  const url = `http://${http.host.includes(':') ? `[${http.host}]` : http.host}:${http.port}`;
  return `pec: health ${url}/healthz, readiness ${url}/readyz, metrics ${url}/metrics\n`;
}

function waitForStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      // A second signal while closing: leave now; committed work is safe (decision 0004).
      const force = () => process.exit(130);
      process.once('SIGINT', force);
      process.once('SIGTERM', force);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * Serves an opened provider until SIGINT/SIGTERM; closes the context on the way out. `intro`
 * renders text printed once the listeners are up (with their real ports), before `ready`.
 */
export async function serveUntilStopped(
  ctx: ProviderContext,
  intro?: (addresses: readonly ListenerAddress[]) => string,
): Promise<void> {
  // Listening for signals before anything is printed: a supervisor may signal as soon as it reads `ready`.
  const stopSignal = waitForStopSignal();
  try {
    // The listeners, services and telemetry are loaded here, not when `pec` starts: other commands
    // never need them.
    const [{ createProviderServices, serveProvider }, { createPinoEventLog }, { createProviderTelemetry }] =
      await Promise.all([
        import('../../app/serve.ts'),
        import('../../telemetry/create-pino-event-log.ts'),
        import('../../telemetry/create-provider-telemetry.ts'),
      ]);
    // The event log: JSON lines on stderr (readable when stderr is a terminal), docs/logging.md.
    const telemetry = createProviderTelemetry({
      log: createPinoEventLog({ level: 'info' }),
      processMetrics: true,
    });
    const services = createProviderServices(ctx, { telemetry });
    // A scanner that cannot scan would refuse every submission: better not to start (decision 0005).
    const antivirus = await services.virusScanner.checkHealth();
    const running = await serveProvider(ctx, services);
    const { dataDir } = ctx.config;
    const ca = dataFolderLayout(dataDir).caCertFile;
    const hasCa = (await stat(ca).catch(() => undefined)) !== undefined;
    process.stdout.write(
      `pec: provider "${ctx.identity.name}" (${ctx.identity.domain}), data folder ${dataDir}\n` +
        describeListeners(running.addresses) +
        describeHttp(running.addresses) +
        `pec: antivirus: ${antivirus}\n` +
        (hasCa ? `pec: TLS certificates are issued by ${ca}; clients must trust it\n` : '') +
        (intro?.(running.addresses) ?? '') +
        'pec: ready (Ctrl-C stops)\n',
    );
    const signal = await stopSignal;
    process.stdout.write(`pec: ${signal}: stopping\n`);
    await running.close();
  } finally {
    await ctx.close();
  }
  process.stdout.write('pec: stopped\n');
}

/** What `pec serve` runs, for its help (and `pec start`'s). */
export const serveDescription =
  'Run the provider in the data folder: the reception point (MX, SMTP), SMTP submission, IMAP and ' +
  'POP3 (STARTTLS and implicit TLS), the HTTP listener (health, readiness, metrics), the delivery ' +
  'worker (queue and relay to other providers), and the background jobs (maintenance, revocation ' +
  'checks, log timestamping) the configuration enables';

export function registerServe(program: Command): void {
  const command = program
    .command('serve')
    .description(serveDescription)
    .option('--data <dir>', 'data folder (default: PEC_DATA, else ./data)');
  addPortOptions(command);
  command.action(async (options: DataOption & PortOptions) => {
    const dataDir = dataDirOf(options);
    const env = cliEnvironment();
    const ports = portsFromOptions(options);
    if (!(await checkListenPorts(await plannedListeners({ dataDir, env, ports })))) return;
    const ctx = await openProvider({ dataDir, env, overrides: { ports } });
    await serveUntilStopped(ctx);
  });
}
