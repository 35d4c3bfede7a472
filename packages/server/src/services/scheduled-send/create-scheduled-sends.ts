/**
 * Scheduling, listing and cancelling (scheduled-sends.ts). Scheduling checks the time and each
 * address as the access point would at RCPT TO, files the message as a draft, then queues the job
 * due at that time; the job's payload names the draft and keeps what the list shows.
 */
import type { Clock } from '../../ports/clock.ts';
import type { QueueStore } from '../../ports/queue-store.ts';
import type { OutgoingMail } from '../outgoing/outgoing-mail.ts';
import { recipientsOf } from '../outgoing/create-outgoing-mail.ts';
import { payloadJson, readPayload, scheduledSendOf } from './scheduled-send-job.ts';
import {
  maxScheduleAheadMs,
  pastToleranceMs,
  scheduledSendJobKind,
  type ScheduledSend,
  type ScheduledSends,
} from './scheduled-sends.ts';

export interface ScheduledSendsDependencies {
  readonly queue: Pick<QueueStore, 'enqueue' | 'list' | 'get' | 'delete'>;
  readonly outgoing: Pick<OutgoingMail, 'checkRecipient' | 'saveDraft'>;
  readonly clock: Clock;
  /** Wakes the outbox workers (a job due now is then sent at once). */
  readonly onQueued?: () => void;
}

/** Whether `zone` is an IANA time zone this runtime knows. */
function knownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Scheduled jobs are few per holder; the list reads them all (newest finished ones last). */
const listLimit = 10_000;

export function createScheduledSends(deps: ScheduledSendsDependencies): ScheduledSends {
  return {
    async schedule(writer, fields, sendAt, timeZone) {
      const now = deps.clock.now().getTime();
      if (sendAt.getTime() < now - pastToleranceMs) return { kind: 'bad-time', problem: 'past' };
      if (sendAt.getTime() > now + maxScheduleAheadMs) return { kind: 'bad-time', problem: 'too-far' };
      if (!knownZone(timeZone)) return { kind: 'bad-time', problem: 'bad-zone' };
      const recipients = recipientsOf(fields);
      if (recipients.length === 0)
        return { kind: 'refused', refusal: { reason: 'invalid-address', address: '' } };
      for (const address of recipients) {
        const check = await deps.outgoing.checkRecipient(address);
        if (!check.valid) return { kind: 'refused', refusal: { reason: 'invalid-address', address } };
      }
      const draft = await deps.outgoing.saveDraft(writer, fields);
      const job = await deps.queue.enqueue({
        kind: scheduledSendJobKind,
        runAt: new Date(Math.max(now, sendAt.getTime())),
        payload: payloadJson({
          ...writer,
          draftUid: draft.uid,
          sendAt: sendAt.toISOString(),
          timeZone,
          to: fields.to,
          cc: fields.cc,
          subject: fields.subject,
        }),
      });
      deps.onQueued?.();
      const payload = readPayload(job.payload);
      if (payload === undefined) throw new Error('unreachable: the payload just written');
      return { kind: 'scheduled', scheduled: scheduledSendOf(job, payload) };
    },

    async list(writer) {
      const jobs = await deps.queue.list({ kind: scheduledSendJobKind, limit: listLimit });
      const mine: ScheduledSend[] = [];
      for (const job of jobs) {
        const payload = readPayload(job.payload);
        if (payload?.mailboxId === writer.mailboxId) mine.push(scheduledSendOf(job, payload));
      }
      const waiting = (s: ScheduledSend) => (s.status === 'scheduled' || s.status === 'sending' ? 0 : 1);
      return mine.sort(
        (a, b) =>
          waiting(a) - waiting(b) ||
          (waiting(a) === 0
            ? a.sendAt.getTime() - b.sendAt.getTime()
            : b.sendAt.getTime() - a.sendAt.getTime()),
      );
    },

    async cancel(writer, id) {
      const job = await deps.queue.get(id);
      if (job?.kind !== scheduledSendJobKind) return 'not-found';
      if (readPayload(job.payload)?.mailboxId !== writer.mailboxId) return 'not-found';
      // A job a worker holds is being sent: too late. (A claim between this read and the delete
      // loses its lease and its completion, but not a send already accepted.)
      if (job.status !== 'ready' && job.status !== 'held') return 'too-late';
      return (await deps.queue.delete(id)) ? 'cancelled' : 'not-found';
    },
  };
}
