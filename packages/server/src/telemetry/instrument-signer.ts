/**
 * The signer timed for the event log (`signature.created`), decorated at the composition root;
 * the signature itself is untouched (signed bytes are sacred).
 */
import { performance } from 'node:perf_hooks';
import type { Signer } from '@pec/core';
import type { EventLog } from '../ports/event-log.ts';

export function instrumentSigner(signer: Signer, events: EventLog): Signer {
  return {
    digestAlgorithm: signer.digestAlgorithm,
    async sign(content, signingTime) {
      const started = performance.now();
      const signature = await signer.sign(content, signingTime);
      events.emit({ event: 'signature.created', durationMs: performance.now() - started });
      return signature;
    },
  };
}
