/**
 * Listeners and background loops as components: a listener reports its bound addresses into the
 * list `pec serve` prints once it has started; a background loop starts at once and stops when
 * its current run ends.
 */
import type { EventLog } from '../ports/event-log.ts';
import type { ListenerAddress } from '../protocols/listener-address.ts';
import type { Component } from './component.ts';

export interface OpenListener {
  readonly addresses: readonly ListenerAddress[];
  close(): Promise<void>;
}

/**
 * `open` binds the listener (or throws with nothing left bound); `stop` closes it gracefully.
 * With `events`, each bound address is reported as `listener.started` and `listener.stopped`.
 */
export function listenerComponent(
  name: string,
  open: () => Promise<OpenListener>,
  bound: ListenerAddress[],
  events?: EventLog,
): Component {
  let listener: OpenListener | undefined;
  return {
    name,
    async start() {
      listener = await open();
      bound.push(...listener.addresses);
      for (const a of listener.addresses) {
        events?.emit({ event: 'listener.started', listener: a.name, host: a.host, port: a.port });
      }
    },
    async stop() {
      await listener?.close();
      for (const a of listener?.addresses ?? [])
        events?.emit({ event: 'listener.stopped', listener: a.name });
    },
  };
}

export interface BackgroundLoop {
  start(): void;
  stop(): Promise<void>;
}

export function backgroundComponent(name: string, loop: BackgroundLoop): Component {
  return {
    name,
    start() {
      loop.start();
      return Promise.resolve();
    },
    stop: () => loop.stop(),
  };
}
