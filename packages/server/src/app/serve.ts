/**
 * The composition root's second half: from a ProviderContext to a running provider. Builds the
 * services of issue 3 (access point with the configured virus scanner, authenticator recording the
 * access history, outbox worker with the local delivery point) and starts the SMTP submission
 * listeners (pec-spec §2.2, §8.6), the MX of the reception point (pec-spec §2.3) and the worker;
 * `close()` stops taking mail first, lets submissions in progress answer, then stops the worker
 * (decision 0004).
 */
import { hostname as osHostname } from 'node:os';
import { createVirusScanner } from '../antivirus/create-virus-scanner.ts';
import type { ConfiguredVirusScanner } from '../antivirus/create-virus-scanner.ts';
import {
  createExchangeServer,
  type ExchangeServer,
} from '../protocols/smtp/exchange/create-exchange-server.ts';
import { createSubmissionServer } from '../protocols/smtp/submission/create-submission-server.ts';
import type {
  SubmissionEndpoint,
  SubmissionLogger,
  SubmissionServer,
} from '../protocols/smtp/submission/create-submission-server.ts';
import { createAccessHistory } from '../services/access-history/create-access-history.ts';
import type { Authenticator } from '../services/accounts/authenticator.ts';
import { createAuthenticator } from '../services/accounts/create-authenticator.ts';
import type { AccessPoint } from '../services/pipeline/access-point/access-point.ts';
import { createAccessPoint } from '../services/pipeline/access-point/create-access-point.ts';
import { createDeliverEnvelopeHandler } from '../services/pipeline/delivery-point/create-deliver-envelope-handler.ts';
import { createOutboxWorker } from '../services/pipeline/outbox/create-outbox-worker.ts';
import type { OutboxWorker } from '../services/pipeline/outbox/create-outbox-worker.ts';
import { envelopeJobKinds } from '../services/pipeline/outbox/envelope-jobs.ts';
import { createReceptionPoint } from '../services/pipeline/reception-point/create-reception-point.ts';
import type { ReceptionPoint } from '../services/pipeline/reception-point/reception-point.ts';
import { openQuarantineStore, type QuarantineStore } from '../services/quarantine/open-quarantine-store.ts';
import { createTimeoutSweeper } from '../services/lifecycle/create-timeout-sweeper.ts';
import { createIndexRefresher } from '../services/provider-directory/create-index-refresher.ts';
import type { PortsConfig } from '../config/config-schema.ts';
import { createConfiguredLogTimestamper } from './create-configured-log-timestamper.ts';
import { createConfiguredRevocation } from './create-configured-revocation.ts';
import { createProviderRelayHandlers } from './create-provider-relay.ts';
import type { ProviderContext } from './provider-context.ts';
import { startMailboxAccess } from './start-mailbox-access.ts';

/** What runs in the background; the outbox worker is one. */
export interface BackgroundWorker {
  start(): void;
  stop(): Promise<void>;
}

export interface ProviderServices {
  readonly accessPoint: AccessPoint;
  readonly authenticator: Authenticator;
  readonly worker: BackgroundWorker;
  /** The 12 h / 24 h timeout notices (pec-spec §3.7, §6.3), when built. */
  readonly timeoutSweeper?: BackgroundWorker;
  /** Keeps the live providers' index current (pec-spec §7.3), when the context has a directory. */
  readonly indexRefresher?: BackgroundWorker;
  /** The daily RFC 3161 seal of the log register (pec-spec §6.4), when a TSA is configured. */
  readonly logTimestamper?: BackgroundWorker;
  /** The reception point (pec-spec §2.3); with it `serveProvider` also opens the MX port (`ports.smtp`). */
  readonly receptionPoint?: ReceptionPoint;
}

/** One listening socket, named after its configuration port (`ports.<name>`). */
export interface ListenerAddress {
  readonly name: keyof PortsConfig;
  readonly protocol: 'smtp' | 'imap' | 'pop3' | 'http';
  /** `starttls`: plain until the client upgrades; `implicit`: TLS from the first byte. */
  readonly tls: 'starttls' | 'implicit' | 'none';
  readonly host: string;
  readonly port: number;
}

