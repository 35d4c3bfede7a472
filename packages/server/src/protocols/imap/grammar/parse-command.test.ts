import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCommandReader } from './command-reader.ts';
import type { MailboxNameOptions } from './mailbox-name.ts';
import { parseCommand, type ParseFailure, type ParsedCommand } from './parse-command.ts';

const enc = new TextEncoder();

function parse(line: string, options: MailboxNameOptions = {}): ParsedCommand | ParseFailure {
  const reader = createCommandReader({ maxLineBytes: 100_000, maxLiteralBytes: 100_000, pauseAfter: [] });
  const events = reader.push(enc.encode(line.endsWith('\n') ? line : `${line}\r\n`));
  const command = events.find((e) => e.kind === 'command');
  assert.ok(command?.kind === 'command', `no command event for ${line}: ${JSON.stringify(events)}`);
  return parseCommand(command, options);
}

function ok(line: string, options: MailboxNameOptions = {}): ParsedCommand {
  const result = parse(line, options);
  assert.ok(result.ok, `expected ${line} to parse: ${JSON.stringify(result)}`);
  return result;
}

function bad(line: string): ParseFailure {
  const result = parse(line);
  assert.ok(!result.ok, `expected ${line} to fail: ${JSON.stringify(result)}`);
  return result;
}

describe('parseCommand: simple and session commands', () => {
  it('parses argument-less commands and rejects arguments', () => {
    for (const name of [
      'CAPABILITY',
      'NOOP',
      'LOGOUT',
      'STARTTLS',
      'NAMESPACE',
      'CHECK',
      'CLOSE',
      'UNSELECT',
      'IDLE',
    ]) {
      assert.deepEqual(ok(`t1 ${name.toLowerCase()}`), { ok: true, tag: 't1', name });
      assert.equal(bad(`t1 ${name} x`).code, 'syntax');
    }
  });

  it('reports unknown commands and bad UID subcommands', () => {
    assert.deepEqual(bad('a002 XPIG-LATIN'), {
      ok: false,
      tag: 'a002',
      name: 'XPIG-LATIN',
      code: 'unknown-command',
      message: 'unknown command XPIG-LATIN',
      responseCode: null,
    });
    assert.equal(bad('a UID NOOP').code, 'syntax');
    assert.equal(bad('a UID').code, 'syntax');
  });

  it('parses LOGIN with atoms, quoted strings and literals', () => {
    assert.deepEqual(ok('a001 LOGIN SMITH SESAME'), {
      ok: true,
      tag: 'a001',
      name: 'LOGIN',
      userName: 'SMITH',
      password: 'SESAME',
    });
    assert.deepEqual(ok('a LOGIN "user@example.it" {5+}\r\np"w\\d'), {
      ok: true,
      tag: 'a',
      name: 'LOGIN',
      userName: 'user@example.it',
      password: 'p"w\\d',
    });
    bad('a LOGIN onlyuser');
    bad('a LOGIN a b c');
  });

  it('parses AUTHENTICATE with and without a SASL-IR initial response', () => {
    const plain = ok('A1 AUTHENTICATE plain AGJvYgBzZWNyZXQ=');
    assert.equal(plain.name, 'AUTHENTICATE');
    assert.equal(plain.mechanism, 'PLAIN');
    assert.equal(Buffer.from(plain.initialResponse ?? []).toString(), '\0bob\0secret');
    assert.deepEqual(ok('A2 AUTHENTICATE EXTERNAL ='), {
      ok: true,
      tag: 'A2',
      name: 'AUTHENTICATE',
      mechanism: 'EXTERNAL',
      initialResponse: new Uint8Array(0),
    });
    assert.deepEqual(ok('A3 AUTHENTICATE XOAUTH2'), {
      ok: true,
      tag: 'A3',
      name: 'AUTHENTICATE',
      mechanism: 'XOAUTH2',
      initialResponse: null,
    });
    bad('A4 AUTHENTICATE PLAIN not*base64');
    bad('A5 AUTHENTICATE PLAIN AGJvYg'); // missing padding
  });

  it('parses ENABLE and ID', () => {
    assert.deepEqual(ok('e ENABLE condstore UTF8=ACCEPT'), {
      ok: true,
      tag: 'e',
      name: 'ENABLE',
      capabilities: ['CONDSTORE', 'UTF8=ACCEPT'],
    });
    bad('e ENABLE');
    assert.deepEqual(ok('i ID NIL'), { ok: true, tag: 'i', name: 'ID', fields: null });
    assert.deepEqual(ok('i ID ("name" "Thunderbird" "version" NIL)'), {
      ok: true,
      tag: 'i',
      name: 'ID',
      fields: [
        { key: 'name', value: 'Thunderbird' },
        { key: 'version', value: null },
      ],
    });
    bad('i ID ("name")');
    bad(`i ID ("${'k'.repeat(31)}" "v")`);
  });
});

