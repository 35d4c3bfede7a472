// Example client commands from RFC 3501, RFC 9051 and the extension RFCs this grammar implements,
// each read by the command reader and typed by parseCommand; selected results are checked in detail.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCommandReader } from './command-reader.ts';
import { parseCommand, type ParsedCommand } from './parse-command.ts';

const enc = new TextEncoder();

function parseAll(text: string): ParsedCommand[] {
  const reader = createCommandReader({ maxLineBytes: 8192, maxLiteralBytes: 8192, pauseAfter: [] });
  const events = reader.push(enc.encode(text));
  assert.deepEqual(
    events.filter((e) => e.kind === 'error'),
    [],
  );
  return events
    .filter((e) => e.kind === 'command')
    .map((event) => {
      const parsed = parseCommand(event);
      assert.ok(parsed.ok, `${event.raw}: ${JSON.stringify(parsed)}`);
      return parsed;
    });
}

const examples: Record<string, readonly string[]> = {
  'RFC 3501 §6 command examples': [
    'a001 CAPABILITY',
    'a002 NOOP',
    'a047 NOOP',
    'A023 LOGOUT',
    'a001 STARTTLS',
    'A001 AUTHENTICATE GSSAPI',
    'a001 LOGIN SMITH SESAME',
    'A142 SELECT INBOX',
    'A932 EXAMINE blurdybloop',
    'A003 CREATE owatagusiam/',
    'A004 CREATE owatagusiam/blurdybloop',
    'A682 LIST "" *',
    'A683 DELETE blurdybloop',
    'A684 DELETE foo',
    'A685 DELETE foo/bar',
    'A686 LIST "" foo/%',
    'A683 RENAME blurdybloop sarasoop',
    'A684 RENAME foo zowie',
    'Z432 LIST "" *',
    'Z433 RENAME INBOX old-mail',
    'A002 SUBSCRIBE #news.comp.mail.mime',
    'A002 UNSUBSCRIBE #news.comp.mail.mime',
    'A101 LIST "" ""',
    'A102 LIST #news.comp.mail.misc ""',
    'A103 LIST /usr/staff/jones ""',
    'A202 LIST ~/Mail/ %',
    'A002 LSUB "#news." "comp.mail.*"',
    'A003 LSUB "#news." "comp.%"',
    'A042 STATUS blurdybloop (UIDNEXT MESSAGES)',
    'FXXZ CHECK',
    'A341 CLOSE',
    'A202 EXPUNGE',
    'A282 SEARCH FLAGGED SINCE 1-Feb-1994 NOT FROM "Smith"',
    'A283 SEARCH TEXT "string not in mailbox"',
    'A284 SEARCH CHARSET UTF-8 TEXT {6+}\r\nXXXXXX',
    'A654 FETCH 2:4 (FLAGS BODY[HEADER.FIELDS (DATE FROM)])',
    'A003 STORE 2:4 +FLAGS (\\Deleted)',
    'A003 COPY 2:4 MEETING',
    'A999 UID FETCH 4827313:4828442 FLAGS',
  ],
  'RFC 3501 §8 sample session': [
    'a001 login mrc secret',
    'a002 select inbox',
    'a003 fetch 12 full',
    'a004 fetch 12 body[header]',
    'a005 store 12 +flags \\deleted',
    'a006 logout',
  ],
  'RFC 9051 additions': [
    'a ENABLE IMAP4rev2',
    'A01 NAMESPACE',
    'A282 SEARCH RETURN (MIN COUNT) FLAGGED SINCE 1-Feb-1994 NOT FROM "Smith"',
    'A283 SEARCH RETURN () FLAGGED SINCE 1-Feb-1994 NOT FROM "Smith"',
    'A284 SEARCH RETURN (ALL) 1:100 UNSEEN',
    'A003 MOVE 2:4 MEETING',
    'A202 UID EXPUNGE 3000:3002',
    'A003 UID MOVE 42:69 foo',
    'A341 UNSELECT',
    'A02 LIST (SUBSCRIBED) "" "*"',
    'A03 LIST () "" "%" RETURN (CHILDREN)',
    'A04 LIST (REMOTE) "" "%" RETURN (CHILDREN)',
    'A05 LIST (REMOTE SUBSCRIBED) "/" "*"',
    'A06 LIST (SUBSCRIBED RECURSIVEMATCH) "" "%" RETURN (CHILDREN)',
    'A07 LIST "" ("INBOX" "Drafts" "Sent/%")',
    'A08 LIST () "" ("INBOX")',
    'A042 STATUS blurdybloop (UIDNEXT MESSAGES SIZE DELETED)',
    'A003 APPEND saved-messages (\\Seen) {5+}\r\nHello',
    'A002 IDLE',
  ],
  'Extension RFC examples': [
    // RFC 4959 SASL-IR, RFC 2971 ID, RFC 5161 ENABLE
    'a AUTHENTICATE PLAIN dGVzdAB0ZXN0AHRlc3Q=',
    'a023 ID ("name" "sodr" "version" "19.34" "vendor" "Pink Floyd Music Limited")',
    't1 ENABLE CONDSTORE X-GOOD-IDEA',
    // RFC 7162 CONDSTORE / QRESYNC
    'a102 SELECT INBOX (CONDSTORE)',
    'a103 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 12345)',
    'a104 STORE 1 (UNCHANGEDSINCE 12121230045) +FLAGS.SILENT (\\Deleted)',
    'a106 SEARCH MODSEQ "/flags/\\\\draft" all 620162338',
    'A02 SELECT INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541))',
    'B02 SELECT INBOX (QRESYNC (67890007 90060115194045000 41:211,214:541))',
    's100 UID FETCH 300:500 (FLAGS) (CHANGEDSINCE 12345 VANISHED)',
    // RFC 5182 SEARCHRES, RFC 5032 WITHIN, RFC 4731 ESEARCH
    'A282 SEARCH RETURN (SAVE) FLAGGED SINCE 1-Feb-1994 NOT FROM "Smith"',
    'A283 FETCH $ (UID INTERNALDATE FLAGS RFC822.SIZE)',
    'A284 UID COPY $ "Other Messages"',
    'a1 SEARCH UNSEEN YOUNGER 259200',
    // RFC 5256 SORT / THREAD, RFC 5267 ESORT
    'A282 SORT (SUBJECT) UTF-8 SINCE 1-Feb-1994',
    'A285 SORT (SUBJECT REVERSE DATE) UTF-8 ALL',
    'A283 THREAD ORDEREDSUBJECT UTF-8 SINCE 5-MAR-2000',
    'A284 THREAD REFERENCES US-ASCII TEXT "gewp"',
    'C01 UID SORT RETURN (MIN MAX COUNT) (DATE) UTF-8 UNDELETED',
    // RFC 3516 BINARY
    't101 FETCH 1 (BINARY[1] BINARY.SIZE[1])',
    't102 FETCH 1 BINARY.PEEK[1.2]<0.1024>',
    'A003 APPEND saved-messages (\\Seen) ~{3+}\r\n\0\0\0',
    // RFC 3502 MULTIAPPEND, RFC 6851 MOVE, RFC 4315 UIDPLUS
    'A003 APPEND saved-messages (\\Seen) {5+}\r\nHello (\\Seen) {5+}\r\nWorld',
    'a UID MOVE 42:69 foo',
    'A003 UID EXPUNGE 3000:3002',
    // RFC 9208 QUOTA, RFC 6154 SPECIAL-USE
    'G0001 GETQUOTA "!partition/sda4"',
    'G0002 GETQUOTAROOT INBOX',
    'S0000 SETQUOTA "" (STORAGE 512)',
    't1 CREATE MySpecialArchive (USE (\\Archive))',
    't3 LIST "" "%" RETURN (SPECIAL-USE)',
    't3 LIST (SPECIAL-USE) "" "*"',
    // RFC 5819 LIST-STATUS
    'A01 LIST "" % RETURN (STATUS (MESSAGES UNSEEN))',
  ],
};

