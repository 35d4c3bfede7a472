/**
 * The webmail's build served by the HTTP listener over a real socket: files with their types, the
 * strict Content-Security-Policy on every answer, hashed assets immutable and index.html
 * revalidated, index.html for app routes, 404 for missing files, nothing under /api, no way out of
 * the folder.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Registry } from 'prom-client';
import { createHttpServer, type HttpServer } from './create-http-server.ts';
import { webAppContentSecurityPolicy } from './serve-web-app.ts';

describe('serving the webmail build', () => {
  let dir = '';
  let server: HttpServer;
  let base = '';

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pec-web-'));
    await mkdir(join(dir, 'dist', 'assets'), { recursive: true });
    await writeFile(join(dir, 'dist', 'index.html'), '<!doctype html><title>app</title>');
    await writeFile(join(dir, 'dist', 'assets', 'index-AbC123.js'), 'console.log(1);');
    await writeFile(join(dir, 'dist', 'manifest.webmanifest'), '{}');
    await writeFile(join(dir, 'secret.txt'), 'outside');
    server = createHttpServer(
      { metrics: new Registry(), readiness: [] },
      { host: '127.0.0.1', port: 0, webAppDir: join(dir, 'dist') },
    );
    base = `http://127.0.0.1:${String((await server.listen()).port)}`;
  });
  after(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves index.html revalidated, under the strict CSP', async () => {
    const response = await fetch(`${base}/`);
    assert.equal(response.status, 200);
    assert.equal(await response.text(), '<!doctype html><title>app</title>');
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(response.headers.get('cache-control'), 'no-cache');
    assert.equal(response.headers.get('content-security-policy'), webAppContentSecurityPolicy);
    assert.match(webAppContentSecurityPolicy, /script-src 'self';/);
    assert.match(webAppContentSecurityPolicy, /frame-ancestors 'none'/);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  });

  it('serves hashed assets as immutable, other files revalidated', async () => {
    const asset = await fetch(`${base}/assets/index-AbC123.js`);
    assert.equal(asset.status, 200);
    assert.equal(asset.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(await asset.text(), 'console.log(1);');
    const manifest = await fetch(`${base}/manifest.webmanifest`);
    assert.equal(manifest.headers.get('content-type'), 'application/manifest+json');
    assert.equal(manifest.headers.get('cache-control'), 'no-cache');
    await manifest.body?.cancel();
  });

  it('answers app routes with index.html, missing files and /api paths with 404', async () => {
    const route = await fetch(`${base}/f/3/m/12`);
    assert.equal(route.status, 200);
    assert.match(await route.text(), /<title>app<\/title>/);
    assert.equal((await fetch(`${base}/assets/missing-1.js`)).status, 404);
    assert.equal((await fetch(`${base}/api/v1/folders`)).status, 404);
    assert.equal((await fetch(`${base}/f`, { method: 'POST' })).status, 404);
    // The routes of the listener keep precedence.
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
  });

  it('never leaves the build folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt']) {
      const response = await fetch(`${base}${path}`);
      const text = await response.text();
      assert.ok(!text.includes('outside'), path);
    }
  });
});