describe('parseCommand: mailbox commands', () => {
  it('parses SELECT/EXAMINE with CONDSTORE and QRESYNC', () => {
    assert.deepEqual(ok('A142 SELECT inbox'), {
      ok: true,
      tag: 'A142',
      name: 'SELECT',
      mailbox: 'INBOX',
      condstore: false,
      qresync: null,
    });
    assert.deepEqual(ok('a EXAMINE "Sent" (CONDSTORE)'), {
      ok: true,
      tag: 'a',
      name: 'EXAMINE',
      mailbox: 'Sent',
      condstore: true,
      qresync: null,
    });
    const q = ok('A02 SELECT INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541))');
    assert.deepEqual(q.name === 'SELECT' ? q.qresync : null, {
      uidValidity: 67890007,
      modseq: 20050715194045000,
      knownUids: {
        kind: 'ranges',
        ranges: [
          { start: 41, end: 41 },
          { start: 43, end: 211 },
          { start: 214, end: 541 },
        ],
      },
      sequenceMatch: null,
    });
    const full = ok(
      'B02 SELECT INBOX (QRESYNC (67890007 90060115194045000 1:29997 (5000,7500 15000,22500)))',
    );
    assert.equal(full.name === 'SELECT' ? full.qresync?.sequenceMatch?.uids.kind : '', 'ranges');
    bad('a SELECT INBOX (FOO)');
    bad('a SELECT');
  });

  it('decodes modified UTF-7 names and rejects ill-formed ones', () => {
    assert.equal(ok('a CREATE ~peter/mail/&U,BTFw-/&ZeVnLIqe-').name, 'CREATE');
    const created = ok('a CREATE ~peter/mail/&U,BTFw-/&ZeVnLIqe-');
    assert.equal(created.name === 'CREATE' ? created.mailbox : '', '~peter/mail/台北/日本語');
    const invalid = bad('a CREATE &Jjo!');
    assert.match(invalid.message, /mUTF-7/);
    // Well-formed, naming a mailbox that cannot exist: the session answers NO, not BAD.
    assert.equal(invalid.code, 'invalid-name');
    const utf8 = ok('a CREATE "Posta inviata/città &amp"', { utf8: true });
    assert.equal(utf8.name === 'CREATE' ? utf8.mailbox : '', 'Posta inviata/città &amp');
  });

  it('parses CREATE with USE, DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE', () => {
    assert.deepEqual(ok('t CREATE MySpecialArchive (USE (\\Archive))'), {
      ok: true,
      tag: 't',
      name: 'CREATE',
      mailbox: 'MySpecialArchive',
      specialUse: ['\\Archive'],
    });
    assert.deepEqual(ok('A683 DELETE blurdybloop'), {
      ok: true,
      tag: 'A683',
      name: 'DELETE',
      mailbox: 'blurdybloop',
    });
    assert.deepEqual(ok('Z433 RENAME INBOX old-mail'), {
      ok: true,
      tag: 'Z433',
      name: 'RENAME',
      from: 'INBOX',
      to: 'old-mail',
    });
    assert.deepEqual(ok('A002 SUBSCRIBE #news.comp.mail.mime'), {
      ok: true,
      tag: 'A002',
      name: 'SUBSCRIBE',
      mailbox: '#news.comp.mail.mime',
    });
    assert.equal(ok('A002 UNSUBSCRIBE "x"').name, 'UNSUBSCRIBE');
    bad('a RENAME onlyone');
  });

  it('parses plain and extended LIST', () => {
    assert.deepEqual(ok('A101 LIST "" ""'), {
      ok: true,
      tag: 'A101',
      name: 'LIST',
      reference: '',
      patterns: [''],
      selection: { subscribed: false, remote: false, recursiveMatch: false, specialUse: false },
      returns: { subscribed: false, children: false, specialUse: false, status: null },
      extended: false,
    });
    const ext = ok(
      'A06 LIST (SUBSCRIBED RECURSIVEMATCH) "" ("INBOX" "Drafts" Sent/%) RETURN (CHILDREN STATUS (MESSAGES UNSEEN))',
    );
    assert.ok(ext.name === 'LIST');
    assert.deepEqual(ext.patterns, ['INBOX', 'Drafts', 'Sent/%']);
    assert.deepEqual(ext.selection, {
      subscribed: true,
      remote: false,
      recursiveMatch: true,
      specialUse: false,
    });
    assert.deepEqual(ext.returns, {
      subscribed: false,
      children: true,
      specialUse: false,
      status: ['MESSAGES', 'UNSEEN'],
    });
    assert.equal(ext.extended, true);
    const special = ok('a LIST "" "*" RETURN (SPECIAL-USE)');
    assert.equal(special.name === 'LIST' && special.returns.specialUse, true);
    bad('a LIST (RECURSIVEMATCH) "" *');
    bad('a LIST (BOGUS) "" *');
    bad('a LIST ""');
    assert.deepEqual(ok('A002 LSUB "#news." "comp.mail.*"'), {
      ok: true,
      tag: 'A002',
      name: 'LSUB',
      reference: '#news.',
      pattern: 'comp.mail.*',
    });
  });

  it('parses STATUS with every item', () => {
    const status = ok(
      'A042 STATUS blurdybloop (UIDNEXT MESSAGES recent UIDVALIDITY UNSEEN DELETED SIZE HIGHESTMODSEQ MESSAGES)',
    );
    assert.deepEqual(status, {
      ok: true,
      tag: 'A042',
      name: 'STATUS',
      mailbox: 'blurdybloop',
      items: ['UIDNEXT', 'MESSAGES', 'RECENT', 'UIDVALIDITY', 'UNSEEN', 'DELETED', 'SIZE', 'HIGHESTMODSEQ'],
    });
    bad('a STATUS x ()');
    bad('a STATUS x (FOO)');
    bad('a STATUS x MESSAGES');
  });

  it('parses APPEND with flags, date, literal, literal8, UTF8 and MULTIAPPEND', () => {
    const one = ok(
      'A003 APPEND saved-messages (\\seen $Forwarded) " 7-Feb-1994 21:52:25 -0800" {5+}\r\nHello',
    );
    assert.ok(one.name === 'APPEND');
    assert.equal(one.messages.length, 1);
    const message = one.messages[0];
    assert.ok(message !== undefined);
    assert.deepEqual(message.flags, ['\\Seen', '$Forwarded']);
    assert.equal(message.internalDate?.date.toISOString(), '1994-02-08T05:52:25.000Z');
    assert.equal(message.internalDate.offsetMinutes, -480);
    assert.deepEqual(message.content, enc.encode('Hello'));
    const multi = ok('A APPEND INBOX {2+}\r\nab (\\Draft) ~{3+}\r\na\0b UTF8 (~{2+}\r\nxy)');
    assert.ok(multi.name === 'APPEND');
    assert.deepEqual(
      multi.messages.map((m) => [m.flags, Buffer.from(m.content).toString('latin1'), m.binary, m.utf8]),
      [
        [[], 'ab', false, false],
        [['\\Draft'], 'a\0b', true, false],
        [[], 'xy', true, true],
      ],
    );
    bad('A APPEND INBOX');
    bad('A APPEND INBOX "not a date" {1+}\r\nx');
    bad('A APPEND INBOX "hello"');
  });
});

