/**
 * Storage seen by the event log, decorated at the composition root: every transaction's latency
 * and outcome (`storage.transaction`), and what the legal log records once it is committed: the
 * PEC artefacts issued (`artefact.issued`), envelopes received and delivered. The legal log is the
 * one place every service records these (pec-spec §6.4), so counting there misses none and counts
 * nothing that rolled back. Behaviour is unchanged: calls pass through.
 */
import { performance } from 'node:perf_hooks';
import type { ArtefactType, EventLog, LogEvent } from '../ports/event-log.ts';
import type { LegalLog, NewLegalLogEntry, TransactionLegalLog } from '../ports/legal-log.ts';
import type { Storage, StorageTransaction } from '../ports/storage.ts';
import { legalLogEvents } from '../services/log-register/legal-log-events.ts';

const artefactTypes: Readonly<Record<string, ArtefactType>> = {
  [legalLogEvents.acceptanceIssued]: 'acceptance',
  [legalLogEvents.nonAcceptanceIssued]: 'non-acceptance',
  [legalLogEvents.envelopeCreated]: 'transport-envelope',
  [legalLogEvents.takeChargeIssued]: 'take-charge',
  [legalLogEvents.deliveryReceiptIssued]: 'delivery-receipt',
  [legalLogEvents.deliveryErrorIssued]: 'delivery-error',
  [legalLogEvents.timeoutFirstNoticeIssued]: 'timeout-first-notice',
  [legalLogEvents.timeoutFinalNoticeIssued]: 'timeout-final-notice',
  [legalLogEvents.virusDetectionIssued]: 'virus-detection',
  [legalLogEvents.anomalyDelivered]: 'anomaly-envelope',
  [legalLogEvents.dsnIssued]: 'dsn',
};

/** The operator event a committed legal log entry stands for, if any. */
export function eventOfLegalEntry(entry: NewLegalLogEntry): LogEvent | undefined {
  const type = artefactTypes[entry.eventType];
  if (type !== undefined) return { event: 'artefact.issued', id: entry.msgid, type };
  if (entry.eventType === legalLogEvents.envelopeReceived) {
    return { event: 'envelope.received', id: entry.msgid, sender: entry.sender };
  }
  if (entry.eventType === legalLogEvents.envelopeDelivered) {
    return { event: 'envelope.delivered', id: entry.msgid, recipients: entry.recipients.length };
  }
  return undefined;
}

function override<T extends object>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof T];
      const value: unknown = Reflect.get(object, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
    },
  });
}

/** A legal log whose appends are noted in `pending` (inside a transaction: emitted on commit). */
function notingLegalLog<L extends LegalLog | TransactionLegalLog>(
  log: L,
  note: (entry: NewLegalLogEntry) => void,
): L {
  // The same return as the wrapped append: the entry outside a transaction, nothing inside one.
  const append = (async (entry: NewLegalLogEntry) => {
    const written = await log.append(entry);
    note(entry);
    return written;
  }) as L['append'];
  return override(log, { append } as Partial<L>);
}

function watchTransaction(tx: StorageTransaction, pending: NewLegalLogEntry[]): StorageTransaction {
  return override(tx, {
    legalLog: notingLegalLog(tx.legalLog, (entry) => pending.push(entry)),
    // A savepoint's entries count only if it is released, i.e. its function resolved.
    transaction: async (fn) => {
      const inner: NewLegalLogEntry[] = [];
      const result = await tx.transaction((savepoint) => fn(watchTransaction(savepoint, inner)));
      pending.push(...inner);
      return result;
    },
  });
}

export function instrumentStorage(storage: Storage, events: EventLog): Storage {
  const emitEntry = (entry: NewLegalLogEntry) => {
    const event = eventOfLegalEntry(entry);
    if (event !== undefined) events.emit(event);
  };
  return override(storage, {
    legalLog: notingLegalLog(storage.legalLog, emitEntry),
    transaction: async (fn) => {
      const started = performance.now();
      const pending: NewLegalLogEntry[] = [];
      let result;
      try {
        result = await storage.transaction((tx) => {
          // A run that the database aborted (deadlock) and the storage ran again logged nothing.
          pending.length = 0;
          return fn(watchTransaction(tx, pending));
        });
      } catch (error) {
        events.emit({
          event: 'storage.transaction',
          durationMs: performance.now() - started,
          outcome: 'rolled-back',
        });
        throw error;
      }
      events.emit({
        event: 'storage.transaction',
        durationMs: performance.now() - started,
        outcome: 'committed',
      });
      for (const entry of pending) emitEntry(entry);
      return result;
    },
  });
}
