import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { configSchema } from '../config/config-schema.ts';
import { createVirusScanner } from './create-virus-scanner.ts';

const antivirus = (input: Record<string, unknown>) =>
  configSchema.parse({ provider: { domain: 'pec.example.it' }, antivirus: input }).antivirus;

/** Answers every command like a clamd whose verdict is always `reply`; counts connections. */
function fakeClamd(reply: string): { server: Server; connections: () => number } {
  let count = 0;
  const server = createServer((socket) => {
    count++;
    socket.on('error', () => undefined);
    socket.once('data', (data: Buffer) => {
      const command = data.subarray(0, data.indexOf(0)).toString('latin1');
      if (command === 'zPING') socket.end('PONG\0');
      else if (command === 'zVERSION') socket.end('ClamAV 1.4.6/27431/Sun Nov 22 09:25:02 2026\0');
      else socket.end(`${reply}\0`);
    });
  });
  return { server, connections: () => count };
}

describe('createVirusScanner', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pec-virus-scanner-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('kind none: everything clean, and the health line says development only', async () => {
    const scanner = createVirusScanner(antivirus({}));
    assert.equal(scanner.kind, 'none');
    assert.deepEqual(await scanner.scan(Buffer.from('anything')), { infected: false });
    assert.match(await scanner.checkHealth(), /development only/);
  });

  it('kind clamd over TCP uses host and port', async () => {
    const fake = fakeClamd('stream: Some.Virus FOUND');
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    const address = fake.server.address();
    assert.ok(typeof address === 'object' && address !== null);
    try {
      const scanner = createVirusScanner(antivirus({ kind: 'clamd', host: '127.0.0.1', port: address.port }));
      assert.equal(scanner.kind, 'clamd');
      assert.deepEqual(await scanner.scan(Buffer.from('x')), { infected: true, signature: 'Some.Virus' });
      assert.equal(
        await scanner.checkHealth(),
        `ClamAV 1.4.6/27431/Sun Nov 22 09:25:02 2026 at 127.0.0.1:${address.port}`,
      );
    } finally {
      await new Promise((resolve) => fake.server.close(resolve));
    }
  });

  it('kind clamd prefers the Unix socket over host and port', async () => {
    const fake = fakeClamd('stream: OK');
    const socket = join(dir, 'clamd.sock');
    await new Promise<void>((resolve) => fake.server.listen(socket, resolve));
    try {
      // Port 1 on loopback has nothing: only the socket can answer.
      const scanner = createVirusScanner(antivirus({ kind: 'clamd', port: 1, socket }));
      assert.deepEqual(await scanner.scan(Buffer.from('x')), { infected: false });
      assert.match(await scanner.checkHealth(), /at unix:.*clamd\.sock$/);
      assert.equal(fake.connections(), 3);
    } finally {
      await new Promise((resolve) => fake.server.close(resolve));
    }
  });

  it('kind clamd with nothing listening: scan and health throw', async () => {
    const scanner = createVirusScanner(
      antivirus({ kind: 'clamd', socket: join(dir, 'absent.sock'), timeoutMs: 1000 }),
    );
    await assert.rejects(scanner.scan(Buffer.from('x')), { name: 'ClamdError', reason: 'unavailable' });
    await assert.rejects(scanner.checkHealth(), { name: 'ClamdError' });
  });
});
