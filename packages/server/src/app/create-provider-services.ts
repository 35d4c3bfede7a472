/**
 * The composition root's services: from a ProviderContext to the services `serveProvider` runs.
 * Builds the access point with the configured virus scanner, the authenticator recording the
 * access history, the outbox worker with the local delivery point and the relay, the reception
 * point, the timers and the index refresher, wired to one another: a submission or a reception
 * wakes the outbox worker (decision 0004).
 */
import { createNewOriginNotice } from '../services/holder-notices/new-origin-notice.ts';
import { webPushJobHandlers } from './web-push-components.ts';
import { newPecNoticeSettings as noticeSettings } from './new-pec-notice-components.ts';
import { createVirusScanner } from '../antivirus/create-virus-scanner.ts';
import type { ConfiguredVirusScanner } from '../antivirus/create-virus-scanner.ts';
import { configuredSpamScanner } from './configured-spam-scanner.ts';
import { deliveryStatusOf } from '../protocols/smtp/refusal-reply.ts';
import { createProviderTelemetry, type ProviderTelemetry } from '../telemetry/create-provider-telemetry.ts';
import { instrumentContext } from '../telemetry/instrument-context.ts';
import { timeJobHandlers } from '../telemetry/time-job-handlers.ts';
import { createAccessHistory } from '../services/access-history/create-access-history.ts';
import type { Authenticator } from '../services/accounts/authenticator.ts';
import { createAuthenticator } from '../services/accounts/create-authenticator.ts';
import { createMemoryLoginThrottleStore } from '../storage/memory/create-memory-login-throttle-store.ts';
import type { AccessPoint } from '../services/pipeline/access-point/access-point.ts';
import { createAccessPoint } from '../services/pipeline/access-point/create-access-point.ts';
import { createDeliverEnvelopeHandler } from '../services/pipeline/delivery-point/create-deliver-envelope-handler.ts';
import type { RuleForward } from '../services/pipeline/delivery-point/delivery-point-dependencies.ts';
import { createRuleForwarder } from './rule-forwarder.ts';
import { createOutboxWorker } from '../services/pipeline/outbox/create-outbox-worker.ts';
import type { OutboxWorker } from '../services/pipeline/outbox/create-outbox-worker.ts';
import { envelopeJobKinds } from '../services/pipeline/outbox/envelope-jobs.ts';
import { createReceptionPoint } from '../services/pipeline/reception-point/create-reception-point.ts';
import type { ReceptionPoint } from '../services/pipeline/reception-point/reception-point.ts';
import type { QuarantineStore } from '../ports/quarantine-store.ts';
import { createSharedQuarantine } from '../services/quarantine/create-shared-quarantine.ts';
import { openQuarantineStore } from '../services/quarantine/open-quarantine-store.ts';
import { createDailyMaintenance } from '../services/maintenance/create-daily-maintenance.ts';
import { createRetentionPurges } from '../services/maintenance/retention-purges.ts';
import { boxLifeJob } from '../services/box-life/box-life-job.ts';
import { createBoxLife } from '../services/box-life/create-box-life.ts';
import { createLoginThrottle } from '../services/accounts/create-login-throttle.ts';
import { createTimeoutSweeper } from '../services/lifecycle/create-timeout-sweeper.ts';
import { createIndexRefresher } from '../services/provider-directory/create-index-refresher.ts';
import { connectWorkerWakeUp } from '../services/pipeline/outbox/connect-worker-wake-up.ts';
import { createConfiguredLogTimestamper } from './create-configured-log-timestamper.ts';
import { createConfiguredRevocation } from './create-configured-revocation.ts';
import type { RevocationChecker } from '../services/revocation/revocation-checker.ts';
import { createProviderRelay } from './create-provider-relay.ts';
import { coordinationOf } from './open-coordination.ts';
import type { ProviderContext } from './provider-context.ts';
import {
  accessPointDependencies,
  boxLifeDependencies,
  deliveryPointDependencies,
  indexRefresherDependencies,
  receptionPointDependencies,
  timeoutSweeperDependencies,
} from './service-dependencies.ts';
import { configuredOutgoingMail, scheduledSendMessages } from './configured-outgoing-mail.ts';
import type { OutgoingMail } from '../services/outgoing/outgoing-mail.ts';
import { createScheduledSendHandler } from '../services/scheduled-send/create-scheduled-send-handler.ts';
import { scheduledSendJobKind } from '../services/scheduled-send/scheduled-sends.ts';
import { billingJobHandlers, configuredWebhookSender, withWebhooks } from './webhook-components.ts';
import { configuredNoticeFlusher, withNewPecNotices } from './new-pec-notice-components.ts';

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
  /** The daily retention purges, run once a day across the cluster, when built. */
  readonly maintenance?: { start(): Promise<void>; stop(): Promise<void> };
  /** The daily RFC 3161 seal of the log register (pec-spec §6.4), when a TSA is configured. */
  readonly logTimestamper?: BackgroundWorker;
  /** The reception point (pec-spec §2.3); with it `serveProvider` also opens the MX port (`ports.smtp`). */
  readonly receptionPoint?: ReceptionPoint;
  /** The event log and metrics the services report to; `serveProvider` gives them to the listeners. */
  readonly telemetry?: ProviderTelemetry;
  /** Sends the holders' webhook deliveries, when built. */
  readonly webhookSender?: BackgroundWorker;
  /** Signer revocation (decision 0009), shared by the MX and the webmail's PEC panel; none with policy off. */
  readonly revocation?: RevocationChecker;
  /** Sends the hourly "and N more" notices of new PEC, when built. */
  readonly noticeFlusher?: BackgroundWorker;
}

