/**
 * The `scheduled-send` job's payload and its one-line outcome (kept by the queue as the job's last
 * line, see QueueStore.complete), and how a job reads back as the holder's ScheduledSend.
 */
import type { Job, JsonValue } from '../../ports/queue-store.ts';
import type { Writer } from '../outgoing/outgoing-mail.ts';
import type { ScheduledSend, ScheduledStatus } from './scheduled-sends.ts';

export interface ScheduledSendPayload {
  readonly mailboxId: number;
  readonly address: string;
  readonly displayName: string;
  readonly remoteAddress: string;
  readonly secure: boolean;
  readonly draftUid: number;
  readonly sendAt: string;
  readonly timeZone: string;
  /** Shown in the list without opening the draft. */
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly subject: string;
}

export function payloadJson(payload: ScheduledSendPayload): JsonValue {
  return { ...payload, to: [...payload.to], cc: [...payload.cc] };
}

const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** The payload, or undefined for a job that is not a well-formed scheduled send. */
export function readPayload(value: JsonValue): ScheduledSendPayload | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const p = value as Record<string, unknown>;
  if (
    typeof p['mailboxId'] !== 'number' ||
    typeof p['address'] !== 'string' ||
    typeof p['displayName'] !== 'string' ||
    typeof p['remoteAddress'] !== 'string' ||
    typeof p['secure'] !== 'boolean' ||
    typeof p['draftUid'] !== 'number' ||
    typeof p['sendAt'] !== 'string' ||
    typeof p['timeZone'] !== 'string' ||
    !isStrings(p['to']) ||
    !isStrings(p['cc']) ||
    typeof p['subject'] !== 'string'
  )
    return undefined;
  return {
    mailboxId: p['mailboxId'],
    address: p['address'],
    displayName: p['displayName'],
    remoteAddress: p['remoteAddress'],
    secure: p['secure'],
    draftUid: p['draftUid'],
    sendAt: p['sendAt'],
    timeZone: p['timeZone'],
    to: p['to'],
    cc: p['cc'],
    subject: p['subject'],
  };
}

export function writerOfPayload(payload: ScheduledSendPayload): Writer {
  return {
    mailboxId: payload.mailboxId,
    address: payload.address,
    displayName: payload.displayName,
    remoteAddress: payload.remoteAddress,
    secure: payload.secure,
  };
}

/** The outcome line a finished job keeps: `sent <id>`, `not-accepted <reason> <id>`, `refused <reason>`, `draft-missing`. */
export type FinishedOutcome =
  | { readonly status: 'sent'; readonly identifier: string }
  | { readonly status: 'not-accepted'; readonly reason: string; readonly identifier: string }
  | { readonly status: 'refused'; readonly reason: string }
  | { readonly status: 'draft-missing' };

export function outcomeLine(outcome: FinishedOutcome): string {
  switch (outcome.status) {
    case 'sent':
      return `sent ${outcome.identifier}`;
    case 'not-accepted':
      return `not-accepted ${outcome.reason} ${outcome.identifier}`;
    case 'refused':
      return `refused ${outcome.reason}`;
    case 'draft-missing':
      return 'draft-missing';
  }
}

function finished(line: string | null): Pick<ScheduledSend, 'status' | 'reason' | 'identifier'> {
  const [word = '', first = null, second = null] = (line ?? '').split(' ');
  if (word === 'sent') return { status: 'sent', reason: null, identifier: first };
  if (word === 'not-accepted') return { status: 'not-accepted', reason: first, identifier: second };
  if (word === 'refused') return { status: 'refused', reason: first, identifier: null };
  if (word === 'draft-missing') return { status: 'draft-missing', reason: null, identifier: null };
  return { status: 'failed', reason: null, identifier: null };
}

export function scheduledSendOf(job: Job, payload: ScheduledSendPayload): ScheduledSend {
  const state = ((): Pick<ScheduledSend, 'status' | 'reason' | 'identifier'> => {
    const waiting = (status: ScheduledStatus) => ({ status, reason: null, identifier: null });
    switch (job.status) {
      case 'ready':
      case 'held':
        return waiting('scheduled');
      case 'running':
        return waiting('sending');
      case 'failed':
        return waiting('failed');
      case 'done':
        return finished(job.lastError);
    }
  })();
  return {
    id: job.id,
    to: payload.to,
    cc: payload.cc,
    subject: payload.subject,
    sendAt: new Date(payload.sendAt),
    timeZone: payload.timeZone,
    draftUid: payload.draftUid,
    ...state,
  };
}
