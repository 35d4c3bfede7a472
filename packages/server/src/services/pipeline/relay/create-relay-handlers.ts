/**
 * The relay's outbox handlers by job kind, for the worker the composition root builds:
 * `relay-envelope` (transport envelopes to other providers and the Internet, pec-spec §2.2 step 8)
 * and `relay-message` (receipts, notices, forwards and DSNs, pec-spec §2.3). Delivery semantics
 * and retries: decision 0006.
 */
import type { JobHandler } from '../outbox/create-outbox-worker.ts';
import { envelopeJobKinds } from '../outbox/envelope-jobs.ts';
import { createRelayEnvelopeHandler } from './create-relay-envelope-handler.ts';
import { createRelayMessageHandler } from './create-relay-message-handler.ts';
import type { RelayDependencies } from './relay-dependencies.ts';
import { relayMessageJobKind } from './relay-message-job.ts';

export function createRelayHandlers(deps: RelayDependencies): Record<string, JobHandler> {
  return {
    [envelopeJobKinds.relay]: createRelayEnvelopeHandler(deps),
    [relayMessageJobKind]: createRelayMessageHandler(deps),
  };
}
