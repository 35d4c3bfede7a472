import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UidList } from './uid-list.ts';

/** A plain sorted array doing what UidList must do. */
function lowerBound(uids: readonly number[], uid: number): number {
  const index = uids.findIndex((u) => u >= uid);
  return index < 0 ? uids.length : index;
}

function assertSame(list: UidList, uids: readonly number[]): void {
  assert.deepEqual(list.toArray(), uids);
  assert.equal(list.length, uids.length);
  assert.equal(list.last, uids[uids.length - 1] ?? 0);
  for (let i = -1; i <= uids.length; i++) assert.equal(list.at(i), uids[i]);
  const top = (uids[uids.length - 1] ?? 0) + 2;
  for (let uid = 0; uid <= top; uid++) {
    assert.equal(list.indexOf(uid), uids.indexOf(uid), `indexOf ${String(uid)}`);
    assert.equal(list.lowerBound(uid), lowerBound(uids, uid), `lowerBound ${String(uid)}`);
  }
}

describe('UidList', () => {
  it('maps indexes and UIDs both ways across runs and holes', () => {
    const uids = [1, 2, 3, 7, 9, 10, 11, 40];
    assertSame(new UidList(uids), uids);
    assertSame(new UidList([]), []);
  });

  it('appends, inserts and removes like a sorted array (removal at the start, end and inside runs)', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const reference = Array.from({ length: 60 }, (_, i) => i + 1).filter(() => random(5) !== 0);
    const list = new UidList(reference);
    for (let step = 0; step < 400; step++) {
      const choice = random(3);
      if (choice === 0) {
        const uid = (reference[reference.length - 1] ?? 0) + 1 + random(3);
        reference.push(uid);
        list.insert(uid);
      } else if (choice === 1 && reference.length > 0) {
        const index = random(reference.length);
        reference.splice(index, 1);
        list.removeAt(index);
      } else {
        const uid = 1 + random(80);
        if (!reference.includes(uid)) reference.splice(lowerBound(reference, uid), 0, uid);
        list.insert(uid);
      }
      if (step % 20 === 0) assertSame(list, reference);
    }
    assertSame(list, reference);
  });

  it('handles UIDs up to 2^32 - 1 (RFC 9051 §2.3.1.1)', () => {
    const uids = [4_294_967_293, 4_294_967_294, 4_294_967_295];
    const list = new UidList(uids);
    assert.equal(list.at(2), 4_294_967_295);
    assert.equal(list.indexOf(4_294_967_294), 1);
    assert.equal(list.last, 4_294_967_295);
  });
});
