/**
 * The provider's context with its storage and signer reporting to the event log (transaction
 * latency, artefacts from the legal log, signing time). Everything else is passed through.
 */
import type { ProviderContext } from '../app/provider-context.ts';
import type { EventLog } from '../ports/event-log.ts';
import { instrumentSigner } from './instrument-signer.ts';
import { instrumentStorage } from './instrument-storage.ts';

export function instrumentContext(ctx: ProviderContext, events: EventLog): ProviderContext {
  const storage = instrumentStorage(ctx.storage, events);
  const signer = instrumentSigner(ctx.signer, events);
  return new Proxy(ctx, {
    get(target, property) {
      if (property === 'storage') return storage;
      if (property === 'signer') return signer;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
