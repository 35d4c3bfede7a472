/**
 * Response bytes gathered into one socket write per turn of the event loop: a FETCH of thousands of
 * messages renders thousands of small responses, and over TLS each socket write is its own record
 * and encryption call. Bytes keep their order; a large buffer (a message literal) is passed on
 * without copying once what came before it is flushed.
 */
import type { Writable } from 'node:stream';

/** Gathered bytes are written once they reach this size, without waiting for the turn to end. */
const flushBytes = 64 * 1024;

export interface CoalescedWrites {
  write(bytes: Uint8Array): void;
  /** Writes what is gathered now (before draining, closing or a STARTTLS upgrade). */
  flush(): void;
}

export function coalescedWrites(target: () => Writable): CoalescedWrites {
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let scheduled = false;

  function flush(): void {
    if (pending.length === 0) return;
    const socket = target();
    const chunk = pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    if (chunk !== undefined && !socket.destroyed && !socket.writableEnded) socket.write(chunk);
  }

  return {
    write(bytes) {
      if (bytes.length >= flushBytes) {
        flush();
        target().write(bytes);
        return;
      }
      pending.push(bytes);
      pendingBytes += bytes.length;
      if (pendingBytes >= flushBytes) {
        flush();
      } else if (!scheduled) {
        scheduled = true;
        process.nextTick(() => {
          scheduled = false;
          flush();
        });
      }
    },
    flush,
  };
}
