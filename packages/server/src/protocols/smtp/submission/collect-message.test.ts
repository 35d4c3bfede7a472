/** collectMessage: exact bytes below the limit, `too-big` above it whatever the chunking. */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { collectMessage } from './collect-message.ts';

function feed(chunks: readonly Uint8Array[]): PassThrough {
  const stream = new PassThrough();
  setImmediate(() => {
    for (const chunk of chunks) stream.write(chunk);
    stream.end();
  });
  return stream;
}

describe('collectMessage', () => {
  it('returns the bytes exactly, or too-big with the count, for any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 12 }),
        fc.integer({ min: 0, max: 2000 }),
        async (chunks, limit) => {
          const all = Buffer.concat(chunks);
          const result = await collectMessage(feed(chunks), limit);
          if (all.length <= limit) {
            assert.equal(result.kind, 'complete');
            assert.deepEqual(Buffer.from(result.bytes), all);
          } else {
            assert.deepEqual(result, { kind: 'too-big', receivedBytes: all.length });
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('returns an array that is not a view into a shared pool', async () => {
    const result = await collectMessage(feed([Buffer.from('abc')]), 10);
    assert.equal(result.kind, 'complete');
    assert.equal(result.bytes.byteOffset, 0);
    assert.equal(result.bytes.buffer.byteLength, 3);
  });

  it('rejects when the stream is destroyed before its end', async () => {
    const stream = new PassThrough();
    const pending = collectMessage(stream, 100);
    stream.write('partial');
    stream.destroy();
    await assert.rejects(pending, /closed before the end/);
  });
});
