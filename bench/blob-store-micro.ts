/**
 * In-process timing of the embedded blob stores (decision 0048): the same blobs put, read and checked
 * through the file store (one file each, fsync, rename, directory fsync) and through the SQLite store
 * (rows up to 64 KiB sharing the WAL's group commit), alternately in one run, so that the ratio between
 * them is measured under the same load. No sockets, no signatures.
 * `node --import tsx bench/blob-store-micro.ts [N]` (default 400 blobs of 10 KB, 16 puts in flight).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BlobStore } from '../packages/server/src/ports/blob-store.ts';
import { openFsBlobStore } from '../packages/server/src/storage/blobs-fs/open-fs-blob-store.ts';
import { openSqliteStores } from '../packages/server/src/storage/sqlite/open-sqlite-stores.ts';

const n = Number(process.argv[2] ?? 400);
const inFlight = 16;
const blobs = Array.from({ length: n }, () => randomBytes(10 * 1024));

async function timed(run: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

async function measure(store: BlobStore): Promise<Record<string, number>> {
  const keys: string[] = [];
  const half = Math.floor(n / 2);
  const sequential = await timed(async () => {
    for (const bytes of blobs.slice(0, half)) keys.push(await store.put(bytes));
  });
  const concurrent = await timed(async () => {
    let next = half;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < n) keys.push(await store.put(blobs[next++] as Buffer));
      }),
    );
  });
  const reads = await timed(async () => {
    for (const key of keys) await store.get(key);
  });
  return {
    'put, one at a time (ms per blob)': sequential / half,
    [`put, ${String(inFlight)} in flight (ms per blob)`]: concurrent / (n - half),
    'get (ms per blob)': reads / n,
  };
}

const root = await mkdtemp(join(tmpdir(), 'pec-blob-micro-'));
try {
  const fs = await openFsBlobStore({ dir: join(root, 'fs') });
  const sqlite = await openSqliteStores({ file: join(root, 'pec.sqlite'), blobsDir: join(root, 'blobs') });
  const before = loadavg()[0] ?? 0;
  const files = await measure(fs);
  const rows = await measure(sqlite.blobs);
  console.log(
    `${String(n)} blobs of 10 KB; load average ${before.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)}`,
  );
  console.log('| Measurement | files | SQLite rows | rows / files |');
  console.log('|---|---:|---:|---:|');
  for (const [name, value] of Object.entries(files)) {
    const row = rows[name] ?? Number.NaN;
    console.log(`| ${name} | ${value.toFixed(3)} | ${row.toFixed(3)} | ${(row / value).toFixed(2)} |`);
  }
  await sqlite.storage.close();
} finally {
  await rm(root, { recursive: true, force: true });
}
