/**
 * The `relay-envelope` job: the signed transport envelope, byte-exact, to the recipients at other
 * PEC providers and on the Internet (pec-spec §2.2 step 8, §6.6), with the original reverse-path
 * and forward-paths (pec-spec §12 pitfall 4). Per recipient, once:
 * - accepted: logged `pec.envelope.relayed`; an esterno recipient is then final (`delivered`,
 *   meaning handed to its Internet MX: no receipt will ever come, pec-spec §6.6);
 * - refused for good or still pending after the queue lifetime (pec-spec §2.3): logged
 *   `pec.envelope.relay-failed`. For a PEC recipient nothing else: the 12 h / 24 h notices of
 *   pec-spec §3.7 report it. For an esterno recipient: `error`, and a standard DSN to the sender;
 * - temporary failure: retried by a continuation job (run-relay-job.ts, decision 0006).
 */
import type { TrackedMessage } from '../../../ports/message-tracking-store.ts';
import type { StorageTransaction } from '../../../ports/storage.ts';
import { legalLogEvents } from '../../log-register/legal-log-events.ts';
import type { JobHandler } from '../outbox/create-outbox-worker.ts';
import { parseEnvelopeJobPayload, type EnvelopeJobPayload } from '../outbox/envelope-jobs.ts';
import { prepareDsn } from './prepare-dsn.ts';
import type { RelayDependencies } from './relay-dependencies.ts';
import { relayExpiresAt } from './relay-expiry.ts';
import { payloadFields } from './relay-progress.ts';
import type { RelayResult } from './relay-to-domains.ts';
import { runRelayJob, type RelayRunOutcome } from './run-relay-job.ts';

function describeRelay(result: RelayResult): string {
  return `${result.host === null ? '' : `relayed to ${result.host}: `}${result.text}`;
}

/** Accepted recipients, one log entry per answering host. */
function byHost(results: readonly RelayResult[]): Map<string, RelayResult[]> {
  const groups = new Map<string, RelayResult[]>();
  for (const result of results) {
    const key = result.host ?? '';
    groups.set(key, [...(groups.get(key) ?? []), result]);
  }
  return groups;
}

async function writeOutcome(
  tx: StorageTransaction,
  deps: RelayDependencies,
  payload: EnvelopeJobPayload,
  tracked: TrackedMessage | undefined,
  outcome: RelayRunOutcome,
): Promise<void> {
  const entry = {
    at: outcome.at,
    msgid: payload.identifier,
    sender: payload.facts.sender,
    subject: payload.facts.subject ?? null,
    relatedMsgids: [],
    sendingProvider: deps.settings.providerName,
  };
  const kinds = new Map(payload.recipients.map((r) => [r.address, r.kind]));
  const trackedAddresses = new Set(tracked?.recipients.map((r) => r.address.toLowerCase()) ?? []);
  const isTrackedExternal = (address: string): boolean =>
    kinds.get(address) === 'esterno' && trackedAddresses.has(address.toLowerCase());
  for (const group of byHost(outcome.accepted).values()) {
    await tx.legalLog.append({
      ...entry,
      eventType: legalLogEvents.envelopeRelayed,
      recipients: group.map((r) => r.address),
    });
  }
  for (const result of outcome.accepted) {
    if (!isTrackedExternal(result.address)) continue;
    await tx.tracking.recordEvent(payload.identifier, result.address, {
      status: 'delivered',
      at: outcome.at,
      detail: describeRelay(result),
    });
  }
  for (const result of outcome.failed) {
    await tx.legalLog.append({
      ...entry,
      eventType: legalLogEvents.envelopeRelayFailed,
      recipients: [result.address],
    });
    if (!isTrackedExternal(result.address)) continue;
    await tx.tracking.recordEvent(payload.identifier, result.address, {
      status: 'error',
      at: outcome.at,
      detail: `${result.outcome === 'expired' ? 'queue lifetime expired: ' : ''}${describeRelay(result)}`,
    });
  }
}

export function createRelayEnvelopeHandler(deps: RelayDependencies): JobHandler {
  return async (job, run) => {
    const payload = parseEnvelopeJobPayload(job.payload);
    const acceptedAt = new Date(payload.acceptedAt);
    const kinds = new Map(payload.recipients.map((r) => [r.address, r.kind]));
    let bytes: Uint8Array | undefined;
    const loadBytes = async (): Promise<Uint8Array> =>
      (bytes ??= await deps.blobs.get(payload.envelopeBlobKey));
    await runRelayJob(deps, job, run, {
      reference: payload.identifier,
      targets: payload.recipients.map((r) => ({ address: r.address, certified: r.kind === 'certificato' })),
      mailFrom: payload.mailFrom,
      loadBytes,
      expiresAt: relayExpiresAt(acceptedAt, deps.settings.queueLifetimeMs),
      continuation: (pending) => {
        const keep = new Set(pending);
        const rest = payload.recipients.filter((r) => keep.has(r.address));
        return {
          ...payloadFields(job.payload),
          recipients: rest.map((r) => ({ address: r.address, kind: r.kind, isCc: r.isCc })),
        };
      },
      dsnTo: (failed) =>
        payload.mailFrom !== '' && failed.some((r) => kinds.get(r.address) === 'esterno')
          ? payload.mailFrom
          : undefined,
      async prepare(outcome) {
        const tracked = await deps.storage.tracking.get(payload.identifier);
        const externalFailures = outcome.failed.filter((r) => kinds.get(r.address) === 'esterno');
        const writeDsn =
          externalFailures.length === 0
            ? undefined
            : await prepareDsn(deps, {
                to: payload.mailFrom,
                originalBytes: await loadBytes(),
                arrivedAt: acceptedAt,
                reference: payload.identifier,
                subject: payload.facts.subject ?? null,
                failed: externalFailures,
                at: outcome.at,
              });
        return async (tx) => {
          await writeOutcome(tx, deps, payload, tracked, outcome);
          await writeDsn?.(tx);
        };
      },
    });
  };
}