export interface RunningProvider {
  readonly addresses: readonly ListenerAddress[];
  /** Graceful stop; idempotent. Does not close the ProviderContext (its opener does). */
  close(): Promise<void>;
}

export interface ServeOptions {
  /** Default: errors to stderr. */
  readonly log?: SubmissionLogger;
  /** How long closing waits for open SMTP sessions. Default 5000 ms. */
  readonly closeTimeoutMs?: number;
}

export interface ProviderServicesOptions {
  /** Default: the scanner the `antivirus` settings name (`none` scans nothing: development only). */
  readonly virusScanner?: ConfiguredVirusScanner;
  /** Outbox poll interval when idle; submissions wake the worker at once. Default 1000 ms. */
  readonly pollMs?: number;
  /** Outbox lease; a job whose worker died is re-run after it. Default 60 s. */
  readonly leaseMs?: number;
  /** Failures of outbox jobs. Default: stderr. */
  readonly onWorkerError?: (error: unknown) => void;
  /** Pause between timeout sweeps. Default 60 000 ms (the final notice is planned two sweeps early). */
  readonly timeoutSweepMs?: number;
}

const stderrLog: SubmissionLogger = {
  info: () => undefined,
  error: (message, error) => {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`pec: ${message}: ${detail}\n`);
  },
};

/** The services of this issue wired to one another: a submission wakes the outbox worker. */
export function createProviderServices(
  ctx: ProviderContext,
  options: ProviderServicesOptions = {},
): ProviderServices & { readonly worker: OutboxWorker; readonly virusScanner: ConfiguredVirusScanner } {
  const virusScanner = options.virusScanner ?? createVirusScanner(ctx.config.config.antivirus);
  const onWorkerError =
    options.onWorkerError ??
    ((error: unknown) => {
      stderrLog.error('outbox job failed', error);
    });
  const worker = createOutboxWorker(
    { storage: ctx.storage, clock: ctx.clock },
    {
      [envelopeJobKinds.deliver]: createDeliverEnvelopeHandler(ctx),
      // relay-envelope and relay-message: other providers and the Internet (decision 0006).
      ...createProviderRelayHandlers(ctx, { leaseMs: options.leaseMs ?? 60_000 }),
    },
    {
      owner: `${osHostname()}:${process.pid}`,
      leaseMs: options.leaseMs ?? 60_000,
      pollMs: options.pollMs ?? 1000,
      onError: onWorkerError,
    },
  );
  // The quarantine (pec-spec §2.1, 30 months) opens with the first infected message.
  let quarantine: Promise<QuarantineStore> | undefined;
  const quarantineWriter: Pick<QuarantineStore, 'put'> = {
    put: async (bytes, detection) => {
      quarantine ??= openQuarantineStore({
        dir: ctx.config.config.storage.quarantineDir,
        retentionMonths: ctx.config.config.retention.quarantineMonths,
        clock: ctx.clock,
      });
      return (await quarantine).put(bytes, detection);
    },
  };
  const accessPoint = createAccessPoint(ctx, {
    virusScanner,
    quarantine: quarantineWriter,
    onQueued: () => {
      worker.wake();
    },
  });
  // Every login attempt goes to the holder's access history.
  const history = createAccessHistory({ log: ctx.storage.accessLog, accounts: ctx.storage.accounts });
  const authenticator = createAuthenticator({
    accounts: ctx.storage.accounts,
    clock: ctx.clock,
    onLogin: history.recordLogin,
  });
  const timeoutSweeper = createTimeoutSweeper(ctx, {
    ...(options.timeoutSweepMs === undefined ? {} : { intervalMs: options.timeoutSweepMs }),
    onError: (error) => {
      stderrLog.error('timeout notice failed', error);
    },
  });
  const indexRefresher = ctx.directory === undefined ? undefined : createIndexRefresher(ctx, ctx.directory);
  // pec-spec §8.4 step 4: signer revocation at the MX (decision 0009).
  const revocation = createConfiguredRevocation(ctx.config.config.revocation, ctx.clock, (message) => {
    process.stderr.write(`pec: ${message}\n`);
  });
  const receptionPoint = createReceptionPoint(ctx, {
    virusScanner,
    quarantine: quarantineWriter,
    ...(revocation === undefined ? {} : { revocation }),
    onQueued: () => {
      worker.wake();
    },
  });
  const logTimestamper = createConfiguredLogTimestamper(
    ctx.config.config.logTimestamp,
    { timestamps: ctx.storage.logTimestamps, clock: ctx.clock },
    (error) => {
      stderrLog.error('daily log time stamp failed', error);
    },
  );
  return {
    accessPoint,
    authenticator,
    worker,
    virusScanner,
    timeoutSweeper,
    ...(indexRefresher === undefined ? {} : { indexRefresher }),
    ...(logTimestamper === undefined ? {} : { logTimestamper }),
    receptionPoint,
  };
}