describe('RFC example commands', () => {
  for (const [source, lines] of Object.entries(examples)) {
    it(`${source}: all ${lines.length} parse`, () => {
      const parsed = parseAll(lines.map((l) => `${l}\r\n`).join(''));
      assert.equal(parsed.length, lines.length);
      parsed.forEach((command, i) => {
        assert.equal(command.tag, (lines[i] ?? '').split(' ')[0]);
      });
    });
  }

  it('types the RFC 3501 sample session in detail', () => {
    const [login, select, fetchFull, fetchHeader, store] = parseAll(
      (examples['RFC 3501 §8 sample session'] ?? []).map((l) => `${l}\r\n`).join(''),
    );
    assert.deepEqual(login, { ok: true, tag: 'a001', name: 'LOGIN', userName: 'mrc', password: 'secret' });
    assert.deepEqual(select, {
      ok: true,
      tag: 'a002',
      name: 'SELECT',
      mailbox: 'INBOX',
      condstore: false,
      qresync: null,
    });
    assert.ok(fetchFull?.name === 'FETCH');
    assert.deepEqual(
      fetchFull.attributes.map((a) => a.kind),
      ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE', 'BODY'],
    );
    assert.ok(fetchHeader?.name === 'FETCH');
    assert.deepEqual(fetchHeader.attributes, [
      { kind: 'BODY[]', peek: false, section: { part: [], text: 'HEADER', fields: [] }, partial: null },
    ]);
    assert.ok(store?.name === 'STORE');
    assert.deepEqual([store.operation, store.flags], ['add', ['\\Deleted']]);
  });

  it('types RFC 5182 $ and MULTIAPPEND', () => {
    const [fetch, append] = parseAll(
      'A283 FETCH $ (UID)\r\nA003 APPEND saved-messages (\\Seen) {5+}\r\nHello (\\Seen) {5+}\r\nWorld\r\n',
    );
    assert.deepEqual(fetch?.name === 'FETCH' && fetch.sequenceSet, { kind: 'saved' });
    assert.ok(append?.name === 'APPEND');
    assert.deepEqual(
      append.messages.map((m) => new TextDecoder().decode(m.content)),
      ['Hello', 'World'],
    );
  });
});
