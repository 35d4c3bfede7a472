import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  chmod,
  mkdtemp,
  open,
  readdir,
  readFile,
  readlink,
  rm,
  stat,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { Clock } from '../../ports/clock.ts';
import { openQuarantineStore, type QuarantineStore } from './open-quarantine-store.ts';
import { describeQuarantineStore } from './quarantine-store.contract.ts';
import type { QuarantineDetection } from './quarantine-record.ts';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function fakeClock(start: string): Clock & { set(iso: string): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current.getTime()),
    set: (iso) => {
      current = new Date(iso);
    },
  };
}

const infected = Buffer.from(
  'From: a@pec.example.it\r\nSubject: x\r\n\r\nnot really a virus, a stand-in\r\n',
);
const other = Buffer.from('From: b@pec.example.org\r\nSubject: y\r\n\r\nanother stand-in\r\n');
const detection: QuarantineDetection = {
  point: 'access',
  signature: 'Eicar-Test-Signature',
  sender: 'mario.rossi@pec.example.it',
  recipients: ['ufficio@pec.example.org', 'info@example.com'],
  identifier: 'opec-test.1@pec.example.it',
};

/** Every file and directory under `dir`, relative. */
async function tree(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    out.push(path);
    if (entry.isDirectory()) out.push(...(await tree(dir, path)));
  }
  return out.sort();
}

describeQuarantineStore('files', {
  async open(clock) {
    const root = await mkdtemp(join(tmpdir(), 'pec-quarantine-contract-'));
    // One process per folder: the second handle is the same store.
    const store = await openQuarantineStore({ dir: join(root, 'quarantine'), retentionMonths: 30, clock });
    return {
      store,
      second: store,
      close: () => rm(root, { recursive: true, force: true }),
    };
  },
});

