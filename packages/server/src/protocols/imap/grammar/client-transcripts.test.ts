// Command lines in the style real clients send them (Thunderbird, Outlook, Apple Mail, mbsync,
// imapflow, mutt, Roundcube), written from the RFCs and from how these clients are known to behave.
// Each transcript goes through the reader (whole and byte by byte) and every command through parseCommand.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCommandReader, type ReaderEvent } from './command-reader.ts';
import { parseCommand, type ParsedCommand } from './parse-command.ts';

const enc = new TextEncoder();

type Step = readonly [line: string, expect: (command: ParsedCommand) => void];

function run(bytes: Uint8Array, chunkSize: number): ReaderEvent[] {
  const reader = createCommandReader({ maxLineBytes: 8192, maxLiteralBytes: 1 << 20 });
  const events: ReaderEvent[] = [];
  const react = (batch: ReaderEvent[]): void => {
    events.push(...batch);
    const last = batch.at(-1);
    if (!reader.paused || last === undefined) return;
    const wantsLine =
      last.kind === 'command' && ['AUTHENTICATE', 'IDLE'].includes(last.name) && last.args.length < 2;
    react(wantsLine ? reader.readContinuationLine() : reader.resume());
  };
  for (let i = 0; i < bytes.length; i += chunkSize) react(reader.push(bytes.subarray(i, i + chunkSize)));
  return events;
}

function check(client: string, steps: readonly Step[], utf8 = false): void {
  describe(client, () => {
    const bytes = enc.encode(steps.map(([line]) => line).join(''));
    const events = run(bytes, bytes.length);
    const commands = events.filter((e) => e.kind === 'command');

    it('reads every command, identically whole and byte by byte', () => {
      assert.deepEqual(
        events.filter((e) => e.kind === 'error'),
        [],
      );
      assert.deepEqual(run(bytes, 1), events);
      assert.deepEqual(run(bytes, 7), events);
      assert.equal(
        commands.length,
        steps.filter(([line]) => !/^[A-Za-z0-9+/=]*\r\n$|^DONE\r\n$/.test(line)).length,
      );
    });

    commands.forEach((command, i) => {
      it(command.raw.split('\r\n')[0] ?? '', () => {
        const parsed = parseCommand(command, { utf8 });
        assert.ok(parsed.ok, JSON.stringify(parsed));
        const step = steps.filter(([line]) => !/^[A-Za-z0-9+/=]*\r\n$|^DONE\r\n$/.test(line))[i];
        step?.[1](parsed);
      });
    });
  });
}

const is =
  (name: ParsedCommand['name'], extra: (c: ParsedCommand) => void = () => undefined) =>
  (c: ParsedCommand): void => {
    assert.equal(c.name, name);
    extra(c);
  };

const message = 'From: a@b.it\r\nSubject: prova\r\n\r\nCiao\r\n';

