// Runs the BlobStore contract on the embedded store (small blobs as rows of the embedded database,
// larger ones as files), plus what the split adds: the 64 KiB boundary, blobs written as files
// before migration 39 (still readable, listed once, deleted from both places), a put made while a
// Storage transaction is open that does not become part of it, and a put that is durable on return.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { Storage } from '../../ports/storage.ts';
import { openFsBlobStore } from '../blobs-fs/open-fs-blob-store.ts';
import { describeBlobStore } from '../contract/blob-store.contract.ts';
import { openSqliteStores, type SqliteStoresOptions } from '../sqlite/open-sqlite-stores.ts';
import { defaultInlineMaxBytes } from './create-sqlite-blob-store.ts';

const root = await mkdtemp(join(tmpdir(), 'pec-sqlite-blobs-'));
const opened: Storage[] = [];
after(async () => {
  await Promise.all(opened.map((storage) => storage.close()));
  await rm(root, { recursive: true, force: true });
});

interface Place {
  readonly file: string;
  readonly blobsDir: string;
}
const places = new WeakMap<BlobStore, Place>();
let count = 0;

function newPlace(): Place {
  count += 1;
  return { file: join(root, `pec-${count}.sqlite`), blobsDir: join(root, `blobs-${count}`) };
}

async function open(place: Place, extra: Partial<SqliteStoresOptions> = {}) {
  const stores = await openSqliteStores({ ...place, ...extra });
  opened.push(stores.storage);
  places.set(stores.blobs, place);
  return stores;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const fileOf = (place: Place, key: string): string =>
  join(place.blobsDir, key.slice(0, 2), key.slice(2, 4), key);
const isFile = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

/** Keys with a row in `inline_blobs`, read through a connection of its own. */
function rowKeys(place: Place): string[] {
  const reader = new BetterSqlite3(place.file, { readonly: true });
  try {
    return reader
      .prepare<[], { sha256: string }>('select sha256 from inline_blobs order by sha256')
      .all()
      .map((row) => row.sha256);
  } finally {
    reader.close();
  }
}

async function listed(store: BlobStore): Promise<string[]> {
  const keys = [];
  for await (const key of store.keys()) keys.push(key);
  return keys.sort();
}

describeBlobStore('sqlite inline + fs', {
  async open() {
    return (await open(newPlace())).blobs;
  },
  async openSecond(store) {
    const place = places.get(store);
    assert.ok(place !== undefined);
    return (await open(place)).blobs;
  },
});

void describe('embedded blob store: rows and files', () => {
  it('keeps 64 KiB in a row and 64 KiB + 1 in a file', async () => {
    const place = newPlace();
    const { blobs } = await open(place);
    assert.equal(defaultInlineMaxBytes, 64 * 1024);
    const small = randomBytes(defaultInlineMaxBytes);
    const large = randomBytes(defaultInlineMaxBytes + 1);
    const smallKey = await blobs.put(small);
    const largeKey = await blobs.put(large);
    assert.deepEqual(rowKeys(place), [smallKey]);
    assert.equal(await isFile(fileOf(place, smallKey)), false);
    assert.equal(await isFile(fileOf(place, largeKey)), true);
    assert.equal(Buffer.compare(await blobs.get(smallKey), small), 0);
    assert.equal(Buffer.compare(await blobs.get(largeKey), large), 0);
    assert.equal(await blobs.size(smallKey), small.length);
    assert.equal(await blobs.size(largeKey), large.length);
    assert.deepEqual(await listed(blobs), [smallKey, largeKey].sort());
  });

  it('reads, lists and deletes blobs written as files before, and lists a small one put again once', async () => {
    const place = newPlace();
    const old = await openFsBlobStore({ dir: place.blobsDir });
    const small = Buffer.from('Subject: from before\r\n\r\nbody\r\n');
    const large = randomBytes(200 * 1024);
    const smallKey = await old.put(small);
    const largeKey = await old.put(large);

    const { blobs } = await open(place);
    assert.deepEqual(rowKeys(place), [], 'nothing is moved at open');
    assert.equal((await blobs.get(smallKey)).toString(), small.toString());
    assert.equal(Buffer.compare(await blobs.get(largeKey), large), 0);
    assert.equal(await blobs.has(smallKey), true);
    assert.equal(await blobs.size(smallKey), small.length);
    assert.deepEqual(await listed(blobs), [smallKey, largeKey].sort());

    // Put again, the small one gets a row beside its file; it is still one key.
    assert.equal(await blobs.put(small), smallKey);
    assert.deepEqual(rowKeys(place), [smallKey]);
    assert.deepEqual(await listed(blobs), [smallKey, largeKey].sort());

    assert.equal(await blobs.delete(smallKey), true);
    assert.equal(await blobs.has(smallKey), false, 'gone from the table and the files');
    assert.equal(await isFile(fileOf(place, smallKey)), false);
    assert.deepEqual(rowKeys(place), []);
    assert.equal(await blobs.delete(largeKey), true);
    assert.deepEqual(await listed(blobs), []);
  });

  it('does not let a put made during an open Storage transaction be rolled back with it', async () => {
    const place = newPlace();
    const { storage, blobs } = await open(place);
    const bytes = Buffer.from('Subject: put meanwhile\r\n\r\n');
    let put: Promise<string> | undefined;
    await assert.rejects(
      storage.transaction(async (tx) => {
        await tx.loginThrottle.increment(['k'], new Date(), new Date(0));
        // Another flow puts while this transaction holds the connection.
        put = blobs.put(bytes);
        await new Promise((resolve) => setImmediate(resolve));
        throw new Error('roll back');
      }),
      /roll back/,
    );
    assert.ok(put !== undefined);
    const key = await put;
    assert.equal((await blobs.get(key)).toString(), bytes.toString());
    assert.equal(await isFile(fileOf(place, key)), true, 'written as a file, outside the transaction');
    assert.deepEqual(rowKeys(place), []);
    assert.equal((await storage.loginThrottle.read(['k'])).size, 0, 'the transaction itself was rolled back');
  });

  it('lets a flow put from inside its own transaction (no wait for itself) and keep the blob', async () => {
    const place = newPlace();
    const { storage, blobs } = await open(place);
    const bytes = Buffer.from('Subject: notice queued in a transaction\r\n\r\n');
    const key = await storage.transaction(async (tx) => {
      await tx.loginThrottle.increment(['k'], new Date(), new Date(0));
      return blobs.put(bytes);
    });
    assert.equal((await blobs.get(key)).toString(), bytes.toString());
    assert.equal((await storage.loginThrottle.read(['k'])).size, 1);
  });

  it('returns from put only after the WAL fsync that covers its row', async () => {
    let release: () => void = () => undefined;
    let held = false;
    let syncs = 0;
    const place = newPlace();
    const { blobs } = await open(place, {
      syncWal: async () => {
        syncs += 1;
        if (held) await new Promise<void>((resolve) => (release = resolve));
      },
    });
    // Migrations synced at open; from here on the fsync is held.
    held = true;
    syncs = 0;
    const bytes = Buffer.from('Subject: durable\r\n\r\n');
    let returned = false;
    const put = blobs.put(bytes).then((key) => {
      returned = true;
      return key;
    });
    while (syncs === 0) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(returned, false, 'not returned while the fsync is held');
    held = false;
    release();
    assert.equal(await put, sha256(bytes));
    assert.equal(returned, true);
  });
});