describe('openQuarantineStore', () => {
  let dir: string;
  let clock: ReturnType<typeof fakeClock>;
  let store: QuarantineStore;

  beforeEach(async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'pec-quarantine-')), 'quarantine');
    clock = fakeClock('2026-11-22T10:00:00.000Z');
    store = await openQuarantineStore({ dir, retentionMonths: 30, clock });
  });
  afterEach(() => rm(join(dir, '..'), { recursive: true, force: true }));

  it('keeps the bytes content-addressed and a sidecar with every field', async () => {
    const record = await store.put(infected, detection);
    const hash = sha256(infected);
    const shard = hash.slice(0, 2);
    assert.deepEqual(await tree(dir), [
      shard,
      `${shard}/${hash}.20261122T100000000Z.access.json`,
      `${shard}/${hash}.eml`,
      'tmp',
    ]);
    assert.deepEqual(await readFile(join(dir, shard, `${hash}.eml`)), infected);
    const sidecar: unknown = JSON.parse(await readFile(join(dir, shard, `${record.id}.json`), 'utf8'));
    assert.deepEqual(sidecar, {
      version: 1,
      id: `${hash}.20261122T100000000Z.access`,
      sha256: hash,
      size: infected.length,
      detectedAt: '2026-11-22T10:00:00.000Z',
      point: 'access',
      signature: 'Eicar-Test-Signature',
      sender: 'mario.rossi@pec.example.it',
      recipients: ['ufficio@pec.example.org', 'info@example.com'],
      identifier: 'opec-test.1@pec.example.it',
      retainUntil: '2029-05-22T10:00:00.000Z',
    });
    assert.deepEqual(record, sidecar);
    for (const file of [`${hash}.eml`, `${record.id}.json`]) {
      assert.equal((await stat(join(dir, shard, file))).mode & 0o777, 0o400, `${file} is read-only`);
    }
    assert.equal((await stat(join(dir, shard))).mode & 0o777, 0o700);
    assert.deepEqual(await store.readMessage(hash), infected);
  });

  it('uses the given detection time and omits an absent identifier', async () => {
    const record = await store.put(other, {
      signature: detection.signature,
      sender: detection.sender,
      recipients: detection.recipients,
      point: 'reception',
      detectedAt: new Date('2027-08-31T23:30:00.000Z'),
    });
    assert.equal(record.detectedAt, '2027-08-31T23:30:00.000Z');
    assert.equal(record.retainUntil, '2030-02-28T23:30:00.000Z');
    assert.equal('identifier' in record, false);
    const raw = await readFile(join(dir, record.sha256.slice(0, 2), `${record.id}.json`), 'utf8');
    assert.doesNotMatch(raw, /identifier/);
  });

  it('stores one message file for repeated detections, one sidecar per detection', async () => {
    const first = await store.put(infected, detection);
    const again = await store.put(infected, detection);
    assert.deepEqual(again, first, 'the same detection is recorded once');
    clock.set('2026-11-23T08:00:00.000Z');
    const second = await store.put(infected, { ...detection, point: 'reception' });
    assert.equal(second.sha256, first.sha256);
    assert.notEqual(second.id, first.id);
    const files = (await tree(dir)).filter((path) => path.includes(first.sha256));
    assert.equal(files.filter((path) => path.endsWith('.eml')).length, 1);
    assert.equal(files.filter((path) => path.endsWith('.json')).length, 2);
    assert.deepEqual(
      (await store.list()).records.map((r) => r.id),
      [first.id, second.id],
    );
  });

  it('repairs a damaged message file on the next detection of the same bytes', async () => {
    const record = await store.put(infected, detection);
    const file = join(dir, record.sha256.slice(0, 2), `${record.sha256}.eml`);
    await chmod(file, 0o600);
    await writeFile(file, 'damaged');
    clock.set('2026-11-22T11:00:00.000Z');
    await store.put(infected, detection);
    assert.deepEqual(await readFile(file), infected);
  });

  it('purges by retention on the clock: sidecars first, then unreferenced messages', async () => {
    const a = await store.put(infected, detection); // retained until 2029-05-22T10:00Z
    clock.set('2027-01-10T09:00:00.000Z');
    const b = await store.put(other, { ...detection, point: 'reception' }); // until 2029-07-10T09:00Z
    clock.set('2027-02-01T00:00:00.000Z');
    const a2 = await store.put(infected, { ...detection, point: 'reception' }); // until 2029-08-01

    clock.set('2029-05-22T09:59:59.999Z');
    let purge = await store.purgeExpired();
    assert.deepEqual(purge, { purged: [], deletedMessages: [], kept: 3, unreadable: [] });

    clock.set('2029-05-22T10:00:00.000Z');
    purge = await store.purgeExpired();
    assert.deepEqual(
      purge.purged.map((r) => r.id),
      [a.id],
    );
    assert.deepEqual(purge.deletedMessages, [], 'a later detection still names the same bytes');
    assert.deepEqual(await store.readMessage(a.sha256), infected);

    purge = await store.purgeExpired(new Date('2029-07-10T09:00:00.000Z'));
    assert.deepEqual(
      purge.purged.map((r) => r.id),
      [b.id],
    );
    assert.deepEqual(purge.deletedMessages, [b.sha256]);
    await assert.rejects(store.readMessage(b.sha256), { code: 'ENOENT' });

    clock.set('2029-08-01T00:00:00.000Z');
    purge = await store.purgeExpired();
    assert.deepEqual(
      purge.purged.map((r) => r.id),
      [a2.id],
    );
    assert.deepEqual(purge.deletedMessages, [a.sha256]);
    assert.equal(purge.kept, 0);
    assert.deepEqual(await tree(dir), [a.sha256.slice(0, 2), b.sha256.slice(0, 2), 'tmp'].sort());
  });

  it('reports an unreadable sidecar, never purges it, and keeps its message', async () => {
    const record = await store.put(infected, detection);
    const shard = join(dir, record.sha256.slice(0, 2));
    const broken = join(shard, `${record.sha256}.20270101T000000000Z.access.json`);
    await writeFile(broken, '{ not json');
    const listing = await store.list();
    assert.deepEqual(
      listing.records.map((r) => r.id),
      [record.id],
    );
    assert.deepEqual(listing.unreadable, [broken]);
    const purge = await store.purgeExpired(new Date('2040-01-01T00:00:00.000Z'));
    assert.deepEqual(
      purge.purged.map((r) => r.id),
      [record.id],
    );
    assert.deepEqual(purge.deletedMessages, []);
    assert.deepEqual(purge.unreadable, [broken]);
    assert.deepEqual(await store.readMessage(record.sha256), infected);
  });

  it('serializes puts and purges so no record ever loses its message', async () => {
    clock.set('2030-01-01T00:00:00.000Z');
    const puts = Array.from({ length: 20 }, (_, i) =>
      store.put(i % 2 === 0 ? infected : other, {
        ...detection,
        detectedAt: new Date(Date.UTC(2026, 0, 1 + i)),
      }),
    );
    const purges = Array.from({ length: 5 }, () => store.purgeExpired(new Date('2028-07-05T00:00:00.000Z')));
    await Promise.all([...puts, ...purges]);
    const { records } = await store.list();
    for (const record of records)
      assert.deepEqual(sha256(await store.readMessage(record.sha256)), record.sha256);
    assert.ok(records.length > 0 && records.length < 20, `${records.length} left`);
  });

  it('refuses bad arguments and removes stale temporary files at open', async () => {
    await assert.rejects(openQuarantineStore({ dir, retentionMonths: 0, clock }), RangeError);
    await assert.rejects(store.readMessage('../../etc/passwd'), RangeError);
    const stale = join(dir, 'tmp', 'left-over');
    await writeFile(stale, 'x');
    const old = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    await utimes(stale, old, old);
    const fresh = join(dir, 'tmp', 'in-progress');
    await writeFile(fresh, 'y');
    await openQuarantineStore({ dir, retentionMonths: 30, clock });
    assert.deepEqual(await readdir(join(dir, 'tmp')), ['in-progress']);
  });
});

