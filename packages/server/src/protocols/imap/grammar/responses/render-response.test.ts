import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createResponseWriter } from '../response-writer.ts';
import type { ImapBodyStructure } from './body-structure.ts';
import type { ImapEnvelope } from './envelope.ts';
import { renderResponse, type ImapResponse } from './render-response.ts';

const dec = new TextDecoder('latin1');
const text = (response: ImapResponse | readonly ImapResponse[], utf8 = false): string =>
  dec.decode(renderResponse(response, { utf8 }));

describe('status responses and response codes', () => {
  const cases: Array<[ImapResponse, string]> = [
    [
      { kind: 'tagged', tag: 'A142', status: 'OK', code: { kind: 'READ-WRITE' }, text: 'SELECT completed' },
      'A142 OK [READ-WRITE] SELECT completed\r\n',
    ],
    [
      { kind: 'tagged', tag: 'a', status: 'NO', code: { kind: 'TRYCREATE' }, text: 'no such mailbox' },
      'a NO [TRYCREATE] no such mailbox\r\n',
    ],
    [{ kind: 'tagged', tag: 'a', status: 'BAD', text: '' }, 'a BAD completed\r\n'],
    [
      { kind: 'tagged', tag: 'a', status: 'NO', text: 'line1\r\na2 OK injected' },
      'a NO line1 a2 OK injected\r\n',
    ],
    [
      {
        kind: 'untagged',
        status: 'OK',
        code: { kind: 'UIDVALIDITY', value: 3857529045 },
        text: 'UIDs valid',
      },
      '* OK [UIDVALIDITY 3857529045] UIDs valid\r\n',
    ],
    [
      { kind: 'untagged', status: 'OK', code: { kind: 'UIDNEXT', value: 4392 }, text: 'Predicted next UID' },
      '* OK [UIDNEXT 4392] Predicted next UID\r\n',
    ],
    [
      {
        kind: 'untagged',
        status: 'OK',
        code: { kind: 'PERMANENTFLAGS', flags: ['\\Deleted', '\\Seen', '\\*'] },
        text: 'Limited',
      },
      '* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n',
    ],
    [
      {
        kind: 'untagged',
        status: 'OK',
        code: { kind: 'CAPABILITY', capabilities: ['IMAP4rev1', 'IMAP4rev2', 'AUTH=PLAIN'] },
        text: 'ready',
      },
      '* OK [CAPABILITY IMAP4rev1 IMAP4rev2 AUTH=PLAIN] ready\r\n',
    ],
    [{ kind: 'untagged', status: 'BYE', text: 'Logging out' }, '* BYE Logging out\r\n'],
    [{ kind: 'untagged', status: 'PREAUTH', text: 'hi' }, '* PREAUTH hi\r\n'],
    [
      {
        kind: 'untagged',
        status: 'OK',
        code: { kind: 'HIGHESTMODSEQ', value: 715194045007 },
        text: 'Highest',
      },
      '* OK [HIGHESTMODSEQ 715194045007] Highest\r\n',
    ],
    [
      { kind: 'untagged', status: 'OK', code: { kind: 'NOMODSEQ' }, text: 'Sorry' },
      '* OK [NOMODSEQ] Sorry\r\n',
    ],
    [{ kind: 'untagged', status: 'OK', code: { kind: 'CLOSED' }, text: 'x' }, '* OK [CLOSED] x\r\n'],
    [
      {
        kind: 'tagged',
        tag: 'A003',
        status: 'OK',
        code: { kind: 'APPENDUID', uidValidity: 38505, uids: [3955] },
        text: 'APPEND completed',
      },
      'A003 OK [APPENDUID 38505 3955] APPEND completed\r\n',
    ],
    [
      {
        kind: 'tagged',
        tag: 'A004',
        status: 'OK',
        code: {
          kind: 'COPYUID',
          uidValidity: 38505,
          sourceUids: [304, 319, 320, 321],
          destinationUids: [3956, 3957, 3958, 3959],
        },
        text: 'Done',
      },
      'A004 OK [COPYUID 38505 304,319:321 3956:3959] Done\r\n',
    ],
    [
      {
        kind: 'tagged',
        tag: 'd105',
        status: 'OK',
        code: { kind: 'MODIFIED', ids: [7, 9] },
        text: 'Conditional STORE failed',
      },
      'd105 OK [MODIFIED 7,9] Conditional STORE failed\r\n',
    ],
    [
      { kind: 'untagged', status: 'NO', code: { kind: 'NOUPDATE', tag: 'B02' }, text: 'Too many' },
      '* NO [NOUPDATE "B02"] Too many\r\n',
    ],
    [
      {
        kind: 'tagged',
        tag: 'a',
        status: 'NO',
        code: { kind: 'BADCHARSET', charsets: ['UTF-8', 'US-ASCII'] },
        text: 'x',
      },
      'a NO [BADCHARSET (UTF-8 US-ASCII)] x\r\n',
    ],
    [
      {
        kind: 'tagged',
        tag: 'a',
        status: 'NO',
        code: { kind: 'AUTHENTICATIONFAILED' },
        text: 'Invalid credentials',
      },
      'a NO [AUTHENTICATIONFAILED] Invalid credentials\r\n',
    ],
    [
      { kind: 'tagged', tag: 'a', status: 'NO', code: { kind: 'OVERQUOTA' }, text: 'Quota' },
      'a NO [OVERQUOTA] Quota\r\n',
    ],
    [
      {
        kind: 'tagged',
        tag: 'a',
        status: 'NO',
        code: { kind: 'other', text: 'REFERRAL imap://x/' },
        text: 'y',
      },
      'a NO [REFERRAL imap://x/] y\r\n',
    ],
    [{ kind: 'continue', text: 'Ready for literal data' }, '+ Ready for literal data\r\n'],
    [{ kind: 'challenge', data: new Uint8Array(0) }, '+ \r\n'],
    [
      { kind: 'challenge', data: new TextEncoder().encode('<1896.697170952@postoffice.example.net>') },
      '+ PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UuZXhhbXBsZS5uZXQ+\r\n',
    ],
  ];
  for (const [response, expected] of cases) {
    it(expected.trim(), () => {
      assert.equal(text(response), expected);
    });
  }
});