function toListenerAddress(endpoint: SubmissionEndpoint): ListenerAddress {
  return endpoint.kind === 'starttls'
    ? { name: 'submission', protocol: 'smtp', tls: 'starttls', host: endpoint.host, port: endpoint.port }
    : { name: 'submissions', protocol: 'smtp', tls: 'implicit', host: endpoint.host, port: endpoint.port };
}

/** Starts every listener of this provider and the background worker. */
export async function serveProvider(
  ctx: ProviderContext,
  services: ProviderServices,
  options: ServeOptions = {},
): Promise<RunningProvider> {
  const { config } = ctx.config;
  const submission: SubmissionServer = createSubmissionServer(
    { accessPoint: services.accessPoint, authenticator: services.authenticator },
    {
      host: config.listen.host,
      starttlsPort: config.ports.submission,
      implicitTlsPort: config.ports.submissions,
      hostname: config.provider.hostname,
      providerName: ctx.identity.name,
      tls: { cert: ctx.tls.cert, key: ctx.tls.key, minVersion: config.tls.minVersion },
      maxMessageBytes: config.limits.maxMessageBytes,
      log: options.log ?? stderrLog,
      ...(options.closeTimeoutMs === undefined ? {} : { closeTimeoutMs: options.closeTimeoutMs }),
    },
  );
  const endpoints = await submission.listen();
  // The MX (pec-spec §2.3, §8.6): STARTTLS offered, plain accepted, no AUTH.
  const exchange: ExchangeServer | undefined =
    services.receptionPoint === undefined
      ? undefined
      : createExchangeServer(services.receptionPoint, {
          host: config.listen.host,
          port: config.ports.smtp,
          hostname: config.provider.hostname,
          providerName: ctx.identity.name,
          tls: { cert: ctx.tls.cert, key: ctx.tls.key, minVersion: config.tls.minVersion },
          maxMessageBytes: config.limits.maxMessageBytes,
          limits: config.limits,
          log: options.log ?? stderrLog,
          ...(options.closeTimeoutMs === undefined ? {} : { closeTimeoutMs: options.closeTimeoutMs }),
        });
  const mx = await exchange?.listen().catch(async (error: unknown) => {
    await submission.close();
    throw error;
  });
  // IMAP and POP3 for the holders' clients (issue 5).
  const access = await startMailboxAccess(ctx, services.authenticator).catch(async (error: unknown) => {
    await Promise.all([submission.close(), exchange?.close()]);
    throw error;
  });
  // Jobs left by an earlier run (even one killed with -9) are resumed from here (decision 0004).
  services.worker.start();
  services.timeoutSweeper?.start();
  services.indexRefresher?.start();
  services.logTimestamper?.start();
  let closed: Promise<void> | undefined;
  return {
    addresses: [
      ...endpoints.map(toListenerAddress),
      ...(mx === undefined
        ? []
        : [{ name: 'smtp', protocol: 'smtp', tls: 'starttls', host: mx.host, port: mx.port } as const]),
      ...access.addresses,
    ],
    close() {
      closed ??= (async () => {
        try {
          await Promise.all([submission.close(), exchange?.close(), access.close()]);
        } finally {
          await Promise.all([
            services.worker.stop(),
            services.timeoutSweeper?.stop(),
            services.indexRefresher?.stop(),
            services.logTimestamper?.stop(),
          ]);
        }
      })();
      return closed;
    },
  };
}