describe(
  'openQuarantineStore durability',
  { skip: process.platform !== 'linux' && 'needs /proc/self/fd' },
  () => {
    it('fsyncs the message, the sidecar and their directories before put returns', async () => {
      const root = await mkdtemp(join(tmpdir(), 'pec-quarantine-sync-'));
      const dir = join(root, 'quarantine');
      // Observe FileHandle.sync through its prototype, naming each synced descriptor via /proc.
      const probe = await open(root, 'r');
      const proto = Object.getPrototypeOf(probe) as { sync: (this: { fd: number }) => Promise<void> };
      await probe.close();
      const original = proto.sync;
      const synced: string[] = [];
      proto.sync = async function (this: { fd: number }) {
        synced.push(await readlink(`/proc/self/fd/${this.fd}`));
        return original.call(this);
      };
      try {
        const store = await openQuarantineStore({
          dir,
          retentionMonths: 30,
          clock: { now: () => new Date('2026-11-22T10:00:00.000Z') },
        });
        synced.length = 0;
        const record = await store.put(infected, detection);
        const shard = join(dir, record.sha256.slice(0, 2));
        // Files are synced under their temporary names, then linked or renamed into place.
        const temps = synced.filter((path) => path.startsWith(join(dir, 'tmp') + '/'));
        assert.equal(temps.length, 2, `message and sidecar synced: ${synced.join(', ')}`);
        assert.ok(synced.includes(shard), 'the shard directory entry is synced');
        assert.ok(synced.includes(dir), 'the new shard is synced in its parent');
        assert.ok(synced.indexOf(shard) > synced.indexOf(temps[1]!), 'directories after files');
      } finally {
        proto.sync = original;
        await rm(root, { recursive: true, force: true });
      }
    });
  },
);
