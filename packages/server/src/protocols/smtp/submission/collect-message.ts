/**
 * Reads the DATA stream of one SMTP transaction into bytes, up to a limit. Past the limit it keeps
 * reading (the client is still sending and must get its reply after the final dot) but stops
 * keeping: memory never exceeds the limit, whatever the client sends (RFC 1870 §6, pec-spec §6.5).
 */
import type { Readable } from 'node:stream';

export type CollectedMessage =
  | { readonly kind: 'complete'; readonly bytes: Uint8Array }
  | { readonly kind: 'too-big'; readonly receivedBytes: number };

export function collectMessage(stream: Readable, limitBytes: number): Promise<CollectedMessage> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const finish = (outcome: CollectedMessage | Error) => {
      if (settled) return;
      settled = true;
      stream.off('data', onData);
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const onData = (chunk: Buffer | string) => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      received += buffer.length;
      if (received <= limitBytes) chunks.push(buffer);
      else chunks.length = 0;
    };
    stream.on('data', onData);
    stream.once('end', () => {
      finish(
        received > limitBytes
          ? { kind: 'too-big', receivedBytes: received }
          : { kind: 'complete', bytes: joinChunks(chunks, received) },
      );
    });
    stream.once('error', (error) => {
      finish(error);
    });
    // A connection that goes away mid-DATA closes the stream without 'end'.
    stream.once('close', () => {
      finish(new Error('the DATA stream closed before the end of the message'));
    });
  });
}

// A fresh array of its own (not a view into Node's shared Buffer pool), so consumers may keep it.
function joinChunks(chunks: readonly Buffer[], length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}
