import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  compressSequenceSet,
  isSequenceSetWithin,
  iterateSequenceSet,
  parseSequenceSet,
  renderSequenceSet,
  resolveSequenceSet,
  sequenceSetContains,
  type SequenceSet,
} from './sequence-set.ts';

function set(text: string): SequenceSet {
  const parsed = parseSequenceSet(text);
  assert.ok(parsed !== null, text);
  return parsed;
}

describe('parseSequenceSet', () => {
  it('parses numbers, ranges in either order, * and $', () => {
    assert.deepEqual(set('1'), { kind: 'ranges', ranges: [{ start: 1, end: 1 }] });
    assert.deepEqual(set('4:2,*,7:*'), {
      kind: 'ranges',
      ranges: [
        { start: 4, end: 2 },
        { start: '*', end: '*' },
        { start: 7, end: '*' },
      ],
    });
    assert.deepEqual(set('$'), { kind: 'saved' });
  });

  it('rejects zero, empty parts, junk and 33-bit numbers', () => {
    for (const text of [
      '',
      '0',
      '1,',
      ',1',
      '1::2',
      '1:',
      ':1',
      'a',
      '1:2:3',
      '$,1',
      '01',
      '4294967296',
      '-1',
      '1 2',
    ]) {
      assert.equal(parseSequenceSet(text), null, text);
    }
    assert.deepEqual(set('4294967295'), { kind: 'ranges', ranges: [{ start: 4294967295, end: 4294967295 }] });
  });

  it('round-trips through renderSequenceSet', () => {
    for (const text of ['1', '1:4', '4:1', '*', '3:*', '*:3', '1,3:5,9:*', '$'])
      assert.equal(renderSequenceSet(set(text)), text);
  });
});

describe('resolving sequence sets', () => {
  it('iterates ascending, deduplicated, clipped to max', () => {
    assert.deepEqual([...iterateSequenceSet(set('5:3,4,9,*'), 7)], [3, 4, 5, 7]);
    assert.deepEqual([...iterateSequenceSet(set('1:*'), 0)], []);
    assert.deepEqual([...iterateSequenceSet(set('10:*'), 6)], [6]);
    assert.deepEqual([...iterateSequenceSet(set('$'), 10, [8, 2, 2])], [2, 8]);
    assert.deepEqual(resolveSequenceSet(set('1:3,4:6,10,12:11'), 100), [
      [1, 6],
      [10, 12],
    ]);
  });

  it('tests membership with * as max', () => {
    const s = set('2:4,10:*');
    assert.equal(sequenceSetContains(s, 3, 20), true);
    assert.equal(sequenceSetContains(s, 5, 20), false);
    assert.equal(sequenceSetContains(s, 15, 20), true);
    assert.equal(sequenceSetContains(s, 25, 20), false);
    assert.equal(sequenceSetContains(set('*:5'), 3, 2), true);
    assert.equal(sequenceSetContains(set('$'), 3, 9, [3]), true);
  });

  it('checks explicit numbers against the message count', () => {
    assert.equal(isSequenceSetWithin(set('1:5,*'), 5), true);
    assert.equal(isSequenceSetWithin(set('1:6'), 5), false);
  });
});

describe('compressSequenceSet', () => {
  it('writes the shortest set', () => {
    assert.equal(compressSequenceSet([1, 2, 3, 5, 7, 8]), '1:3,5,7:8');
    assert.equal(compressSequenceSet([8, 7, 1, 3, 2, 2, 5]), '1:3,5,7:8');
    assert.equal(compressSequenceSet([]), '');
    assert.equal(compressSequenceSet([42]), '42');
  });

  it('keeps order when asked (COPYUID pairs)', () => {
    assert.equal(compressSequenceSet([5, 6, 7, 2, 3], { preserveOrder: true }), '5:7,2:3');
  });

  it('compress → parse → iterate gives the sorted distinct input (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 300 }), { maxLength: 80 }), (numbers) => {
        const text = compressSequenceSet(numbers);
        const expected = [...new Set(numbers)].sort((a, b) => a - b);
        if (expected.length === 0) {
          assert.equal(text, '');
          return;
        }
        const parsed = parseSequenceSet(text);
        assert.ok(parsed !== null);
        assert.deepEqual([...iterateSequenceSet(parsed, 300)], expected);
        // No two adjacent ranges could have been merged.
        assert.equal(
          parsed.kind === 'ranges' ? parsed.ranges.length : 0,
          resolveSequenceSet(parsed, 300).length,
        );
      }),
    );
  });
});