describe('untagged data', () => {
  const cases: Array<[ImapResponse, string]> = [
    [{ kind: 'exists', count: 172 }, '* 172 EXISTS\r\n'],
    [{ kind: 'recent', count: 1 }, '* 1 RECENT\r\n'],
    [{ kind: 'expunge', sequence: 3 }, '* 3 EXPUNGE\r\n'],
    [
      { kind: 'vanished', earlier: true, uids: [300, 301, 302, 405, 411] },
      '* VANISHED (EARLIER) 300:302,405,411\r\n',
    ],
    [{ kind: 'vanished', earlier: false, uids: [5] }, '* VANISHED 5\r\n'],
    [
      { kind: 'flags', flags: ['\\Answered', '\\Flagged', '\\Deleted', '\\Seen', '\\Draft'] },
      '* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n',
    ],
    [
      { kind: 'list', attributes: ['\\Noselect'], delimiter: '/', mailbox: '~/Mail/foo' },
      '* LIST (\\Noselect) "/" ~/Mail/foo\r\n',
    ],
    [{ kind: 'list', attributes: [], delimiter: '.', mailbox: 'Città' }, '* LIST () "." Citt&AOA-\r\n'],
    [
      { kind: 'list', attributes: ['\\HasNoChildren', '\\Sent'], delimiter: '/', mailbox: 'Posta inviata' },
      '* LIST (\\HasNoChildren \\Sent) "/" "Posta inviata"\r\n',
    ],
    [{ kind: 'list', attributes: [], delimiter: null, mailbox: 'inbox' }, '* LIST () NIL INBOX\r\n'],
    [{ kind: 'list', attributes: [], delimiter: '\\', mailbox: 'a*b' }, '* LIST () "\\\\" "a*b"\r\n'],
    [{ kind: 'list', attributes: [], delimiter: '/', mailbox: 'NIL' }, '* LIST () "/" "NIL"\r\n'],
    [
      {
        kind: 'list',
        attributes: ['\\Subscribed'],
        delimiter: '/',
        mailbox: 'Foo',
        childInfo: ['SUBSCRIBED'],
      },
      '* LIST (\\Subscribed) "/" Foo ("CHILDINFO" ("SUBSCRIBED"))\r\n',
    ],
    [
      { kind: 'list', attributes: [], delimiter: '/', mailbox: 'New', oldName: 'Old' },
      '* LIST () "/" New ("OLDNAME" (Old))\r\n',
    ],
    [
      { kind: 'lsub', attributes: [], delimiter: '.', mailbox: '#news.comp.mail.mime' },
      '* LSUB () "." #news.comp.mail.mime\r\n',
    ],
    [
      {
        kind: 'status',
        mailbox: 'blurdybloop',
        items: [
          { item: 'MESSAGES', value: 231 },
          { item: 'UIDNEXT', value: 44292 },
        ],
      },
      '* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292)\r\n',
    ],
    [{ kind: 'search', ids: [2, 3, 6] }, '* SEARCH 2 3 6\r\n'],
    [{ kind: 'search', ids: [] }, '* SEARCH\r\n'],
    [{ kind: 'search', ids: [2, 5], modseq: 917162500 }, '* SEARCH 2 5 (MODSEQ 917162500)\r\n'],
    [{ kind: 'sort', ids: [2, 84, 882] }, '* SORT 2 84 882\r\n'],
    [
      { kind: 'esearch', tag: 'A282', uid: false, min: 2, count: 3 },
      '* ESEARCH (TAG "A282") MIN 2 COUNT 3\r\n',
    ],
    [
      {
        kind: 'esearch',
        tag: 'A283',
        uid: true,
        all: [2, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30],
      },
      '* ESEARCH (TAG "A283") UID ALL 2,10:30\r\n',
    ],
    [{ kind: 'esearch', tag: 'A284', uid: false, count: 0, all: [] }, '* ESEARCH (TAG "A284") COUNT 0\r\n'],
    [{ kind: 'esearch', uid: false, max: 9, modseq: 7 }, '* ESEARCH MAX 9 MODSEQ 7\r\n'],
    [
      {
        kind: 'esearch',
        tag: 'B01',
        uid: true,
        updates: [
          { kind: 'REMOVEFROM', pairs: [{ position: 0, ids: [5, 6, 7, 9] }] },
          { kind: 'ADDTO', pairs: [{ position: 0, ids: [12] }] },
        ],
      },
      '* ESEARCH (TAG "B01") UID REMOVEFROM (0 5:7,9) ADDTO (0 12)\r\n',
    ],
    [
      {
        kind: 'esearch',
        tag: 'C01',
        uid: true,
        updates: [
          {
            kind: 'ADDTO',
            pairs: [
              { position: 1, ids: [2733] },
              { position: 1, ids: [2732] },
            ],
          },
        ],
      },
      '* ESEARCH (TAG "C01") UID ADDTO (1 2733 1 2732)\r\n',
    ],
    [
      {
        kind: 'thread',
        threads: [
          { id: 2, children: [] },
          {
            id: 3,
            children: [
              {
                id: 6,
                children: [
                  { id: 4, children: [{ id: 23, children: [] }] },
                  { id: 44, children: [{ id: 7, children: [{ id: 96, children: [] }] }] },
                ],
              },
            ],
          },
        ],
      },
      '* THREAD (2)(3 6 (4 23)(44 7 96))\r\n',
    ],
    [
      {
        kind: 'thread',
        threads: [
          {
            id: null,
            children: [
              { id: 3, children: [] },
              { id: 5, children: [] },
            ],
          },
        ],
      },
      '* THREAD ((3)(5))\r\n',
    ],
    [{ kind: 'thread', threads: [] }, '* THREAD\r\n'],
    [
      { kind: 'capability', capabilities: ['IMAP4rev1', 'STARTTLS', 'AUTH=GSSAPI', 'LOGINDISABLED'] },
      '* CAPABILITY IMAP4rev1 STARTTLS AUTH=GSSAPI LOGINDISABLED\r\n',
    ],
    [{ kind: 'enabled', capabilities: ['CONDSTORE', 'QRESYNC'] }, '* ENABLED CONDSTORE QRESYNC\r\n'],
    [{ kind: 'enabled', capabilities: [] }, '* ENABLED\r\n'],
    [
      {
        kind: 'id',
        fields: [
          { key: 'name', value: 'pec' },
          { key: 'support-url', value: null },
        ],
      },
      '* ID ("name" "pec" "support-url" NIL)\r\n',
    ],
    [{ kind: 'id', fields: null }, '* ID NIL\r\n'],
    [
      { kind: 'namespace', personal: [{ prefix: '', delimiter: '/' }], otherUsers: null, shared: null },
      '* NAMESPACE (("" "/")) NIL NIL\r\n',
    ],
    [
      {
        kind: 'namespace',
        personal: [{ prefix: '', delimiter: '/' }],
        otherUsers: [{ prefix: '~', delimiter: '/' }],
        shared: [
          { prefix: '#shared/', delimiter: '/' },
          { prefix: '#public/', delimiter: null },
        ],
      },
      '* NAMESPACE (("" "/")) (("~" "/")) (("#shared/" "/")("#public/" NIL))\r\n',
    ],
    [
      { kind: 'quota', root: '', resources: [{ name: 'STORAGE', usage: 10, limit: 512 }] },
      '* QUOTA "" (STORAGE 10 512)\r\n',
    ],
    [{ kind: 'quotaroot', mailbox: 'INBOX', roots: [''] }, '* QUOTAROOT INBOX ""\r\n'],
    [{ kind: 'quotaroot', mailbox: 'comp.mail.mime', roots: [] }, '* QUOTAROOT comp.mail.mime\r\n'],
  ];
  for (const [response, expected] of cases) {
    it(expected.trim(), () => {
      assert.equal(text(response), expected);
    });
  }

  it('writes UTF-8 mailbox names raw once UTF8=ACCEPT is enabled', () => {
    const writer = createResponseWriter();
    const list: ImapResponse = { kind: 'list', attributes: [], delimiter: '/', mailbox: 'Città' };
    assert.equal(dec.decode(writer.render(list)), '* LIST () "/" Citt&AOA-\r\n');
    writer.enableUtf8();
    assert.equal(writer.utf8, true);
    assert.equal(new TextDecoder().decode(writer.render(list)), '* LIST () "/" "Città"\r\n');
  });

  it('renders several responses in order', () => {
    assert.equal(
      text([
        { kind: 'exists', count: 1 },
        { kind: 'tagged', tag: 'a', status: 'OK', text: 'NOOP completed' },
      ]),
      '* 1 EXISTS\r\na OK NOOP completed\r\n',
    );
  });
});

