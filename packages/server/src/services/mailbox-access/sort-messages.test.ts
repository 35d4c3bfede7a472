import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MessageEnvelope } from '../../ports/mailbox-store.ts';
import { sentDate, sortMessages, type SortCriterion, type SortInput } from './sort-messages.ts';

const empty: MessageEnvelope = {
  date: null,
  subject: null,
  from: [],
  sender: [],
  replyTo: [],
  to: [],
  cc: [],
  bcc: [],
  inReplyTo: null,
  messageId: null,
};

function input(id: number, fields: Partial<MessageEnvelope>, extra: Partial<SortInput> = {}): SortInput {
  return {
    id,
    order: id,
    internalDate: new Date(Date.UTC(2024, 0, id)),
    size: 100,
    envelope: { ...empty, ...fields },
    ...extra,
  };
}

const by = (key: SortCriterion['key'], reverse = false): SortCriterion[] => [{ key, reverse }];

describe('sortMessages (RFC 5256 §3, RFC 5957)', () => {
  const list = [
    input(
      1,
      {
        subject: 'Re: banana',
        from: [{ name: 'Zed', address: 'zed@x.example' }],
        date: 'Mon, 01 Jan 2024 10:00:00 +0000',
      },
      { size: 300, internalDate: new Date('2024-02-01') },
    ),
    input(
      2,
      {
        subject: 'apple',
        from: [{ name: null, address: 'Bob@x.example' }],
        cc: [{ name: null, address: 'c@x' }],
        date: 'Mon, 01 Jan 2024 09:00:00 -0200',
      },
      { size: 200, internalDate: new Date('2024-01-01') },
    ),
    input(
      3,
      {
        subject: '[list] Cherry',
        from: [{ name: '=?UTF-8?Q?=C3=80lfa?=', address: 'alfa@x.example' }],
        to: [
          { name: null, address: 'group' },
          { name: 'Y', address: 'amy@x' },
          { name: null, address: '' },
        ],
      },
      { size: 100, internalDate: new Date('2024-01-15') },
    ),
  ];

  it('ARRIVAL uses the internal date', () => {
    assert.deepEqual(sortMessages(list, by('ARRIVAL')), [2, 3, 1]);
  });

  it('DATE uses the Date: header in UTC, else the internal date', () => {
    // 1: 10:00Z; 2: 11:00Z; 3: no Date -> 2024-01-15.
    assert.deepEqual(sortMessages(list, by('DATE')), [1, 2, 3]);
    assert.equal(sentDate(list[2]!.envelope, list[2]!.internalDate), new Date('2024-01-15').getTime());
  });

  it('SIZE and REVERSE SIZE', () => {
    assert.deepEqual(sortMessages(list, by('SIZE')), [3, 2, 1]);
    assert.deepEqual(sortMessages(list, by('SIZE', true)), [1, 2, 3]);
  });

  it('SUBJECT uses the base subject', () => {
    assert.deepEqual(sortMessages(list, by('SUBJECT')), [2, 1, 3]);
  });

  it('FROM uses the first mailbox local part, case-insensitively', () => {
    assert.deepEqual(sortMessages(list, by('FROM')), [3, 2, 1]);
  });

  it('TO uses a leading group name; CC sorts empty first', () => {
    // 3's To starts with the group "group": "" (1), "" (2), "GROUP" (3).
    assert.deepEqual(sortMessages(list, by('TO')), [1, 2, 3]);
    assert.deepEqual(sortMessages(list, by('TO', true)), [3, 1, 2]);
    assert.deepEqual(sortMessages(list, by('CC')), [1, 3, 2]);
  });

  it('DISPLAYFROM uses the decoded display name, else the address', () => {
    // Keys: 1 "ZED", 2 "BOB@X.EXAMPLE", 3 "A\u0300LFA" (decomposed, so before "B").
    assert.deepEqual(sortMessages(list, by('DISPLAYFROM')), [3, 2, 1]);
    assert.deepEqual(sortMessages(list, by('DISPLAYTO')), [1, 2, 3]);
  });

  it('breaks ties with the next criterion, then with mailbox order, never reversed', () => {
    const same = [input(1, {}, { size: 5 }), input(2, {}, { size: 5 }), input(3, {}, { size: 1 })];
    assert.deepEqual(sortMessages(same, by('SIZE', true)), [1, 2, 3]);
    assert.deepEqual(
      sortMessages(same, [
        { key: 'SIZE', reverse: false },
        { key: 'ARRIVAL', reverse: true },
      ]),
      [3, 2, 1],
    );
  });
});
