/**
 * The only place that turns the configuration into the services' plain settings: each function
 * hands one service its narrow dependencies (ports from the ProviderContext) and its settings
 * (numbers and strings read here, hours turned into milliseconds here). Services never see the
 * configuration object.
 */
import type { AccessPointDependencies } from '../services/pipeline/access-point/access-point-dependencies.ts';
import { createAccountService } from '../services/accounts/create-account-service.ts';
import type { DeliveryPointDependencies } from '../services/pipeline/delivery-point/delivery-point-dependencies.ts';
import type { ReceptionPointDependencies } from '../services/pipeline/reception-point/reception-point-dependencies.ts';
import type { TimeoutSweeperDependencies } from '../services/lifecycle/timeout-sweeper-dependencies.ts';
import type { ProviderDirectory } from '../services/provider-directory/create-provider-directory.ts';
import type { IndexRefresherDependencies } from '../services/provider-directory/create-index-refresher.ts';
import type { OwnEntrySource } from '../services/provider-directory/render-own-provider-entry.ts';
import type { ProviderContext } from './provider-context.ts';
import type { ConnectionGuardSettings } from '../protocols/connection-guard.ts';
import type { BoxLifeDependencies } from '../services/box-life/box-life-dependencies.ts';
import { configuredBilling } from './billing-components.ts';

const hourMs = 3_600_000;

type Ports = Pick<
  ProviderContext,
  'config' | 'storage' | 'blobs' | 'signer' | 'clock' | 'index' | 'identity'
>;

/** The optional parts of a service's dependencies, as the caller chooses them. */
type Extras<T, K extends keyof T> = Partial<Pick<T, K>>;

export function accessPointDependencies(
  ctx: Ports,
  extras: Extras<AccessPointDependencies, 'virusScanner' | 'quarantine' | 'onQueued' | 'jobSlots'> = {},
): AccessPointDependencies {
  const { limits } = ctx.config.config;
  return {
    storage: ctx.storage,
    blobs: ctx.blobs,
    signer: ctx.signer,
    clock: ctx.clock,
    index: ctx.index,
    settings: {
      identity: ctx.identity,
      maxRecipients: limits.maxRecipients,
      maxMessageBytes: limits.maxMessageBytes,
      maxRecipientsTimesSize: limits.maxRecipientsTimesSize,
      maxLineLength: limits.maxLineLength,
      graceDaysAfterExpiry: ctx.config.config.superReception.graceDaysAfterExpiry,
    },
    ...extras,
  };
}

export function receptionPointDependencies(
  ctx: Ports,
  extras: Pick<ReceptionPointDependencies, 'quarantine' | 'deliveryStatusOf'> &
    Extras<
      ReceptionPointDependencies,
      'virusScanner' | 'spamScanner' | 'trustAnchors' | 'revocation' | 'onQueued' | 'events'
    >,
): ReceptionPointDependencies {
  const { limits, provider, timeouts, superReception } = ctx.config.config;
  return {
    storage: ctx.storage,
    blobs: ctx.blobs,
    signer: ctx.signer,
    clock: ctx.clock,
    index: ctx.index,
    accounts: createAccountService({ storage: ctx.storage, clock: ctx.clock }),
    settings: {
      identity: ctx.identity,
      hostname: provider.hostname,
      serviceMailbox: provider.receiptMailbox,
      maxRecipients: limits.maxRecipients,
      maxMessageBytes: limits.maxMessageBytes,
      queueLifetimeMs: timeouts.queueLifetimeHours * hourMs,
      graceDaysAfterExpiry: superReception.graceDaysAfterExpiry,
    },
    ...extras,
  };
}

export function deliveryPointDependencies(ctx: Ports): DeliveryPointDependencies {
  const { timeouts, superReception } = ctx.config.config;
  return {
    storage: ctx.storage,
    blobs: ctx.blobs,
    signer: ctx.signer,
    clock: ctx.clock,
    settings: {
      identity: ctx.identity,
      queueLifetimeMs: timeouts.queueLifetimeHours * hourMs,
      graceDaysAfterExpiry: superReception.graceDaysAfterExpiry,
    },
  };
}

export function timeoutSweeperDependencies(ctx: Ports): TimeoutSweeperDependencies {
  const { timeouts } = ctx.config.config;
  return {
    storage: ctx.storage,
    blobs: ctx.blobs,
    signer: ctx.signer,
    clock: ctx.clock,
    settings: {
      identity: ctx.identity,
      takeChargeHours: timeouts.takeChargeHours,
      deliveryHours: timeouts.deliveryHours,
    },
  };
}

/** What `pec index export` and the refresher publish as our own index record (pec-spec §7.2). */
export function ownEntrySource(ctx: Pick<Ports, 'config' | 'storage' | 'identity'>): OwnEntrySource {
  const { provider, signing } = ctx.config.config;
  return {
    accounts: ctx.storage.accounts,
    settings: {
      identity: { name: provider.name, domain: ctx.identity.domain },
      receiptMailbox: provider.receiptMailbox,
      signingCertFile: signing.certFile,
    },
  };
}

export function indexRefresherDependencies(
  ctx: Pick<Ports, 'config' | 'storage' | 'identity' | 'clock'>,
  directory: ProviderDirectory,
): IndexRefresherDependencies {
  const { index } = ctx.config.config;
  const own = ownEntrySource(ctx);
  return {
    directory,
    accounts: own.accounts,
    clock: ctx.clock,
    settings: {
      indexFile: index.file,
      refreshUrl: index.refreshUrl,
      trustAnchorFiles: index.trustAnchorFiles,
      refreshIntervalMs: index.refreshIntervalHours * hourMs,
      ownEntry: own.settings,
    },
  };
}

/** The connection caps and early deadlines every listener applies (`limits.connections`). */
export function listenerConnectionSettings(ctx: Pick<Ports, 'config'>): ConnectionGuardSettings {
  const { connections } = ctx.config.config.limits;
  return {
    maxPerAddress: connections.perAddress,
    maxPerNetwork: connections.perNetwork,
    maxTotal: connections.total,
    tlsHandshakeTimeoutMs: connections.tlsHandshakeSeconds * 1000,
    firstCommandTimeoutMs: connections.firstCommandSeconds * 1000,
  };
}

/** The box-life service (decision 0016): `boxLife` and `superReception` settings, `billing` (decision 0041). */
export function boxLifeDependencies(ctx: Ports, node: string): BoxLifeDependencies {
  const { boxLife, superReception, timeouts, notices } = ctx.config.config;
  return {
    storage: ctx.storage,
    blobs: ctx.blobs,
    clock: ctx.clock,
    billing: configuredBilling(ctx),
    settings: {
      graceDaysAfterExpiry: superReception.graceDaysAfterExpiry,
      deletionDaysAfterDeactivation: boxLife.deletionDaysAfterDeactivation,
      noticeDaysBeforeExpiry: boxLife.noticeDaysBeforeExpiry,
      autoRenewDaysBeforeExpiry: boxLife.autoRenewDaysBeforeExpiry,
      extraSpaceCentsPerGiBYear: boxLife.extraSpaceCentsPerGiBYear,
      providerName: ctx.identity.name,
      noticeFrom: boxLife.noticeFrom ?? `noreply@${ctx.identity.domain}`,
      noticeLifetimeMs: timeouts.queueLifetimeHours * hourMs,
      node,
      sms: { smsPerDay: notices.smsPerDay, smsAvailable: notices.smsGateway !== undefined },
    },
  };
}
