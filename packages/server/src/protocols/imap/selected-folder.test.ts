import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Folder, MessageState } from '../../ports/mailbox-store.ts';
import { parseSequenceSet, type SequenceSet } from './grammar/index.ts';
import { SelectedFolder } from './selected-folder.ts';

const folder: Folder = {
  id: 9,
  mailboxId: 1,
  name: 'INBOX',
  uidValidity: 77,
  uidNext: 20,
  highestModseq: 30,
  specialUse: null,
  securityArchive: false,
  createdAt: new Date(0),
};
const state = (uid: number, modseq = uid, flags: string[] = []): MessageState => ({ uid, modseq, flags });
const set = (text: string): SequenceSet => parseSequenceSet(text) ?? assert.fail(text);
const open = (uids: number[], readOnly = false) =>
  new SelectedFolder(
    folder,
    uids.map((uid) => state(uid)),
    readOnly,
  );

describe('SelectedFolder', () => {
  it('maps sequence numbers and UIDs both ways', () => {
    const selected = open([3, 5, 9]);
    assert.equal(selected.exists, 3);
    assert.equal(selected.uidAt(2), 5);
    assert.equal(selected.seqOf(9), 3);
    assert.equal(selected.seqOf(4), undefined);
  });

  it('resolves sequence sets and UID sets (RFC 9051 §6.4.9: n:* past the last UID has the last one)', () => {
    const selected = open([3, 5, 9]);
    assert.deepEqual(selected.resolve(set('2:*'), false), [
      { seq: 2, uid: 5 },
      { seq: 3, uid: 9 },
    ]);
    assert.deepEqual(selected.resolve(set('4:6'), true), [{ seq: 2, uid: 5 }]);
    assert.deepEqual(selected.resolve(set('100:*'), true), [{ seq: 3, uid: 9 }]);
    assert.deepEqual(selected.resolve(set('1,9'), true), [{ seq: 3, uid: 9 }]);
    assert.equal(selected.isValidSequenceSet(set('1:3')), true);
    assert.equal(selected.isValidSequenceSet(set('4')), false);
    assert.deepEqual(open([]).resolve(set('1:*'), true), []);
  });

  it('announces flag changes as FETCH and new messages as EXISTS, with MODSEQ under CONDSTORE and UID under QRESYNC', () => {
    const selected = open([3, 5]);
    selected.markFlagsAnnounced();
    selected.absorb({ states: [state(5, 31, ['\\Seen']), state(11, 32)], vanished: [], highestModseq: 32 });
    assert.deepEqual(selected.takeUpdates({ allowExpunge: true, condstore: false }), [
      { kind: 'fetch', sequence: 2, items: [{ kind: 'FLAGS', flags: ['\\Seen'] }] },
      { kind: 'exists', count: 3 },
    ]);
    assert.equal(selected.highestModseq, 32);
    selected.absorb({ states: [state(3, 33, ['\\Flagged'])], vanished: [], highestModseq: 33 });
    assert.deepEqual(selected.takeUpdates({ allowExpunge: true, condstore: true }), [
      {
        kind: 'fetch',
        sequence: 1,
        items: [
          { kind: 'MODSEQ', modseq: 33 },
          { kind: 'FLAGS', flags: ['\\Flagged'] },
        ],
      },
    ]);
    selected.absorb({ states: [state(3, 34, [])], vanished: [], highestModseq: 34 });
    assert.deepEqual(selected.takeUpdates({ allowExpunge: true, condstore: true, qresync: true }), [
      {
        kind: 'fetch',
        sequence: 1,
        items: [
          { kind: 'UID', uid: 3 },
          { kind: 'MODSEQ', modseq: 34 },
          { kind: 'FLAGS', flags: [] },
        ],
      },
    ]);
  });

  it('holds EXPUNGE back when not allowed and then sends it with shifting sequence numbers', () => {
    const selected = open([3, 5, 9, 12]);
    selected.markFlagsAnnounced();
    selected.absorb({ states: [], vanished: [5, 9, 100], highestModseq: 40 });
    assert.deepEqual(selected.takeUpdates({ allowExpunge: false, condstore: false }), []);
    assert.equal(selected.exists, 4);
    assert.equal(selected.isExpungedPending(5), true);
    assert.equal(selected.seqOf(12), 4);
    assert.deepEqual(selected.takeUpdates({ allowExpunge: true, condstore: false }), [
      { kind: 'expunge', sequence: 2 },
      { kind: 'expunge', sequence: 2 },
    ]);
    assert.deepEqual(selected.uids, [3, 12]);
    assert.deepEqual(selected.takeUpdates({ allowExpunge: true, condstore: false }), []);
  });

  it('keeps EXISTS right when expunges and arrivals balance out', () => {
    const selected = open([1, 2, 3]);
    selected.markFlagsAnnounced();
    selected.absorb({ states: [state(4, 50)], vanished: [1], highestModseq: 50 });
    assert.deepEqual(selected.takeUpdates({ allowExpunge: true, condstore: false }), [
      { kind: 'expunge', sequence: 1 },
      { kind: 'exists', count: 3 },
    ]);
  });

  it('does not echo the session’s own flag writes', () => {
    const selected = open([3, 5]);
    selected.markFlagsAnnounced();
    selected.noteOwnFlagChanges([state(3, 41, ['\\Seen'])]);
    selected.absorb({
      states: [state(3, 41, ['\\Seen']), state(5, 42, ['\\Answered'])],
      vanished: [],
      highestModseq: 42,
    });
    assert.deepEqual(selected.takeUpdates({ allowExpunge: true, condstore: false }), [
      { kind: 'fetch', sequence: 2, items: [{ kind: 'FLAGS', flags: ['\\Answered'] }] },
    ]);
  });

  it('announces FLAGS again when a new keyword appears, and has no PERMANENTFLAGS when read-only', () => {
    const selected = open([3]);
    selected.markFlagsAnnounced();
    selected.absorb({ states: [state(3, 60, ['$Important'])], vanished: [], highestModseq: 60 });
    const updates = selected.takeUpdates({ allowExpunge: true, condstore: false });
    assert.deepEqual(updates[0], {
      kind: 'flags',
      flags: ['\\Answered', '\\Flagged', '\\Deleted', '\\Seen', '\\Draft', '$Important'],
    });
    assert.deepEqual(open([], true).permanentFlags, []);
    assert.ok(open([]).permanentFlags.includes('\\*'));
  });
});