/** RFC 3501 §7.4.2 FETCH example, reproduced byte for byte. */
const rfcEnvelope: ImapEnvelope = {
  date: 'Wed, 17 Jul 1996 02:23:25 -0700 (PDT)',
  subject: 'IMAP4rev1 WG mtg summary and minutes',
  from: [{ name: 'Terry Gray', mailbox: 'gray', host: 'cac.washington.edu' }],
  sender: [{ name: 'Terry Gray', mailbox: 'gray', host: 'cac.washington.edu' }],
  replyTo: [{ name: 'Terry Gray', mailbox: 'gray', host: 'cac.washington.edu' }],
  to: [{ name: null, mailbox: 'imap', host: 'cac.washington.edu' }],
  cc: [
    { name: null, mailbox: 'minutes', host: 'CNRI.Reston.VA.US' },
    { name: 'John Klensin', mailbox: 'KLENSIN', host: 'MIT.EDU' },
  ],
  bcc: null,
  inReplyTo: null,
  messageId: '<B27397-0100000@cac.washington.edu>',
};

const textPlain: ImapBodyStructure = {
  kind: 'single',
  type: 'TEXT',
  subtype: 'PLAIN',
  parameters: [{ name: 'CHARSET', value: 'US-ASCII' }],
  id: null,
  description: null,
  encoding: '7BIT',
  size: 3028,
  lines: 92,
};

