/**
 * The vocabulary and its documentation agree: every reason has one row in docs/refusals.md, whose
 * "Temp." column says what `isTemporaryRefusal` says, and the run-time list holds every reason once.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isTemporaryRefusal } from './is-temporary-refusal.ts';
import { refusalReasons } from './refusal-reasons.ts';
import { sampleRefusals } from './testing/sample-refusals.ts';

const docs = readFileSync(join(import.meta.dirname, '../../../../../docs/refusals.md'), 'utf8');

/** Table rows of docs/refusals.md by reason: the cells after the reason. */
function documentedRows(): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of docs.split('\n')) {
    const match = /^\| `([a-z-]+)` +\|(.*)\|$/.exec(line);
    if (match?.[1] === undefined || match[2] === undefined) continue;
    assert.ok(!rows.has(match[1]), `${match[1]} is documented twice`);
    rows.set(
      match[1],
      match[2].split(/(?<!\\)\|/).map((cell) => cell.trim()),
    );
  }
  return rows;
}

describe('refusal vocabulary', () => {
  it('lists every reason once at run time', () => {
    assert.equal(new Set(refusalReasons).size, refusalReasons.length);
    assert.deepEqual([...refusalReasons].sort(), sampleRefusals.map((r) => r.reason).sort());
  });

  it('documents every reason, with its temporariness, in docs/refusals.md', () => {
    const rows = documentedRows();
    assert.deepEqual([...rows.keys()].sort(), [...refusalReasons].sort());
    for (const refusal of sampleRefusals) {
      const temporary = rows.get(refusal.reason)?.[2];
      if (refusal.reason === 'all-recipients-refused') assert.equal(temporary, 'as the first');
      else assert.equal(temporary, isTemporaryRefusal(refusal) ? 'yes' : 'no', refusal.reason);
    }
  });
});
