/**
 * The `relay-message` job (relay-message-job.ts): exact bytes to the given forward-paths with the
 * given reverse-path — receipts and notices to other providers (pec-spec §3.4–§3.8, §12 pitfall 4),
 * forwarded ordinary mail, DSNs. Accepted recipients are logged `pec.message.relayed`; a recipient
 * refused for good, or still pending at `expiresAt` (pec-spec §2.3), is logged
 * `pec.message.relay-failed`, and for a forward the sender gets a standard DSN (pec-spec §2.4).
 * PEC traffic uses the certified TLS policy; forwards and DSNs the external one (pec-spec §8.6).
 */
import { decodeEncodedWords, getHeader, parseHeaderBlock, stripAngleBrackets } from '@pec/core';
import { legalLogEvents } from '../../log-register/legal-log-events.ts';
import type { JobHandler } from '../outbox/create-outbox-worker.ts';
import { prepareDsn } from './prepare-dsn.ts';
import type { RelayDependencies } from './relay-dependencies.ts';
import { parseRelayMessagePayload, type RelayPurpose } from './relay-message-job.ts';
import { payloadFields } from './relay-progress.ts';
import { runRelayJob } from './run-relay-job.ts';

/** Purposes that are ordinary Internet mail rather than PEC traffic between providers. */
const externalPurposes: readonly RelayPurpose[] = ['forward', 'dsn'];

export function createRelayMessageHandler(deps: RelayDependencies): JobHandler {
  return async (job, run) => {
    const payload = parseRelayMessagePayload(job.payload);
    const bytes = await deps.blobs.get(payload.blobKey);
    const header = parseHeaderBlock(bytes);
    const messageId = getHeader(header, 'Message-ID');
    const subject = getHeader(header, 'Subject');
    const reference =
      payload.identifier ??
      (messageId === undefined ? `blob ${payload.blobKey}` : stripAngleBrackets(messageId));
    const certified = !externalPurposes.includes(payload.purpose);
    const entry = {
      msgid: reference,
      sender: payload.mailFrom,
      subject: subject === undefined ? null : decodeEncodedWords(subject),
      relatedMsgids:
        messageId === undefined || payload.identifier === undefined ? [] : [stripAngleBrackets(messageId)],
      sendingProvider: deps.settings.providerName,
    };
    await runRelayJob(deps, job, run, {
      reference,
      targets: payload.rcptTo.map((address) => ({ address, certified })),
      mailFrom: payload.mailFrom,
      loadBytes: () => Promise.resolve(bytes),
      expiresAt: new Date(payload.expiresAt),
      continuation: (pending) => ({ ...payloadFields(job.payload), rcptTo: [...pending] }),
      dsnTo: () => (payload.purpose === 'forward' && payload.mailFrom !== '' ? payload.mailFrom : undefined),
      async prepare(outcome) {
        const writeDsn =
          payload.purpose === 'forward'
            ? await prepareDsn(deps, {
                to: payload.mailFrom,
                originalBytes: bytes,
                arrivedAt: outcome.progress.queuedAt,
                reference,
                subject: entry.subject,
                failed: outcome.failed,
                at: outcome.at,
              })
            : undefined;
        return async (tx) => {
          if (outcome.accepted.length > 0) {
            await tx.legalLog.append({
              ...entry,
              at: outcome.at,
              eventType: legalLogEvents.messageRelayed,
              recipients: outcome.accepted.map((r) => r.address),
            });
          }
          for (const result of outcome.failed) {
            await tx.legalLog.append({
              ...entry,
              at: outcome.at,
              eventType: legalLogEvents.messageRelayFailed,
              recipients: [result.address],
            });
          }
          await writeDsn?.(tx);
        };
      },
    });
  };
}
