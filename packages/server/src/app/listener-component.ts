/**
 * Listeners and background loops as components: a listener reports its bound addresses into the
 * list `pec serve` prints once it has started; a background loop starts at once and stops when
 * its current run ends.
 */
import type { ListenerAddress } from '../protocols/listener-address.ts';
import type { Component } from './component.ts';

export interface OpenListener {
  readonly addresses: readonly ListenerAddress[];
  close(): Promise<void>;
}

/** `open` binds the listener (or throws with nothing left bound); `stop` closes it gracefully. */
export function listenerComponent(
  name: string,
  open: () => Promise<OpenListener>,
  bound: ListenerAddress[],
): Component {
  let listener: OpenListener | undefined;
  return {
    name,
    async start() {
      listener = await open();
      bound.push(...listener.addresses);
    },
    async stop() {
      await listener?.close();
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
