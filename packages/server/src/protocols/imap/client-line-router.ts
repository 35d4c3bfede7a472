/**
 * Where the reader's events go: while a command waits for the client's next raw line (a SASL
 * response during AUTHENTICATE, DONE during IDLE: RFC 9051 §6.2.2, RFC 2177), that line (or a line
 * over the limit) goes to it; everything else is queued for the session to run in arrival order.
 */
import type { ReaderEvent } from './grammar/index.ts';
import type { ClientLine } from './session-updates.ts';

export class ClientLineRouter {
  /** Events waiting to be handled, in arrival order. */
  readonly queue: ReaderEvent[] = [];
  #waiter: ((line: ClientLine) => void) | null = null;
  /** Called when a waiting command takes its line, before it resumes (the session holds input). */
  readonly #onLineTaken: () => void;

  constructor(onLineTaken: () => void) {
    this.#onLineTaken = onLineTaken;
  }

  /** Whether a command waits for a raw line. */
  get waiting(): boolean {
    return this.#waiter !== null;
  }

  accept(events: readonly ReaderEvent[]): void {
    for (const event of events) {
      const waiter = this.#waiter;
      if (waiter !== null && (event.kind === 'continuation-line' || event.kind === 'error')) {
        this.#waiter = null;
        // Hold further input until the command decides what comes next (reader is paused again).
        this.#onLineTaken();
        waiter(
          event.kind === 'continuation-line' ? { kind: 'line', text: event.line } : { kind: 'unreadable' },
        );
      } else {
        this.queue.push(event);
      }
    }
  }

  /** The next raw line, once `accept` sees it (the caller then feeds the reader's pending line). */
  next(): Promise<ClientLine> {
    return new Promise<ClientLine>((resolve) => {
      this.#waiter = resolve;
    });
  }

  /** The connection is gone: a waiting command gets `closed`. */
  close(): void {
    const waiter = this.#waiter;
    this.#waiter = null;
    waiter?.({ kind: 'closed' });
  }
}