check('Thunderbird', [
  ['1 capability\r\n', is('CAPABILITY')],
  [
    '2 authenticate PLAIN\r\n',
    is('AUTHENTICATE', (c) => {
      assert.equal(c.name === 'AUTHENTICATE' && c.initialResponse, null);
    }),
  ],
  ['AHVzZXJAZXNlbXBpby5pdABzZWdyZXRv\r\n', is('NOOP')],
  ['3 ID ("name" "Thunderbird" "version" "115.3.1")\r\n', is('ID')],
  ['4 enable UTF8=ACCEPT\r\n', is('ENABLE')],
  [
    '5 list (subscribed) "" "*"\r\n',
    is('LIST', (c) => {
      assert.equal(c.name === 'LIST' && c.selection.subscribed, true);
    }),
  ],
  [
    '6 list (special-use) "" "*"\r\n',
    is('LIST', (c) => {
      assert.equal(c.name === 'LIST' && c.selection.specialUse, true);
    }),
  ],
  [
    '7 select "INBOX" (CONDSTORE)\r\n',
    is('SELECT', (c) => {
      assert.equal(c.name === 'SELECT' && c.condstore, true);
    }),
  ],
  ['8 getquotaroot "INBOX"\r\n', is('GETQUOTAROOT')],
  ['9 UID fetch 1:* (FLAGS) (CHANGEDSINCE 22)\r\n', is('FETCH')],
  [
    '10 UID fetch 42 (UID RFC822.SIZE FLAGS BODY.PEEK[HEADER.FIELDS (From To Cc Bcc Subject Date Message-ID Priority X-Priority References Newsgroups In-Reply-To Content-Type Reply-To)])\r\n',
    is('FETCH', (c) => {
      const body = c.name === 'FETCH' ? c.attributes.find((a) => a.kind === 'BODY[]') : undefined;
      assert.equal(body?.kind === 'BODY[]' && body.section.fields.length, 14);
    }),
  ],
  ['11 UID fetch 42 (UID RFC822.SIZE BODY.PEEK[])\r\n', is('FETCH')],
  ['12 uid store 42 +Flags (\\Seen)\r\n', is('STORE')],
  ['13 IDLE\r\n', is('IDLE')],
  ['DONE\r\n', is('NOOP')],
  ['14 uid move 42 "Cestino"\r\n', is('MOVE')],
  [
    '15 append "Inviata" (\\Seen) {38}\r\n' + message + '\r\n',
    is('APPEND', (c) => {
      assert.deepEqual(c.name === 'APPEND' && c.messages[0]?.content, enc.encode(message));
    }),
  ],
  ['16 status "Bozze" (UIDNEXT MESSAGES UNSEEN RECENT)\r\n', is('STATUS')],
  ['17 UID fetch 100 (BODYSTRUCTURE)\r\n', is('FETCH')],
  ['18 UID fetch 100 (BODY.PEEK[1.2] BODY.PEEK[1.MIME])\r\n', is('FETCH')],
  ['19 uid store 3 +Flags ($Forwarded)\r\n', is('STORE')],
  ['20 expunge\r\n', is('EXPUNGE')],
  ['21 logout\r\n', is('LOGOUT')],
]);

check('Outlook', [
  ['AAAA CAPABILITY\r\n', is('CAPABILITY')],
  ['AAAB ID ("name" "Microsoft Outlook" "version" "16.0")\r\n', is('ID')],
  ['AAAC LOGIN "utente@esempio.it" "p4ss w0rd"\r\n', is('LOGIN')],
  ['AAAD LIST "" "*"\r\n', is('LIST')],
  ['AAAE SELECT "INBOX"\r\n', is('SELECT')],
  ['AAAF UID FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE)\r\n', is('FETCH')],
  [
    'AAAG UID STORE 5 +FLAGS.SILENT (\\Deleted)\r\n',
    is('STORE', (c) => {
      assert.equal(c.name === 'STORE' && c.silent, true);
    }),
  ],
  ['AAAH UID EXPUNGE 5\r\n', is('EXPUNGE')],
  ['AAAI STATUS "Posta inviata" (MESSAGES UNSEEN UIDNEXT UIDVALIDITY)\r\n', is('STATUS')],
  ['AAAJ UID COPY 7:9 "Elementi eliminati"\r\n', is('COPY')],
  ['AAAK NOOP\r\n', is('NOOP')],
  ['AAAL CLOSE\r\n', is('CLOSE')],
]);