export interface ProviderServicesOptions {
  /** Default: the scanner the `antivirus` settings name (`none` scans nothing: development only). */
  readonly virusScanner?: ConfiguredVirusScanner;
  /** Outbox poll interval when idle; submissions wake the worker at once. Default 1000 ms. */
  readonly pollMs?: number;
  /** Outbox lease; a job whose worker died is re-run after it. Default `queue.leaseSeconds`. */
  readonly leaseMs?: number;
  /** Failures of outbox jobs. Default: stderr. */
  readonly onWorkerError?: (error: unknown) => void;
  /** Pause between timeout sweeps. Default 60 000 ms (the final notice is planned two sweeps early). */
  readonly timeoutSweepMs?: number;
  /** Event log and metrics. Default: warnings and errors to stderr, a fresh metrics registry. */
  readonly telemetry?: ProviderTelemetry;
}

/** The services wired to one another: a submission or a reception wakes the outbox worker. */
export function createProviderServices(
  plainCtx: ProviderContext,
  options: ProviderServicesOptions = {},
): ProviderServices & { readonly worker: OutboxWorker; readonly virusScanner: ConfiguredVirusScanner } {
  // One event log for every service; storage and signer report their timings to it.
  const telemetry = options.telemetry ?? createProviderTelemetry();
  const { events } = telemetry;
  // Every transaction also records the holders' webhook events (app/with-webhook-events.ts).
  // ... and queues the e-mail notices of new PEC (app/with-new-pec-notices.ts).
  const ctx = withNewPecNotices(withWebhooks(instrumentContext(plainCtx, events)));
  telemetry.metrics.observeQueue(plainCtx.storage.queue);
  const virusScanner = options.virusScanner ?? createVirusScanner(ctx.config.config.antivirus);
  // rspamd, when `antispam.rspamd.url` is set (decision 0034): ordinary mail at the MX, PEC at delivery.
  const spamScanner = configuredSpamScanner(ctx.config.config.antispam);
  // The outbox lease: `queue.leaseSeconds` unless the caller sets one.
  const leaseMs = options.leaseMs ?? ctx.config.config.queue.leaseSeconds * 1000;
  const onWorkerError =
    options.onWorkerError ??
    ((error: unknown, job?: { readonly id: number; readonly kind: string }) => {
      events.emit({
        event: 'job.failed',
        error,
        ...(job === undefined ? {} : { jobId: job.id, kind: job.kind }),
      });
    });
  // relay-envelope and relay-message: other providers and the Internet (decisions 0006, 0018).
  const relay = createProviderRelay(ctx, { leaseMs, events });
  let forwardByRule: (forward: RuleForward, original: Uint8Array) => Promise<void> = () => Promise.resolve();
  const scheduledOutgoing: { current?: OutgoingMail } = {};
  const jobs = createOutboxWorker(
    { storage: ctx.storage, clock: ctx.clock },
    timeJobHandlers(
      {
        [envelopeJobKinds.deliver]: createDeliverEnvelopeHandler({
          ...deliveryPointDependencies(ctx),
          ...(spamScanner === undefined ? {} : { spamScanner }),
          events,
          // Bound below, once the access point exists (decision 0026).
          forwardByRule: (forward, original) => forwardByRule(forward, original),
        }),
        ...relay.handlers,
        // Scheduled send (decision 0024): through the outgoing service, bound below to the access point.
        [scheduledSendJobKind]: createScheduledSendHandler({
          outgoing: () => scheduledOutgoing.current,
          storage: ctx.storage,
        }),
        ...billingJobHandlers(ctx, createBoxLife(boxLifeDependencies(ctx, coordinationOf(ctx).nodeId))), // decision 0041
        ...webPushJobHandlers(ctx, events), // queued as PEC are filed (decision 0045)
      },
      events,
    ),
    {
      owner: coordinationOf(ctx).nodeId,
      leaseMs,
      concurrency: ctx.config.config.queue.concurrency,
      pollMs: options.pollMs ?? 1000,
      onError: onWorkerError,
    },
  );
  // Stopping the worker also closes the relay's kept connections, once no job uses them.
  const worker: OutboxWorker = {
    ...jobs,
    stop: async () => {
      await jobs.stop();
      await relay.close();
    },
  };
  // A job queued on any node wakes the idle workers of every node (the poll stays the fallback).
  const wakeUp = connectWorkerWakeUp(worker, coordinationOf(ctx).bus, onWorkerError);
  // The quarantine (pec-spec §2.1, 30 months): records in storage, bytes in the blob store, shared by every node.
  const quarantineWriter: QuarantineStore = createSharedQuarantine({
    records: ctx.storage.quarantine,
    blobs: ctx.blobs,
    isBlobReferenced: (key) => ctx.storage.mailboxes.isBlobReferenced(key),
    retentionMonths: ctx.config.config.retention.quarantineMonths,
    clock: ctx.clock,
  });
  const accessPoint = createAccessPoint(
    accessPointDependencies(ctx, {
      virusScanner,
      quarantine: quarantineWriter,
      onQueued: () => {
        wakeUp.announce();
      },
      // An acceptance's jobs go to this node's worker in memory, without a claim (decision 0061).
      jobSlots: worker,
    }),
  );
  forwardByRule = createRuleForwarder(ctx, accessPoint, events);
  scheduledOutgoing.current = configuredOutgoingMail(ctx, accessPoint, scheduledSendMessages(ctx));
  // Every login attempt goes to the holder's access history.
  const history = createAccessHistory({
    log: ctx.storage.accessLog,
    accounts: ctx.storage.accounts,
    events,
    origins: ctx.storage.accountSecurity,
    networkRefusals: ctx.storage.signInNetworks,
    // The holder is told of a sign-in from a new network or device (decision 0027).
    onNewOrigin: createNewOriginNotice({
      storage: ctx.storage,
      blobs: ctx.blobs,
      settings: noticeSettings(ctx), // e-mail, and SMS when chosen (decision 0045)
    }),
  });
  // Failed logins count on every node that shares PostgreSQL; a single SQLite node keeps them in memory.
  const throttleStore =
    ctx.config.config.storage.kind === 'postgres'
      ? ctx.storage.loginThrottle
      : createMemoryLoginThrottleStore();
  const authenticator = createAuthenticator({
    accounts: ctx.storage.accounts,
    throttleStore,
    clock: ctx.clock,
    onLogin: history.recordLogin,
    graceDaysAfterExpiry: ctx.config.config.superReception.graceDaysAfterExpiry,
    // App passwords for IMAP, POP3 and SMTP; only those once the box has a second factor.
    security: ctx.storage.accountSecurity,
    // The holder's allow-list of sign-in networks, on every protocol (decision 0027).
    networks: ctx.storage.signInNetworks,
  });
  const timeoutSweeper = createTimeoutSweeper(timeoutSweeperDependencies(ctx), {
    ...(options.timeoutSweepMs === undefined ? {} : { intervalMs: options.timeoutSweepMs }),
    onError: (error) => {
      events.emit({ event: 'error.unexpected', where: 'timeout notices', error });
    },
  });
  const indexRefresher =
    ctx.directory === undefined
      ? undefined
      : createIndexRefresher(indexRefresherDependencies(ctx, ctx.directory), { events });
  // pec-spec §8.4 step 4: signer revocation at the MX (decision 0009).
  const revocation = createConfiguredRevocation(ctx.config.config.revocation, ctx.clock, (message) => {
    events.emit({ event: 'revocation.warning', detail: message });
  });
  const receptionPoint = createReceptionPoint(
    receptionPointDependencies(ctx, {
      virusScanner,
      quarantine: quarantineWriter,
      deliveryStatusOf,
      ...(revocation === undefined ? {} : { revocation }),
      ...(spamScanner === undefined ? {} : { spamScanner }),
      onQueued: () => {
        wakeUp.announce();
      },
      events,
    }),
  );
  // The daily retention purges (pec-spec §6.4, §2.1), each run by one node a day across the cluster.
  const quarantineDir = ctx.config.config.storage.quarantineDir;
  const quarantineMonths = ctx.config.config.retention.quarantineMonths;
  const maintenance = createDailyMaintenance({
    runs: ctx.storage.maintenanceRuns,
    node: coordinationOf(ctx).nodeId,
    clock: ctx.clock,
    onError: (error, job) => {
      events.emit({ event: 'error.unexpected', where: `maintenance ${job ?? 'tick'}`, error });
    },
    jobs: createRetentionPurges({
      legalLog: ctx.storage.legalLog,
      logMonths: ctx.config.config.retention.logMonths,
      accessLog: ctx.storage.accessLog,
      accessLogMonths: ctx.config.config.retention.logMonths,
      messageTexts: ctx.storage.messageTexts,
      quarantines: [
        quarantineWriter,
        // What earlier versions kept in files, until its retention ends.
        {
          purgeExpired: async (now) =>
            (
              await openQuarantineStore({
                dir: quarantineDir,
                retentionMonths: quarantineMonths,
                clock: ctx.clock,
              })
            ).purgeExpired(now),
        },
      ],
      loginThrottle: createLoginThrottle(throttleStore),
      runs: ctx.storage.maintenanceRuns,
      webSessions: {
        purgeExpired: (now) =>
          ctx.storage.webSessions.purgeExpired(
            now,
            new Date(now.getTime() - ctx.config.config.http.sessionIdleMinutes * 60_000),
          ),
      },
      adminSessions: {
        purgeExpired: (now) =>
          ctx.storage.admin.purgeSessions(
            now,
            new Date(now.getTime() - ctx.config.config.http.adminSessionIdleMinutes * 60_000),
          ),
      },
    }).concat(boxLifeJob(createBoxLife(boxLifeDependencies(ctx, coordinationOf(ctx).nodeId)))),
  });
  const logTimestamper = createConfiguredLogTimestamper(
    ctx.config.config.logTimestamp,
    { timestamps: ctx.storage.logTimestamps, clock: ctx.clock },
    (error) => {
      events.emit({ event: 'error.unexpected', where: 'daily log time stamp', error });
    },
  );
  return {
    accessPoint,
    authenticator,
    worker,
    virusScanner,
    timeoutSweeper,
    maintenance,
    ...(indexRefresher === undefined ? {} : { indexRefresher }),
    ...(logTimestamper === undefined ? {} : { logTimestamper }),
    receptionPoint,
    telemetry,
    webhookSender: configuredWebhookSender(ctx, events),
    ...(revocation === undefined ? {} : { revocation }),
    noticeFlusher: configuredNoticeFlusher(ctx, events),
  };
}