describe('parseCommand: message commands', () => {
  it('parses FETCH macros, items, sections and partials', () => {
    const all = ok('a FETCH 1:* ALL');
    assert.deepEqual(all.name === 'FETCH' ? all.attributes : null, [
      { kind: 'FLAGS' },
      { kind: 'INTERNALDATE' },
      { kind: 'RFC822.SIZE' },
      { kind: 'ENVELOPE' },
    ]);
    const full = ok('a003 fetch 12 full');
    assert.equal(full.name === 'FETCH' ? full.attributes.length : 0, 5);
    const fast = ok('a FETCH 1 FAST');
    assert.equal(fast.name === 'FETCH' ? fast.attributes.length : 0, 3);
    const complex = ok(
      'a UID FETCH 1:4,7 (UID RFC822.SIZE BODYSTRUCTURE BODY BODY.PEEK[1.2.MIME] BODY[]<0.2048> BINARY.PEEK[1]<10.20> BINARY.SIZE[2] RFC822.HEADER MODSEQ)',
    );
    assert.ok(complex.name === 'FETCH');
    assert.equal(complex.uid, true);
    assert.deepEqual(complex.attributes, [
      { kind: 'UID' },
      { kind: 'RFC822.SIZE' },
      { kind: 'BODYSTRUCTURE' },
      { kind: 'BODY' },
      { kind: 'BODY[]', peek: true, section: { part: [1, 2], text: 'MIME', fields: [] }, partial: null },
      {
        kind: 'BODY[]',
        peek: false,
        section: { part: [], text: null, fields: [] },
        partial: { offset: 0, length: 2048 },
      },
      { kind: 'BINARY[]', peek: true, part: [1], partial: { offset: 10, length: 20 } },
      { kind: 'BINARY.SIZE', part: [2] },
      { kind: 'RFC822.HEADER' },
      { kind: 'MODSEQ' },
    ]);
    const fields = ok('A654 FETCH 2:4 (FLAGS BODY[HEADER.FIELDS.NOT (DATE "From")])');
    assert.deepEqual(fields.name === 'FETCH' ? fields.attributes[1] : null, {
      kind: 'BODY[]',
      peek: false,
      section: { part: [], text: 'HEADER.FIELDS.NOT', fields: ['DATE', 'From'] },
      partial: null,
    });
  });

  it('adds UID to UID FETCH and MODSEQ with CHANGEDSINCE; checks VANISHED', () => {
    const changed = ok('a103 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 12345 VANISHED)');
    assert.ok(changed.name === 'FETCH');
    assert.deepEqual(changed.attributes, [{ kind: 'FLAGS' }, { kind: 'UID' }, { kind: 'MODSEQ' }]);
    assert.equal(changed.changedSince, 12345);
    assert.equal(changed.vanished, true);
    bad('a FETCH 1:* (FLAGS) (CHANGEDSINCE 1 VANISHED)');
    bad('a UID FETCH 1:* (FLAGS) (VANISHED)');
  });

  it('rejects malformed FETCH requests', () => {
    for (const line of [
      'a FETCH 0 FLAGS',
      'a FETCH x FLAGS',
      'a FETCH 1 ()',
      'a FETCH 1 (ALL)',
      'a FETCH 1 BODY[1.]',
      'a FETCH 1 BODY[0]',
      'a FETCH 1 BODY[MIME]',
      'a FETCH 1 BODY[HEADER.FIELDS ()]',
      'a FETCH 1 BODY[TEXT]<1.0>',
      'a FETCH 1 BINARY[TEXT]',
      'a FETCH 1 BINARY.SIZE[1]<0.1>',
      'a FETCH 1 FLAGS (FOO 1)',
      'a FETCH 1',
    ]) {
      assert.equal(bad(line).code, 'syntax', line);
    }
  });

  it('parses STORE forms with UNCHANGEDSINCE', () => {
    assert.deepEqual(ok('A003 STORE 2:4 +FLAGS (\\Deleted)'), {
      ok: true,
      tag: 'A003',
      name: 'STORE',
      uid: false,
      sequenceSet: { kind: 'ranges', ranges: [{ start: 2, end: 4 }] },
      operation: 'add',
      silent: false,
      flags: ['\\Deleted'],
      unchangedSince: null,
    });
    const silent = ok('a UID STORE 1,3 (UNCHANGEDSINCE 320162338) -flags.silent \\seen $Junk');
    assert.ok(silent.name === 'STORE');
    assert.deepEqual(
      [silent.uid, silent.operation, silent.silent, silent.flags, silent.unchangedSince],
      [true, 'remove', true, ['\\Seen', '$Junk'], 320162338],
    );
    const clear = ok('a STORE 1 FLAGS ()');
    assert.deepEqual(clear.name === 'STORE' ? [clear.operation, clear.flags] : null, ['set', []]);
    bad('a STORE 1 FLAGS');
    bad('a STORE 1 *FLAGS (\\Seen)');
    bad('a STORE 1 +FLAGS (\\Seen (x))');
    bad('a STORE 1 (FOO 1) FLAGS (\\Seen)');
  });

  it('parses COPY, MOVE, EXPUNGE and UID EXPUNGE', () => {
    assert.deepEqual(ok('A003 COPY 2:4 MEETING'), {
      ok: true,
      tag: 'A003',
      name: 'COPY',
      uid: false,
      sequenceSet: { kind: 'ranges', ranges: [{ start: 2, end: 4 }] },
      mailbox: 'MEETING',
    });
    const move = ok('a UID MOVE 42:69 "Archivio &AOA-"');
    assert.deepEqual(move.name === 'MOVE' ? [move.uid, move.mailbox] : null, [true, 'Archivio à']);
    assert.deepEqual(ok('A202 EXPUNGE'), {
      ok: true,
      tag: 'A202',
      name: 'EXPUNGE',
      uid: false,
      uidSet: null,
    });
    assert.deepEqual(ok('A202 UID EXPUNGE 3000:3002'), {
      ok: true,
      tag: 'A202',
      name: 'EXPUNGE',
      uid: true,
      uidSet: { kind: 'ranges', ranges: [{ start: 3000, end: 3002 }] },
    });
    bad('a UID EXPUNGE');
    bad('a EXPUNGE 1');
    bad('a COPY 1');
  });

  it('parses SORT and THREAD', () => {
    assert.deepEqual(ok('A282 SORT (REVERSE ARRIVAL subject) UTF-8 SINCE 1-Feb-1994'), {
      ok: true,
      tag: 'A282',
      name: 'SORT',
      uid: false,
      criteria: [
        { key: 'ARRIVAL', reverse: true },
        { key: 'SUBJECT', reverse: false },
      ],
      charset: 'UTF-8',
      returnOptions: null,
      partial: null,
      search: { kind: 'since', date: { year: 1994, month: 2, day: 1 } },
    });
    const esort = ok('a UID SORT RETURN (MIN COUNT) (DATE) us-ascii ALL');
    assert.deepEqual(esort.name === 'SORT' ? [esort.uid, esort.returnOptions, esort.charset] : null, [
      true,
      ['MIN', 'COUNT'],
      'US-ASCII',
    ]);
    const paged = ok('a SORT RETURN (PARTIAL -1:-50 COUNT) (DATE) UTF-8 ALL');
    assert.deepEqual(paged.name === 'SORT' ? [paged.returnOptions, paged.partial] : null, [
      ['PARTIAL', 'COUNT'],
      { first: -1, last: -50 },
    ]);
    bad('a SORT RETURN (PARTIAL 1:10 ALL) (DATE) UTF-8 ALL');
    bad('a SORT RETURN (PARTIAL -1:10) (DATE) UTF-8 ALL');
    assert.deepEqual(ok('A283 THREAD ORDEREDSUBJECT UTF-8 SINCE 5-MAR-2000'), {
      ok: true,
      tag: 'A283',
      name: 'THREAD',
      uid: false,
      algorithm: 'ORDEREDSUBJECT',
      charset: 'UTF-8',
      search: { kind: 'since', date: { year: 2000, month: 3, day: 5 } },
    });
    assert.equal(ok('A284 UID THREAD REFERENCES US-ASCII TEXT "gewp"').name, 'THREAD');
    bad('a SORT () UTF-8 ALL');
    bad('a SORT (REVERSE) UTF-8 ALL');
    bad('a SORT (DATE) UTF-8');
    bad('a THREAD REFERENCES');
  });

  it('parses CANCELUPDATE with quoted tags only (RFC 5267 §4.3)', () => {
    assert.deepEqual(ok('c CANCELUPDATE "B01" "B02"'), {
      ok: true,
      tag: 'c',
      name: 'CANCELUPDATE',
      tags: ['B01', 'B02'],
    });
    assert.equal(bad('c CANCELUPDATE').message, 'CANCELUPDATE needs at least one tag');
    assert.equal(bad('c CANCELUPDATE B01').message, 'CANCELUPDATE tags must be quoted strings');
    assert.equal(bad('c UID CANCELUPDATE "B01"').code, 'syntax');
  });

  it('parses GETQUOTA, GETQUOTAROOT and SETQUOTA', () => {
    assert.deepEqual(ok('G0001 GETQUOTA "!partition/sda4"'), {
      ok: true,
      tag: 'G0001',
      name: 'GETQUOTA',
      root: '!partition/sda4',
    });
    assert.deepEqual(ok('G0002 GETQUOTAROOT INBOX'), {
      ok: true,
      tag: 'G0002',
      name: 'GETQUOTAROOT',
      mailbox: 'INBOX',
    });
    assert.deepEqual(ok('S0000 SETQUOTA "" (storage 512 MESSAGE 100)'), {
      ok: true,
      tag: 'S0000',
      name: 'SETQUOTA',
      root: '',
      limits: [
        { resource: 'STORAGE', limit: 512 },
        { resource: 'MESSAGE', limit: 100 },
      ],
    });
    bad('S SETQUOTA "" (STORAGE)');
  });
});