check('Apple Mail', [
  ['1.1 CAPABILITY\r\n', is('CAPABILITY')],
  ['1.2 ID ("name" "iPhone Mail" "version" "19A346" "os" "iOS" "os-version" "15.0 (19A346)")\r\n', is('ID')],
  ['2 AUTHENTICATE PLAIN AHVzZXIAcGFzcw==\r\n', is('AUTHENTICATE')],
  ['3 LIST "" ""\r\n', is('LIST')],
  ['4 LIST "" "*"\r\n', is('LIST')],
  ['5 SELECT INBOX (CONDSTORE)\r\n', is('SELECT')],
  ['6 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 1234)\r\n', is('FETCH')],
  ['7 UID SEARCH 1:* NOT DELETED\r\n', is('SEARCH')],
  ['8 UID FETCH 3 (BODYSTRUCTURE)\r\n', is('FETCH')],
  ['9 UID FETCH 3 (BODY.PEEK[1]<0.5000>)\r\n', is('FETCH')],
  ['10 UID FETCH 3 BODY.PEEK[HEADER.FIELDS (references x-ms-exchange-organization-authas)]\r\n', is('FETCH')],
  ['11 UID MOVE 3 "Deleted Messages"\r\n', is('MOVE')],
  ['12 IDLE\r\n', is('IDLE')],
  ['DONE\r\n', is('NOOP')],
  ['13 APPEND "Drafts" (\\Seen \\Draft) {38}\r\n' + message + '\r\n', is('APPEND')],
  ['14 EXAMINE "Sent Messages"\r\n', is('EXAMINE')],
  ['15 UID SEARCH 1:* HEADER Message-ID "<abc@example.it>"\r\n', is('SEARCH')],
  ['16 STATUS INBOX (HIGHESTMODSEQ MESSAGES UNSEEN UIDNEXT UIDVALIDITY)\r\n', is('STATUS')],
]);

check('mbsync', [
  ['1 CAPABILITY\r\n', is('CAPABILITY')],
  ['2 AUTHENTICATE PLAIN AHVzZXIAcGFzcw==\r\n', is('AUTHENTICATE')],
  ['3 LIST "" "*"\r\n', is('LIST')],
  ['4 SELECT "INBOX"\r\n', is('SELECT')],
  ['5 UID FETCH 1:1000000000 (UID FLAGS)\r\n', is('FETCH')],
  ['6 UID FETCH 1:* (UID FLAGS BODY.PEEK[HEADER.FIELDS (X-TUID)])\r\n', is('FETCH')],
  ['7 APPEND "INBOX" (\\Seen) "17-Jul-1996 02:44:25 -0700" {38+}\r\n' + message + '\r\n', is('APPEND')],
  [
    '8 UID STORE 5 +FLAGS.SILENT \\Deleted\r\n',
    is('STORE', (c) => {
      assert.deepEqual(c.name === 'STORE' && c.flags, ['\\Deleted']);
    }),
  ],
  ['9 UID SEARCH HEADER X-TUID 0123456789ab\r\n', is('SEARCH')],
  ['10 UID FETCH 12 (BODY.PEEK[])\r\n', is('FETCH')],
  ['11 UID EXPUNGE 5\r\n', is('EXPUNGE')],
  ['12 CLOSE\r\n', is('CLOSE')],
  ['13 LOGOUT\r\n', is('LOGOUT')],
]);

check(
  'imapflow',
  [
    ['1 CAPABILITY\r\n', is('CAPABILITY')],
    ['2 ID ("name" "imapflow" "version" "1.0.0" "vendor" "Postal Systems")\r\n', is('ID')],
    ['3 LOGIN "utente@pec.esempio.it" {8+}\r\nsegreto!\r\n', is('LOGIN')],
    ['4 ENABLE CONDSTORE UTF8=ACCEPT\r\n', is('ENABLE')],
    ['5 NAMESPACE\r\n', is('NAMESPACE')],
    ['6 LIST "" "*" RETURN (SPECIAL-USE SUBSCRIBED)\r\n', is('LIST')],
    ['7 SELECT INBOX (CONDSTORE)\r\n', is('SELECT')],
    ['8 FETCH 1:* (UID FLAGS ENVELOPE BODYSTRUCTURE INTERNALDATE RFC822.SIZE)\r\n', is('FETCH')],
    ['9 UID SEARCH SEEN\r\n', is('SEARCH')],
    ['10 UID STORE 1:3 +FLAGS.SILENT (\\Seen)\r\n', is('STORE')],
    ['11 APPEND INBOX (\\Seen) {38+}\r\n' + message + '\r\n', is('APPEND')],
    ['12 UID MOVE 1 "Posta in arrivo/Ricevute"\r\n', is('MOVE')],
    ['13 UID FETCH 1 (BINARY.PEEK[2] BINARY.SIZE[2])\r\n', is('FETCH')],
    [
      '14 STATUS "Città" (MESSAGES UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ)\r\n',
      is('STATUS', (c) => {
        assert.equal(c.name === 'STATUS' && c.mailbox, 'Città');
      }),
    ],
    ['15 GETQUOTAROOT INBOX\r\n', is('GETQUOTAROOT')],
    ['16 IDLE\r\n', is('IDLE')],
    ['DONE\r\n', is('NOOP')],
    ['17 LOGOUT\r\n', is('LOGOUT')],
  ],
  true,
);

