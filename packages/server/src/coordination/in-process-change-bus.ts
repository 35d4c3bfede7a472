/**
 * The ChangeBus of one process (the embedded default, and the local half of every other adapter):
 * a publish reaches this process's subscribers of the channel synchronously, in subscription order;
 * a throwing listener is isolated from the others and from the publisher.
 */
import {
  changeChannelPattern,
  checkChangeMessage,
  type ChangeBus,
  type ChangeBusListener,
} from '../ports/change-bus.ts';

export interface InProcessChangeBus extends ChangeBus {
  /** Tells this process's subscribers only (the PostgreSQL adapter uses it for other nodes' hints). */
  deliver(channel: string, payload: string): void;
  /** Channels with at least one subscriber. */
  channels(): string[];
}

export interface InProcessChangeBusOptions {
  /** Called when a listener throws; the default ignores the error. */
  readonly onListenerError?: (error: unknown) => void;
  /** Called with a channel when it gets its first subscriber, and when it loses its last one. */
  readonly onChannelsChanged?: (channel: string, listening: boolean) => void;
}

export function createInProcessChangeBus(options: InProcessChangeBusOptions = {}): InProcessChangeBus {
  const listeners = new Map<string, Set<ChangeBusListener>>();
  let closed = false;

  function deliver(channel: string, payload: string): void {
    const set = listeners.get(channel);
    if (set === undefined) return;
    for (const listener of [...set]) {
      try {
        listener(payload);
      } catch (error) {
        options.onListenerError?.(error);
      }
    }
  }

  return {
    deliver,
    publish(channel, payload) {
      try {
        checkChangeMessage(channel, payload);
        if (closed) throw new Error('the change bus is closed');
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      deliver(channel, payload);
      return Promise.resolve();
    },
    subscribe(channel, listener) {
      if (!changeChannelPattern.test(channel)) throw new RangeError(`not a change channel name: ${channel}`);
      // Each subscription is its own entry, even for the same function.
      const entry: ChangeBusListener = (payload) => {
        listener(payload);
      };
      let set = listeners.get(channel);
      if (set === undefined) {
        set = new Set();
        listeners.set(channel, set);
        options.onChannelsChanged?.(channel, true);
      }
      set.add(entry);
      return () => {
        const current = listeners.get(channel);
        if (current === undefined || !current.delete(entry)) return;
        if (current.size > 0) return;
        listeners.delete(channel);
        options.onChannelsChanged?.(channel, false);
      };
    },
    channels() {
      return [...listeners.keys()];
    },
    settled() {
      return Promise.resolve();
    },
    close() {
      closed = true;
      listeners.clear();
      return Promise.resolve();
    },
  };
}