describe('FETCH responses', () => {
  it('reproduces the RFC 3501 §7.4.2 example', () => {
    const response: ImapResponse = {
      kind: 'fetch',
      sequence: 12,
      items: [
        { kind: 'FLAGS', flags: ['\\Seen'] },
        { kind: 'INTERNALDATE', date: new Date('1996-07-17T09:44:25Z'), offsetMinutes: -420 },
        { kind: 'RFC822.SIZE', size: 4286 },
        { kind: 'ENVELOPE', envelope: rfcEnvelope },
        { kind: 'BODY', structure: textPlain },
      ],
    };
    assert.equal(
      text(response),
      '* 12 FETCH (FLAGS (\\Seen) INTERNALDATE "17-Jul-1996 02:44:25 -0700" RFC822.SIZE 4286 ENVELOPE ' +
        '("Wed, 17 Jul 1996 02:23:25 -0700 (PDT)" "IMAP4rev1 WG mtg summary and minutes" ' +
        '(("Terry Gray" NIL "gray" "cac.washington.edu")) (("Terry Gray" NIL "gray" "cac.washington.edu")) ' +
        '(("Terry Gray" NIL "gray" "cac.washington.edu")) ((NIL NIL "imap" "cac.washington.edu")) ' +
        '((NIL NIL "minutes" "CNRI.Reston.VA.US")("John Klensin" NIL "KLENSIN" "MIT.EDU")) NIL NIL ' +
        '"<B27397-0100000@cac.washington.edu>") BODY ("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 3028 92))\r\n',
    );
  });

  const mixed: ImapBodyStructure = {
    kind: 'multipart',
    subtype: 'MIXED',
    parameters: [{ name: 'BOUNDARY', value: 'xyz' }],
    parts: [
      { ...textPlain, size: 1152, lines: 23 },
      {
        kind: 'single',
        type: 'TEXT',
        subtype: 'PLAIN',
        parameters: [
          { name: 'CHARSET', value: 'US-ASCII' },
          { name: 'NAME', value: 'cc.diff' },
        ],
        id: '<960723163407.20117h@cac.washington.edu>',
        description: 'Compiler diff',
        encoding: 'BASE64',
        size: 4554,
        lines: 73,
        disposition: { type: 'attachment', parameters: [{ name: 'filename', value: 'cc.diff' }] },
        language: ['it', 'en'],
        md5: null,
        location: null,
      },
    ],
    language: ['it'],
  };

  it('writes the RFC 3501 multipart BODY example and its BODYSTRUCTURE form', () => {
    assert.equal(
      text({ kind: 'fetch', sequence: 1, items: [{ kind: 'BODY', structure: mixed }] }),
      '* 1 FETCH (BODY (("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 1152 23)("TEXT" "PLAIN" ' +
        '("CHARSET" "US-ASCII" "NAME" "cc.diff") "<960723163407.20117h@cac.washington.edu>" "Compiler diff" ' +
        '"BASE64" 4554 73) "MIXED"))\r\n',
    );
    assert.equal(
      text({ kind: 'fetch', sequence: 1, items: [{ kind: 'BODYSTRUCTURE', structure: mixed }] }),
      '* 1 FETCH (BODYSTRUCTURE (("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 1152 23 NIL NIL NIL NIL)' +
        '("TEXT" "PLAIN" ("CHARSET" "US-ASCII" "NAME" "cc.diff") "<960723163407.20117h@cac.washington.edu>" ' +
        '"Compiler diff" "BASE64" 4554 73 NIL ("attachment" ("filename" "cc.diff")) ("it" "en") NIL) "MIXED" ' +
        '("BOUNDARY" "xyz") NIL "it" NIL))\r\n',
    );
  });

  it('writes message/rfc822 parts with envelope, nested body and lines, and groups in envelopes', () => {
    const rfc822: ImapBodyStructure = {
      kind: 'single',
      type: 'MESSAGE',
      subtype: 'RFC822',
      parameters: [],
      id: null,
      description: null,
      encoding: '7BIT',
      size: 500,
      lines: 12,
      message: {
        envelope: {
          ...rfcEnvelope,
          from: null,
          sender: null,
          replyTo: null,
          cc: null,
          to: [{ group: 'undisclosed', members: [{ name: null, mailbox: 'a', host: 'b.it' }] }],
          subject: null,
          date: null,
          messageId: null,
        },
        body: { ...textPlain, parameters: [] },
      },
    };
    assert.equal(
      text({ kind: 'fetch', sequence: 2, items: [{ kind: 'BODY', structure: rfc822 }] }),
      '* 2 FETCH (BODY ("MESSAGE" "RFC822" NIL NIL NIL "7BIT" 500 (NIL NIL NIL NIL NIL ' +
        '((NIL NIL "undisclosed" NIL)(NIL NIL "a" "b.it")(NIL NIL NIL NIL)) NIL NIL NIL NIL) ' +
        '("TEXT" "PLAIN" NIL NIL NIL "7BIT" 3028 92) 12))\r\n',
    );
  });

  it('writes an empty multipart as one empty text part', () => {
    const empty: ImapBodyStructure = { kind: 'multipart', subtype: 'MIXED', parameters: [], parts: [] };
    assert.equal(
      text({ kind: 'fetch', sequence: 1, items: [{ kind: 'BODY', structure: empty }] }),
      '* 1 FETCH (BODY (("TEXT" "PLAIN" NIL NIL NIL "7BIT" 0 0) "MIXED"))\r\n',
    );
  });

  it('chooses quoted, literal, literal8 and NIL for data, byte-exact', () => {
    const enc = new TextEncoder();
    const body = enc.encode('Subject: prova\r\n\r\nCiao\r\n');
    const bytes = renderResponse({
      kind: 'fetch',
      sequence: 3,
      items: [
        { kind: 'UID', uid: 9 },
        { kind: 'BODY[]', section: { part: [], text: null, fields: [] }, data: body },
        {
          kind: 'BODY[]',
          section: { part: [], text: 'HEADER.FIELDS', fields: ['X-Ricevuta'] },
          data: enc.encode(''),
        },
        {
          kind: 'BODY[]',
          section: { part: [1], text: 'TEXT', fields: [] },
          origin: 0,
          data: enc.encode('a "q" \\'),
        },
        { kind: 'BODY[]', section: { part: [2], text: null, fields: [] }, data: null },
        { kind: 'BINARY[]', part: [2], data: new Uint8Array([1, 0, 2]) },
        { kind: 'BINARY[]', part: [1], origin: 4, data: enc.encode('plain') },
        { kind: 'BINARY.SIZE', part: [2], size: 3 },
        { kind: 'RFC822.HEADER', data: enc.encode('\xe8') },
        { kind: 'MODSEQ', modseq: 12121231000 },
      ],
    });
    const expected =
      '* 3 FETCH (UID 9 BODY[] {24}\r\nSubject: prova\r\n\r\nCiao\r\n BODY[HEADER.FIELDS (X-Ricevuta)] "" ' +
      'BODY[1.TEXT]<0> "a \\"q\\" \\\\" BODY[2] NIL BINARY[2] ~{3}\r\n\x01\x00\x02 BINARY[1]<4> "plain" ' +
      'BINARY.SIZE[2] 3 RFC822.HEADER {2}\r\n\xc3\xa8 MODSEQ (12121231000))\r\n';
    assert.equal(dec.decode(bytes), expected);
  });

  it('never re-encodes body bytes (all 256 byte values survive)', () => {
    const all = new Uint8Array(256).map((_, i) => i);
    const bytes = renderResponse({ kind: 'fetch', sequence: 1, items: [{ kind: 'RFC822', data: all }] });
    const header = '* 1 FETCH (RFC822 {256}\r\n';
    assert.deepEqual(bytes.subarray(header.length, header.length + 256), all);
    assert.equal(dec.decode(bytes.subarray(0, header.length)), header);
  });

  it('uses literals for strings with CR/LF, 8-bit text (unless UTF-8) or long values', () => {
    const envelope: ImapEnvelope = {
      ...rfcEnvelope,
      subject: 'Città',
      date: 'a\r\nb',
      messageId: 'x'.repeat(1500),
    };
    const plain = text({ kind: 'fetch', sequence: 1, items: [{ kind: 'ENVELOPE', envelope }] });
    assert.ok(
      plain.startsWith('* 1 FETCH (ENVELOPE ({4}\r\na\r\nb {6}\r\nCitt\xc3\xa0 '),
      plain.slice(0, 60),
    );
    assert.ok(plain.includes(`{1500}\r\n${'x'.repeat(1500)})`));
    const utf8 = new TextDecoder().decode(
      renderResponse({ kind: 'fetch', sequence: 1, items: [{ kind: 'ENVELOPE', envelope }] }, { utf8: true }),
    );
    assert.ok(utf8.includes(' "Città" '));
  });
});
