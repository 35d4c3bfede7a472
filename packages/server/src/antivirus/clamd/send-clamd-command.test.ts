import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { ClamdError } from './clamd-error.ts';
import { sendClamdCommand, type ClamdTarget } from './send-clamd-command.ts';

/** A stand-in for clamd on a loopback port; `onConnection` plays clamd's part. */
interface FakeClamd {
  readonly target: { host: string; port: number };
  close(): Promise<void>;
}

async function startFake(onConnection: (socket: Socket) => void): Promise<FakeClamd> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  assert.ok(typeof address === 'object' && address !== null);
  return {
    target: { host: '127.0.0.1', port: address.port },
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
    },
  };
}

/** Decodes `zINSTREAM\0` + framed chunks; calls `done` with the command, the chunk sizes and the data. */
function readInstream(socket: Socket, done: (command: string, sizes: number[], data: Buffer) => void): void {
  let buffer = Buffer.alloc(0);
  let command: string | undefined;
  const sizes: number[] = [];
  const parts: Buffer[] = [];
  socket.on('data', (data: Buffer) => {
    buffer = Buffer.concat([buffer, data]);
    if (command === undefined) {
      const end = buffer.indexOf(0);
      if (end < 0) return;
      command = buffer.subarray(0, end).toString('latin1');
      buffer = buffer.subarray(end + 1);
    }
    while (buffer.length >= 4) {
      const size = buffer.readUInt32BE(0);
      if (buffer.length < 4 + size) return;
      if (size === 0) {
        done(command, sizes, Buffer.concat(parts));
        return;
      }
      sizes.push(size);
      parts.push(buffer.subarray(4, 4 + size));
      buffer = buffer.subarray(4 + size);
    }
  });
}

async function rejection(promise: Promise<unknown>): Promise<ClamdError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ClamdError, `expected ClamdError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a rejection');
}

describe('sendClamdCommand framing', () => {
  let fake: FakeClamd;
  interface Seen {
    command: string;
    sizes: number[];
    data: Buffer;
  }
  let last: Seen | undefined;
  // Read through a function: the server callback assigns `last`, which narrowing cannot see.
  const seen = (): Seen | undefined => last;

  before(async () => {
    fake = await startFake((socket) => {
      readInstream(socket, (command, sizes, data) => {
        last = { command, sizes, data };
        socket.end('stream: OK\0');
      });
    });
  });
  after(() => fake.close());

  it('sends zINSTREAM, big-endian chunk lengths and a zero terminator, byte-exact', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 0, maxLength: 5000 }),
        fc.integer({ min: 1, max: 1500 }),
        async (bytes, chunkBytes) => {
          last = undefined;
          const reply = await sendClamdCommand({
            target: fake.target,
            command: 'INSTREAM',
            stream: bytes,
            chunkBytes,
            timeoutMs: 5000,
          });
          assert.equal(reply, 'stream: OK');
          const got = seen();
          assert.ok(got !== undefined);
          assert.equal(got.command, 'zINSTREAM');
          assert.deepEqual(new Uint8Array(got.data), bytes);
          assert.equal(got.sizes.length, Math.ceil(bytes.length / chunkBytes));
          assert.ok(got.sizes.every((size) => size <= chunkBytes));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('sends a subarray view of a larger buffer without its neighbours', async () => {
    const whole = Buffer.from('AAAAhello worldZZZZ');
    const view = whole.subarray(4, 15);
    await sendClamdCommand({
      target: fake.target,
      command: 'INSTREAM',
      stream: view,
      chunkBytes: 3,
      timeoutMs: 5000,
    });
    assert.equal(seen()?.data.toString(), 'hello world');
    assert.deepEqual(seen()?.sizes, [3, 3, 3, 2]);
  });
});

describe('sendClamdCommand failures', () => {
  it('rejects with unavailable when nothing listens on the port', async () => {
    const fake = await startFake(() => undefined);
    const target = fake.target;
    await fake.close();
    const error = await rejection(
      sendClamdCommand({ target, command: 'PING', chunkBytes: 1, timeoutMs: 5000 }),
    );
    assert.equal(error.reason, 'unavailable');
    assert.match(error.message, /ECONNREFUSED/);
  });

  it('rejects with unavailable when the Unix socket does not exist', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pec-clamd-missing-'));
    try {
      const target: ClamdTarget = { socket: join(dir, 'clamd.sock') };
      const error = await rejection(
        sendClamdCommand({ target, command: 'PING', chunkBytes: 1, timeoutMs: 5000 }),
      );
      assert.equal(error.reason, 'unavailable');
      assert.match(error.message, /unix:.*clamd\.sock/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects with timeout when clamd accepts but never answers', async () => {
    const fake = await startFake(() => undefined);
    try {
      const started = performance.now();
      const error = await rejection(
        sendClamdCommand({
          target: fake.target,
          command: 'INSTREAM',
          stream: Buffer.from('x'),
          chunkBytes: 1,
          timeoutMs: 300,
        }),
      );
      const elapsed = performance.now() - started;
      assert.equal(error.reason, 'timeout');
      assert.ok(elapsed >= 290 && elapsed < 3000, `took ${elapsed} ms`);
    } finally {
      await fake.close();
    }
  });

  it('rejects when the connection closes without a reply or inside one', async () => {
    for (const answer of ['', 'stream: OK']) {
      const fake = await startFake((socket) => socket.end(answer));
      try {
        const error = await rejection(
          sendClamdCommand({ target: fake.target, command: 'PING', chunkBytes: 1, timeoutMs: 5000 }),
        );
        assert.equal(error.reason, 'unavailable', JSON.stringify(answer));
      } finally {
        await fake.close();
      }
    }
  });

  it('rejects an endless reply with protocol', async () => {
    const fake = await startFake((socket) => socket.write(Buffer.alloc(70 * 1024, 0x41)));
    try {
      const error = await rejection(
        sendClamdCommand({ target: fake.target, command: 'VERSION', chunkBytes: 1, timeoutMs: 5000 }),
      );
      assert.equal(error.reason, 'protocol');
    } finally {
      await fake.close();
    }
  });
});
