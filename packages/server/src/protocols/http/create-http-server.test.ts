/**
 * The HTTP listener over a real socket: /healthz, /readyz (every check bounded in time, 503 names
 * the failed ones), /metrics from the given registry with the 0.0.4 content type, 404 elsewhere.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Counter, Registry } from 'prom-client';
import { createHttpServer, type HttpServer } from './create-http-server.ts';

describe('createHttpServer', () => {
  const registry = new Registry();
  const counter = new Counter({ name: 'pec_test_total', help: 'A test counter.', registers: [registry] });
  let storageUp = true;
  let server: HttpServer;
  let base: string;

  before(async () => {
    server = createHttpServer(
      {
        metrics: registry,
        readiness: [
          {
            name: 'storage',
            check: () => (storageUp ? Promise.resolve() : Promise.reject(new Error('closed'))),
          },
          { name: 'signer', check: () => Promise.resolve() },
        ],
      },
      { host: '127.0.0.1', port: 0, checkTimeoutMs: 200 },
    );
    const { port } = await server.listen();
    base = `http://127.0.0.1:${port}`;
  });
  after(() => server.close());

  it('/healthz is 200 {status: ok}', async () => {
    const response = await fetch(`${base}/healthz`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok' });
  });

  it('/readyz is 200 when every check passes, 503 naming the one that failed', async () => {
    const ok = await fetch(`${base}/readyz`);
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { status: 'ready', checks: { storage: 'ok', signer: 'ok' } });
    storageUp = false;
    try {
      const down = await fetch(`${base}/readyz`);
      assert.equal(down.status, 503);
      assert.deepEqual(await down.json(), {
        status: 'not-ready',
        checks: { storage: 'closed', signer: 'ok' },
      });
    } finally {
      storageUp = true;
    }
  });

  it('/readyz does not wait for a check that hangs', async () => {
    const hanging = createHttpServer(
      { metrics: registry, readiness: [{ name: 'blobs', check: () => new Promise<void>(() => undefined) }] },
      { host: '127.0.0.1', port: 0, checkTimeoutMs: 100 },
    );
    const { port } = await hanging.listen();
    try {
      const response = await fetch(`http://127.0.0.1:${port}/readyz`);
      assert.equal(response.status, 503);
      assert.deepEqual(await response.json(), {
        status: 'not-ready',
        checks: { blobs: 'no answer within 100 ms' },
      });
    } finally {
      await hanging.close();
    }
  });

  it('/metrics serves the registry as Prometheus text 0.0.4', async () => {
    counter.inc(3);
    const response = await fetch(`${base}/metrics`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    assert.match(text, /^# HELP pec_test_total A test counter\.$/m);
    assert.match(text, /^pec_test_total 3$/m);
  });

  it('anything else is 404', async () => {
    assert.equal((await fetch(`${base}/nothing`)).status, 404);
  });

  it('close is idempotent and frees the port', async () => {
    const other = createHttpServer({ metrics: registry, readiness: [] }, { host: '127.0.0.1', port: 0 });
    const { port } = await other.listen();
    await Promise.all([other.close(), other.close()]);
    await assert.rejects(fetch(`http://127.0.0.1:${port}/healthz`));
  });
});