check('mutt', [
  ['a0000 CAPABILITY\r\n', is('CAPABILITY')],
  [
    'a0001 LOGIN "user" "pass\\"word"\r\n',
    is('LOGIN', (c) => {
      assert.equal(c.name === 'LOGIN' && c.password, 'pass"word');
    }),
  ],
  ['a0002 LIST "" ""\r\n', is('LIST')],
  ['a0003 LSUB "" "*"\r\n', is('LSUB')],
  ['a0004 STATUS "INBOX" (MESSAGES)\r\n', is('STATUS')],
  ['a0005 SELECT "INBOX"\r\n', is('SELECT')],
  [
    'a0006 FETCH 1:250 (UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[HEADER.FIELDS (DATE FROM SENDER SUBJECT TO CC MESSAGE-ID REFERENCES CONTENT-TYPE CONTENT-DESCRIPTION IN-REPLY-TO REPLY-TO LINES LIST-POST X-LABEL X-ORIGINAL-TO)])\r\n',
    is('FETCH'),
  ],
  ['a0007 UID FETCH 123 BODY.PEEK[]\r\n', is('FETCH')],
  ['a0008 UID STORE 1:3,5 +FLAGS.SILENT (\\Deleted)\r\n', is('STORE')],
  ['a0009 UID COPY 5 "INBOX/Archivio"\r\n', is('COPY')],
  ['a0010 UID SEARCH OR BODY foo SUBJECT bar\r\n', is('SEARCH')],
  ['a0011 EXPUNGE\r\n', is('EXPUNGE')],
  ['a0012 APPEND "Sent" (\\Seen) {38}\r\n' + message + '\r\n', is('APPEND')],
  ['a0013 LOGOUT\r\n', is('LOGOUT')],
]);

check('Roundcube', [
  ['A0001 ID ("name" "Roundcube" "version" "1.6.5" "php" "8.2.7" "os" "Linux" "command" "/")\r\n', is('ID')],
  ['A0002 AUTHENTICATE PLAIN AHVzZXIAcGFzcw==\r\n', is('AUTHENTICATE')],
  ['A0003 ENABLE QRESYNC\r\n', is('ENABLE')],
  ['A0004 LIST (SUBSCRIBED) "" "*" RETURN (SPECIAL-USE)\r\n', is('LIST')],
  ['A0005 SELECT INBOX (QRESYNC (1712345678 100 1:300))\r\n', is('SELECT')],
  ['A0006 UID SORT (REVERSE ARRIVAL) US-ASCII ALL UNDELETED\r\n', is('SORT')],
  ['A0007 UID THREAD REFS UTF-8 ALL\r\n', is('THREAD')],
  ['A0008 UID FETCH 1:* (UID FLAGS) (CHANGEDSINCE 100 VANISHED)\r\n', is('FETCH')],
  ['A0009 UID SEARCH RETURN (COUNT) UNSEEN\r\n', is('SEARCH')],
  [
    'A0010 CREATE "Ricevute &AOA-"\r\n',
    is('CREATE', (c) => {
      assert.equal(c.name === 'CREATE' && c.mailbox, 'Ricevute à');
    }),
  ],
  ['A0011 UNSELECT\r\n', is('UNSELECT')],
]);
