import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { threadByOrderedSubject } from './thread-ordered-subject.ts';
import {
  parseMessageIds,
  threadByReferences,
  type MessageThread,
  type ThreadInput,
} from './thread-references.ts';

let counter = 0;
function msg(id: number, fields: Partial<ThreadInput> = {}): ThreadInput {
  counter++;
  return {
    id,
    order: id,
    sentDate: id * 1000,
    subject: `subject ${counter}`,
    messageId: `<m${id}@x>`,
    references: null,
    inReplyTo: null,
    ...fields,
  };
}

/** RFC 5256 wire form of a thread list, e.g. `(1 2 (3)(4))`. */
function render(threads: readonly MessageThread[]): string {
  const chain = (node: MessageThread): string => {
    const parts: string[] = [];
    let current: MessageThread | undefined = node;
    while (current !== undefined) {
      if (current.id !== null) parts.push(String(current.id));
      if (current.children.length === 1) {
        current = current.children[0];
        continue;
      }
      if (current.children.length > 1) parts.push(current.children.map((c) => `(${chain(c)})`).join(''));
      current = undefined;
    }
    return parts.join(' ');
  };
  return threads.map((t) => `(${chain(t)})`).join('');
}

describe('parseMessageIds', () => {
  it('reads msg-ids in order, joining folded ones', () => {
    assert.deepEqual(parseMessageIds('<a@x> junk <b@\r\n y>\t<c@z>'), ['a@x', 'b@y', 'c@z']);
    assert.deepEqual(parseMessageIds('no ids'), []);
    assert.deepEqual(parseMessageIds(null), []);
  });
});

describe('threadByReferences (RFC 5256 §4)', () => {
  it('links a chain through References', () => {
    const list = [msg(1), msg(2, { references: '<m1@x>' }), msg(3, { references: '<m1@x> <m2@x>' })];
    assert.equal(render(threadByReferences(list)), '(1 2 3)');
  });

  it('orders siblings by sent date, then by sequence', () => {
    const list = [
      msg(1),
      msg(2, { references: '<m1@x>', sentDate: 9000 }),
      msg(3, { references: '<m1@x>', sentDate: 5000 }),
      msg(4, { references: '<m1@x>', sentDate: 5000 }),
    ];
    assert.equal(render(threadByReferences(list)), '(1 (3)(4)(2))');
  });

  it('uses In-Reply-To only without References', () => {
    const list = [
      msg(1),
      msg(2, { inReplyTo: '<m1@x> <other@x>' }),
      msg(3, { inReplyTo: '<m1@x>', references: '<m2@x>' }),
    ];
    assert.equal(render(threadByReferences(list)), '(1 2 3)');
  });

  it('keeps a dummy root for siblings whose parent is missing, promotes a single child', () => {
    const list = [
      msg(1, { references: '<gone@x>' }),
      msg(2, { references: '<gone@x>' }),
      msg(3, { references: '<lost@x>' }),
    ];
    assert.equal(render(threadByReferences(list)), '((1)(2))(3)');
  });

  it('promotes the children of a missing message in the middle of a chain', () => {
    const list = [
      msg(1),
      msg(3, { references: '<m1@x> <gone@x>' }),
      msg(4, { references: '<m1@x> <gone@x>' }),
    ];
    assert.equal(render(threadByReferences(list)), '(1 (3)(4))');
  });

  it('lets the message own References win over links made by others', () => {
    // 2 (seen first) claims 1 is the child of 3; 1 itself, seen later, says it has no parent.
    const list = [msg(2, { references: '<m3@x> <m1@x>' }), msg(1), msg(3)];
    assert.equal(render(threadByReferences(list)), '(1 2)(3)');
  });

  it('survives reference loops and self-references', () => {
    const list = [
      msg(1, { references: '<m2@x>' }),
      msg(2, { references: '<m1@x>' }),
      msg(3, { references: '<m3@x>' }),
    ];
    const threads = threadByReferences(list);
    const ids = JSON.stringify(threads).match(/"id":\d+/g) ?? [];
    assert.equal(ids.length, 3);
    assert.match(render(threads), /\(3\)$/);
  });

  it('drops the existing parent link when the new one would close a loop (RFC 5256 step 1C)', () => {
    // 1 says 2 → 3 → 1; 3 then names 1 as its parent, which would close a loop: 3 loses parent 2.
    const list = [msg(1, { references: '<m2@x> <m3@x>' }), msg(2), msg(3, { references: '<m1@x>' })];
    assert.equal(render(threadByReferences(list)), '(2)(3 1)');
  });

  it('gives duplicate and missing Message-IDs their own containers', () => {
    const list = [
      msg(1, { messageId: '<dup@x>' }),
      msg(2, { messageId: '<dup@x>' }),
      msg(3, { messageId: null }),
    ];
    assert.equal(render(threadByReferences(list)), '(1)(2)(3)');
  });

  it('merges unlinked threads with the same base subject (RFC 5256 §4 step 5)', () => {
    const list = [
      msg(1, { subject: 'Contratto' }),
      msg(2, { subject: 'Re: contratto' }),
      msg(3, { subject: 'Altro' }),
      msg(4, { subject: 'altro' }),
    ];
    // A reply goes under the original; two originals get a dummy parent.
    assert.equal(render(threadByReferences(list)), '(1 2)((3)(4))');
  });

  it('merges a thread into a dummy with the same subject', () => {
    const list = [
      msg(1, { subject: 'Fattura', references: '<gone@x>' }),
      msg(2, { subject: 'Re: Fattura', references: '<gone@x>' }),
      msg(3, { subject: 'Fattura' }),
    ];
    assert.equal(render(threadByReferences(list)), '((1)(2)(3))');
  });

  it('orders threads by the date of their first message', () => {
    const list = [msg(1, { sentDate: 50_000 }), msg(2, { sentDate: 10_000 }), msg(3, { sentDate: 30_000 })];
    assert.equal(render(threadByReferences(list)), '(2)(3)(1)');
  });
});

describe('threadByOrderedSubject (RFC 5256 §4)', () => {
  it('groups by base subject, first message as the parent of the rest', () => {
    const list = [
      msg(1, { subject: 'b', sentDate: 3000 }),
      msg(2, { subject: 'Re: a', sentDate: 2000 }),
      msg(3, { subject: 'a', sentDate: 1000 }),
      msg(4, { subject: 'B', sentDate: 4000 }),
      msg(5, { subject: 'a', sentDate: 5000 }),
    ];
    assert.equal(render(threadByOrderedSubject(list)), '(3 (2)(5))(1 4)');
  });
});
