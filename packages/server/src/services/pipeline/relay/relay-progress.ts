/**
 * The relay's bookkeeping inside a job payload (key `relay`): attempts made, when the message
 * expires, the chain of jobs, and each pending recipient's last failure (for operators and DSNs).
 * A run that leaves recipients pending completes its job and queues a continuation carrying only
 * those recipients (decision 0006), so a recipient once accepted is never sent again.
 */
import { z } from 'zod';
import type { JsonValue } from '../../../ports/queue-store.ts';

export interface LastFailure {
  readonly host: string | null;
  readonly code: number | null;
  readonly enhancedCode: string | null;
  readonly text: string;
  readonly at: Date;
}

export interface RelayProgress {
  /** Attempts made before this run. */
  readonly attempt: number;
  /** Past this instant the relay gives up (pec-spec §2.3: at most 24 h in the queue). */
  readonly expiresAt: Date;
  /** When the first job of the chain was queued. */
  readonly queuedAt: Date;
  /** The first job of the chain, and the one this job continues. */
  readonly firstJobId: number;
  readonly previousJobId: number | null;
  /** Last failure per pending recipient address. */
  readonly lastFailures: Readonly<Record<string, LastFailure>>;
}

const failureSchema = z.object({
  host: z.string().nullable(),
  code: z.number().int().nullable(),
  enhancedCode: z.string().nullable(),
  text: z.string(),
  at: z.iso.datetime(),
});

const progressSchema = z.object({
  relay: z
    .object({
      attempt: z.number().int().min(0),
      expiresAt: z.iso.datetime(),
      queuedAt: z.iso.datetime(),
      firstJobId: z.number().int(),
      previousJobId: z.number().int().nullable(),
      lastFailures: z.record(z.string(), failureSchema),
    })
    .optional(),
});

/** The progress stored in `payload`, or undefined for a job's first run. */
export function parseRelayProgress(payload: JsonValue): RelayProgress | undefined {
  const relay = progressSchema.parse(payload).relay;
  if (relay === undefined) return undefined;
  const lastFailures: Record<string, LastFailure> = {};
  for (const [address, failure] of Object.entries(relay.lastFailures)) {
    lastFailures[address] = { ...failure, at: new Date(failure.at) };
  }
  return {
    attempt: relay.attempt,
    expiresAt: new Date(relay.expiresAt),
    queuedAt: new Date(relay.queuedAt),
    firstJobId: relay.firstJobId,
    previousJobId: relay.previousJobId,
    lastFailures,
  };
}

/** `payload` with `progress` stored under `relay`. */
export function withRelayProgress(payload: Record<string, JsonValue>, progress: RelayProgress): JsonValue {
  return JSON.parse(JSON.stringify({ ...payload, relay: progress })) as JsonValue;
}

/** Delay after `attempts` failed attempts: base × 2^(attempts − 1), capped. */
export function relayRetryDelayMs(attempts: number, policy: { baseMs: number; maxMs: number }): number {
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(Math.max(0, attempts - 1), 30));
}

/** The fields of an object payload, to copy into a continuation; throws for any other JSON. */
export function payloadFields(payload: JsonValue): Record<string, JsonValue> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new TypeError('a relay job payload is a JSON object');
  }
  return { ...(payload as Record<string, JsonValue>) };
}
