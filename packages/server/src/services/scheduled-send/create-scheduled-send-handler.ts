/**
 * The outbox handler of `scheduled-send` jobs: at the due time it reads the draft back and sends it
 * through the same outgoing service as an immediate send (the access point's checks; the
 * acceptance receipt carries the actual send time), removes the draft once accepted, and completes
 * the job with its outcome line. The outbox lease lets one worker on one node run it; a second run
 * finds the job done. Should a node die between the acceptance and the draft's removal, the job
 * runs again after its lease and would send again; after the removal a re-run finds no draft and
 * ends as `draft-missing` without sending.
 */
import type { JobHandler } from '../pipeline/outbox/create-outbox-worker.ts';
import type { Storage } from '../../ports/storage.ts';
import type { OutgoingMail } from '../outgoing/outgoing-mail.ts';
import { outcomeLine, readPayload, writerOfPayload, type FinishedOutcome } from './scheduled-send-job.ts';

export interface ScheduledSendHandlerDependencies {
  /** Late-bound: the outgoing service is built after the worker; undefined until then (retried). */
  readonly outgoing: () => Pick<OutgoingMail, 'readDraft' | 'send' | 'deleteDraft'> | undefined;
  readonly storage: Pick<Storage, 'transaction'>;
}

export function createScheduledSendHandler(deps: ScheduledSendHandlerDependencies): JobHandler {
  return async (job, run) => {
    const payload = readPayload(job.payload);
    if (payload === undefined) throw new Error(`scheduled-send job ${String(job.id)} has no valid payload`);
    const outgoing = deps.outgoing();
    if (outgoing === undefined) throw new Error('sending is not available on this node yet');
    const writer = writerOfPayload(payload);
    const fields = await outgoing.readDraft(writer, payload.draftUid);
    const outcome = await (async (): Promise<FinishedOutcome> => {
      if (fields === undefined) return { status: 'draft-missing' };
      const sent = await outgoing.send(writer, fields);
      if (sent.kind === 'refused') return { status: 'refused', reason: sent.refusal.reason };
      if (sent.kind === 'not-accepted')
        return { status: 'not-accepted', reason: sent.refusal.reason, identifier: sent.identifier };
      await outgoing.deleteDraft(writer, payload.draftUid);
      return { status: 'sent', identifier: sent.identifier };
    })();
    await deps.storage.transaction((tx) => run.completeIn(tx, outcomeLine(outcome)));
  };
}
