// Runs the BlobStore contract on temp directories, plus the file-system layout: sharded paths,
// no temporary files left behind, and stale temporaries removed at open.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { BlobStore } from '../../ports/blob-store.ts';
import { describeBlobStore } from '../contract/blob-store.contract.ts';
import { openFsBlobStore } from './open-fs-blob-store.ts';

const root = await mkdtemp(join(tmpdir(), 'pec-blobs-'));
after(() => rm(root, { recursive: true, force: true }));

const dirs = new WeakMap<BlobStore, string>();
let opened = 0;

describeBlobStore('fs', {
  async open() {
    opened += 1;
    const dir = join(root, `store-${opened}`);
    const store = await openFsBlobStore({ dir });
    dirs.set(store, dir);
    return store;
  },
  async openSecond(store) {
    const dir = dirs.get(store);
    assert.ok(dir !== undefined);
    return openFsBlobStore({ dir });
  },
});

void describe('fs blob store layout', () => {
  it('stores a blob at <dir>/ab/cd/<sha256> and leaves tmp empty', async () => {
    const dir = join(root, 'layout');
    const store = await openFsBlobStore({ dir });
    const bytes = Buffer.from('Received: by mx\r\n\r\nbody\r\n');
    const key = createHash('sha256').update(bytes).digest('hex');
    assert.equal(await store.put(bytes), key);
    const info = await stat(join(dir, key.slice(0, 2), key.slice(2, 4), key));
    assert.equal(info.size, bytes.length);
    assert.deepEqual(await readdir(join(dir, 'tmp')), []);
  });

  it('removes day-old temporaries at open and keeps fresh ones', async () => {
    const dir = join(root, 'stale');
    await openFsBlobStore({ dir });
    await writeFile(join(dir, 'tmp', 'old.partial'), 'x');
    await writeFile(join(dir, 'tmp', 'new.partial'), 'y');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    await utimes(join(dir, 'tmp', 'old.partial'), twoDaysAgo, twoDaysAgo);
    await openFsBlobStore({ dir });
    assert.deepEqual(await readdir(join(dir, 'tmp')), ['new.partial']);
  });
});
