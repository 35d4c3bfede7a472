/**
 * Contract of BlobStore for every adapter: byte-exact round trips of arbitrary binary (CR, LF,
 * NUL, invalid UTF-8, empty), content addressing (same bytes, same SHA-256 key), safe concurrent
 * puts of the same content, reads of many blobs at once (`getMany`), and has/size/delete/keys.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { BlobStore } from '../../ports/blob-store.ts';
import { isStorageError } from '../../ports/storage-error.ts';
import { must } from './storage-harness.ts';

export interface BlobStoreHarness {
  /** A fresh, empty store. */
  open(): Promise<BlobStore>;
  /** A second store on the same location (another process would see the same). */
  openSecond(store: BlobStore): Promise<BlobStore>;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export function describeBlobStore(name: string, harness: BlobStoreHarness): void {
  void describe(`BlobStore contract (${name})`, () => {
    void it('round-trips random binary byte for byte under its SHA-256 key', async () => {
      const store = await harness.open();
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) => {
          const key = await store.put(bytes);
          assert.equal(key, sha256(bytes));
          assert.deepEqual(new Uint8Array(await store.get(key)), bytes);
        }),
        { numRuns: 60 },
      );
    });

    void it('keeps CR, LF, NUL, lone CR and invalid UTF-8 untouched, and the empty blob', async () => {
      const store = await harness.open();
      const tricky = Buffer.concat([
        Buffer.from('Subject: x\r\n\r\nline\nbare-lf\rbare-cr\r\n.\r\n', 'latin1'),
        Buffer.from([0, 0, 0xff, 0xfe, 0xc3, 0x28, 0x0d, 0x00, 0x0a]),
        randomBytes(100_000),
      ]);
      const key = await store.put(tricky);
      const back = await store.get(key);
      assert.equal(Buffer.compare(back, tricky), 0);
      assert.equal(await store.size(key), tricky.length);
      const empty = await store.put(new Uint8Array());
      assert.equal(empty, sha256(new Uint8Array()));
      assert.equal((await store.get(empty)).length, 0);
    });

    void it('gives the same key to the same content and stores it once', async () => {
      const store = await harness.open();
      const bytes = randomBytes(2048);
      const a = await store.put(bytes);
      const b = await store.put(Buffer.from(bytes));
      assert.equal(a, b);
      const keys = [];
      for await (const key of store.keys()) keys.push(key);
      assert.deepEqual(keys, [a]);
    });

    void it('survives concurrent puts of the same content from several handles', async () => {
      const store = await harness.open();
      const second = await harness.openSecond(store);
      const bytes = randomBytes(512 * 1024);
      const keys = await Promise.all(
        Array.from({ length: 24 }, (_, i) => (i % 2 === 0 ? store : second).put(bytes)),
      );
      assert.equal(new Set(keys).size, 1);
      assert.equal(Buffer.compare(await second.get(must(keys[0])), bytes), 0);
      const listed = [];
      for await (const key of store.keys()) listed.push(key);
      assert.deepEqual(listed, [keys[0]], 'no temporary files are left as blobs');
    });

    void it('reads many blobs at once, in the order asked, small and large alike', async () => {
      const store = await harness.open();
      const blobs = [randomBytes(300), randomBytes(150_000), Buffer.alloc(0), randomBytes(70)];
      const keys = await Promise.all(blobs.map((bytes) => store.put(bytes)));
      const order = [3, 1, 0, 2, 0];
      const read = await store.getMany(order.map((i) => must(keys[i])));
      assert.deepEqual(
        read.map((bytes) => Buffer.from(bytes).toString('hex')),
        order.map((i) => must(blobs[i]).toString('hex')),
      );
      assert.deepEqual(await store.getMany([]), []);
      const unknown = sha256(Buffer.from('never stored'));
      await assert.rejects(store.getMany([must(keys[0]), unknown]), (e) => isStorageError(e, 'not-found'));
      await assert.rejects(store.getMany(['not-a-key']), (e) => isStorageError(e, 'invalid'));
    });

    void it('answers has, size and delete, and refuses unknown or malformed keys', async () => {
      const store = await harness.open();
      const key = await store.put(Buffer.from('hello'));
      const unknown = sha256(Buffer.from('other'));
      assert.equal(await store.has(key), true);
      assert.equal(await store.has(unknown), false);
      assert.equal(await store.size(key), 5);
      assert.equal(await store.size(unknown), undefined);
      await assert.rejects(store.get(unknown), (e) => isStorageError(e, 'not-found'));
      await assert.rejects(store.get('../../etc/passwd'), (e) => isStorageError(e, 'invalid'));
      assert.equal(await store.has('../x'), false);
      assert.equal(await store.delete(key), true);
      assert.equal(await store.delete(key), false);
      assert.equal(await store.has(key), false);
    });
  });
}
