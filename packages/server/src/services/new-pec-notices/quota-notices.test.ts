/**
 * Quota levels at their edges (70 %, 90 %, full; no quota means no level) and the words of the
 * notices: the new-PEC notice carries sender, subject (one line, cut) and time, nothing else.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeNewPec } from './describe-new-pec.ts';
import { describeQuota, quotaLevelOf } from './quota-notices.ts';

void describe('quota levels and notice words', () => {
  void it('finds the highest level reached', () => {
    assert.deepEqual(
      [0, 699, 700, 899, 900, 999, 1000, 1500].map((used) => quotaLevelOf(used, 1000)),
      [0, 0, 70, 70, 90, 90, 100, 100],
    );
    assert.equal(quotaLevelOf(5000, 0), 0, 'no quota, no level');
    assert.match(describeQuota({ box: 'a@pec.example', level: 90 }).subject, /90% full/);
    assert.match(describeQuota({ box: 'a@pec.example', level: 100 }).text, /cannot send/);
  });

  void it('says sender, subject and time in one short line each', () => {
    const notice = describeNewPec({
      box: 'a@pec.example',
      from: 'b@pec.example',
      subject: `Line one\r\nBcc: injected ${'x'.repeat(200)}`,
      at: new Date(Date.UTC(2026, 11, 7, 8, 5)),
    });
    assert.match(notice.text, /from b@pec\.example\n/);
    assert.match(notice.text, /received: 2026-12-07 08:05 UTC/);
    const subjectLine = /subject: (.*)\n/.exec(notice.text)?.[1] ?? '';
    assert.equal(subjectLine.length, 120);
    assert.ok(subjectLine.startsWith('Line one Bcc: injected'));
  });
});
