/**
 * Protocol behaviour that Dovecot gets right and a conformance tester checks, as transcripts over real
 * sockets, several with two sessions on one mailbox: FLAGS before a new keyword (RFC 9051 §7.3.5),
 * UID commands on messages expunged meanwhile, `\Recent` (RFC 3501 §2.3.2), ENVELOPE and SEARCH on
 * addresses, client-owned subscriptions (RFC 5258), ESEARCH MIN/MAX with MODSEQ (RFC 7162 §3.1.5),
 * THREAD=REFERENCES loops (RFC 5256) and names that are not modified UTF-7.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openImapConversation, type ImapConversation } from './testing/imap-conversation.ts';
import { startImapTestServer, testMessage, type ImapTestServer } from './testing/imap-test-server.ts';

describe('IMAP protocol conformance', () => {
  let server: ImapTestServer;
  const open: ImapConversation[] = [];
  const login = async (account = server.accounts[0]) => {
    const c = await openImapConversation({ port: server.tlsPort, ca: server.ca, implicitTls: true });
    open.push(c);
    await c.expect(/^\* OK /);
    await c.transact(`l LOGIN ${account.address} "${account.password}"`, /^l OK /);
    return c;
  };
  const folder = async (name: string, messages: readonly string[]) => {
    const c = await login();
    await c.transact(`f CREATE ${name}`, /^f OK/);
    c.close();
    for (const message of messages) await server.deliver(server.accounts[0], name, message);
  };
  const lines = (reply: { untagged: readonly string[] }) => reply.untagged.join('\n');

  before(async () => {
    server = await startImapTestServer();
  });
  after(async () => {
    for (const c of open) c.close();
    await server.close();
  });

  describe('FLAGS and PERMANENTFLAGS come before a FETCH that shows a new keyword', () => {
    it('for the session that stores it', async () => {
      await folder('Kw1', [testMessage('kw one')]);
      const c = await login();
      await c.command('s SELECT Kw1');
      await c.transact(
        'k1 STORE 1 +FLAGS ($Nuovo)',
        /^\* FLAGS \(\\Answered \\Flagged \\Deleted \\Seen \\Draft \$Nuovo\)$/,
        /^\* OK \[PERMANENTFLAGS \(\\Answered \\Flagged \\Deleted \\Seen \\Draft \$Nuovo \\\*\)\] /,
        /^\* 1 FETCH \(FLAGS \(\$Nuovo \\Recent\)\)$/,
        /^k1 OK/,
      );
      await c.transact('k2 NOOP', /^k2 OK/);
    });

    it('for another session, on NOOP and on FETCH', async () => {
      await folder('Kw2', [testMessage('kw two')]);
      const a = await login();
      const b = await login();
      await a.command('s SELECT Kw2');
      await b.command('s SELECT Kw2');
      await a.transact(
        'k1 STORE 1 +FLAGS.SILENT ($Altro)',
        /^\* FLAGS /,
        /^\* OK \[PERMANENTFLAGS /,
        /^k1 OK/,
      );
      await b.transact(
        'k2 NOOP',
        /^\* FLAGS \(.*\$Altro\)$/,
        /^\* OK \[PERMANENTFLAGS \(.*\$Altro \\\*\)\] /,
        /^\* 1 FETCH \(FLAGS \(\$Altro\)\)$/,
        /^k2 OK/,
      );
      await a.transact(
        'k3 STORE 1 +FLAGS.SILENT ($Terzo)',
        /^\* FLAGS /,
        /^\* OK \[PERMANENTFLAGS /,
        /^k3 OK/,
      );
      await b.transact(
        'k4 FETCH 1 (FLAGS)',
        /^\* FLAGS \(.*\$Altro \$Terzo\)$/,
        /^\* OK \[PERMANENTFLAGS \(.*\$Terzo \\\*\)\] /,
        /^\* 1 FETCH \(FLAGS \(\$Altro \$Terzo\)\)$/,
        /^k4 OK/,
      );
      await b.transact('k5 NOOP', /^k5 OK/);
    });
  });

  describe('UID commands on messages another session expunged', () => {
    it('answer OK; sequence-number commands keep EXPUNGEISSUED', async () => {
      await folder(
        'Gone',
        ['uno', 'due', 'tre', 'quattro', 'cinque'].map((s) => testMessage(`gone ${s}`)),
      );
      await folder('GoneCopies', []);
      const a = await login();
      const b = await login();
      await a.command('s SELECT Gone');
      await b.command('s SELECT Gone');
      await a.transact('e1 STORE 2 +FLAGS.SILENT (\\Deleted)', /^e1 OK/);
      await a.transact('e2 EXPUNGE', /^\* 2 EXPUNGE$/, /^e2 OK/);
      await b.transact(
        'u1 UID FETCH 1:* (FLAGS)',
        /^\* 1 FETCH \(UID 1 FLAGS \(\)\)$/,
        /^\* 3 FETCH \(UID 3 FLAGS \(\)\)$/,
        /^\* 4 FETCH \(UID 4 FLAGS \(\)\)$/,
        /^\* 5 FETCH \(UID 5 FLAGS \(\)\)$/,
        /^\* 2 EXPUNGE$/,
        /^u1 OK/,
      );
      await a.transact('e3 UID STORE 3 +FLAGS.SILENT (\\Deleted)', /^e3 OK/);
      await a.transact('e4 EXPUNGE', /^\* 2 EXPUNGE$/, /^e4 OK/);
      await b.transact('u2 UID STORE 3 +FLAGS (\\Seen)', /^\* 2 EXPUNGE$/, /^u2 OK/);
      await a.transact('e5 UID STORE 4 +FLAGS.SILENT (\\Deleted)', /^e5 OK/);
      await a.transact('e6 EXPUNGE', /^\* 2 EXPUNGE$/, /^e6 OK/);
      await b.transact('u3 UID COPY 4 GoneCopies', /^\* 2 EXPUNGE$/, /^u3 OK/);
      await a.transact('e7 UID STORE 5 +FLAGS.SILENT (\\Deleted)', /^e7 OK/);
      await a.transact('e8 EXPUNGE', /^\* 2 EXPUNGE$/, /^e8 OK/);
      await b.transact('u4 FETCH 2 (FLAGS)', /^u4 NO \[EXPUNGEISSUED\] /);
      await b.transact('u5 NOOP', /^\* 2 EXPUNGE$/, /^u5 OK/);
    });
  });

  describe('\\Recent for IMAP4rev1 sessions', () => {
    it('one session sees a message as recent; RECENT, FETCH FLAGS, SEARCH RECENT/NEW/OLD follow', async () => {
      await folder('Fresh', [testMessage('fresh one'), testMessage('fresh two')]);
      const watcher = await login();
      await watcher.transact('w1 STATUS Fresh (RECENT)', /^\* STATUS Fresh \(RECENT 2\)$/, /^w1 OK/);
      // EXAMINE shows them without claiming them (RFC 3501 §6.3.2).
      const examined = await watcher.command('w2 EXAMINE Fresh');
      assert.ok(examined.untagged.includes('* 2 RECENT'), lines(examined));
      const a = await login();
      const selected = await a.command('a1 SELECT Fresh');
      assert.ok(selected.untagged.includes('* 2 RECENT'), lines(selected));
      await a.transact(
        'a2 FETCH 1:2 (FLAGS)',
        /^\* 1 FETCH \(FLAGS \(\\Recent\)\)$/,
        /^\* 2 FETCH \(FLAGS \(\\Recent\)\)$/,
        /^a2 OK/,
      );
      await a.transact('a3 STORE 1 +FLAGS (\\Seen)', /^\* 1 FETCH \(FLAGS \(\\Seen \\Recent\)\)$/, /^a3 OK/);
      await a.transact('a4 SEARCH RECENT', /^\* SEARCH 1 2$/, /^a4 OK/);
      await a.transact('a5 SEARCH NEW', /^\* SEARCH 2$/, /^a5 OK/);
      await a.transact('a6 SEARCH OLD', /^\* SEARCH$/, /^a6 OK/);
      // A second session gets none of them.
      const b = await login();
      const second = await b.command('b1 SELECT Fresh');
      assert.ok(second.untagged.includes('* 0 RECENT'), lines(second));
      await b.transact('b2 FETCH 2 (FLAGS)', /^\* 2 FETCH \(FLAGS \(\)\)$/, /^b2 OK/);
      await b.transact('b3 SEARCH RECENT', /^\* SEARCH$/, /^b3 OK/);
      await b.transact('b4 SEARCH OLD', /^\* SEARCH 1 2$/, /^b4 OK/);
      // The EXAMINE session also hears about a1's \Seen.
      const status = await watcher.command('w3 STATUS Fresh (RECENT)');
      assert.ok(status.untagged.includes('* STATUS Fresh (RECENT 0)'), lines(status));
      // A new message goes to the first session that learns about it.
      await server.deliver(server.accounts[0], 'Fresh', testMessage('fresh three'));
      await b.transact('b5 NOOP', /^\* 3 EXISTS$/, /^\* 1 RECENT$/, /^b5 OK/);
      await b.transact('b6 FETCH 3 (FLAGS)', /^\* 3 FETCH \(FLAGS \(\\Recent\)\)$/, /^b6 OK/);
      await a.transact('a7 NOOP', /^\* 3 EXISTS$/, /^\* 2 RECENT$/, /^a7 OK/);
      await a.transact('a8 SEARCH RECENT', /^\* SEARCH 1 2$/, /^a8 OK/);
    });

    it('is absent for IMAP4rev2 sessions, which claim nothing (RFC 9051)', async () => {
      await folder('Rev2', [testMessage('rev2 one')]);
      const c = await login();
      await c.transact('r1 ENABLE IMAP4rev2', /^\* ENABLED IMAP4rev2$/, /^r1 OK/);
      const selected = await c.command('r2 SELECT Rev2');
      assert.ok(!selected.untagged.some((line) => / RECENT$/.test(line)), lines(selected));
      await c.transact('r3 FETCH 1 (FLAGS)', /^\* 1 FETCH \(FLAGS \(\)\)$/, /^r3 OK/);
      const rev1 = await login();
      const later = await rev1.command('r4 SELECT Rev2');
      assert.ok(later.untagged.includes('* 1 RECENT'), lines(later));
    });
  });

  describe('ENVELOPE and SEARCH on addresses', () => {
    it('take the display name from a comment, keep a source route and search names and addresses', async () => {
      const message =
        'From: user@domain.test (Real Name)\r\nTo: <@route.test:anna@domain.test>\r\n' +
        'Cc: "Quoted" <q@domain.test> (comment)\r\nBcc: a@b.test (Bcc Person)\r\n' +
        'Subject: addresses\r\nMessage-ID: <addr1@pec.test>\r\n\r\nbody\r\n';
      const other =
        'From: Nobody <n@domain.test>\r\nTo: <@r1.test,@r2.test:z@domain.test>\r\n' +
        'Subject: two\r\nMessage-ID: <addr2@pec.test>\r\n\r\nbody\r\n';
      await folder('Addresses', [message, other]);
      const c = await login();
      await c.command('s SELECT Addresses');
      // Dovecot's answer for the same messages.
      const reply = await c.command('e1 FETCH 1:2 ENVELOPE');
      assert.match(reply.tagged, /^e1 OK/);
      assert.deepEqual(reply.untagged, [
        '* 1 FETCH (ENVELOPE (NIL "addresses" (("Real Name" NIL "user" "domain.test")) (("Real Name" NIL "user" "domain.test")) (("Real Name" NIL "user" "domain.test")) ((NIL "@route.test" "anna" "domain.test")) (("Quoted" NIL "q" "domain.test")) (("Bcc Person" NIL "a" "b.test")) NIL "<addr1@pec.test>"))',
        '* 2 FETCH (ENVELOPE (NIL "two" (("Nobody" NIL "n" "domain.test")) (("Nobody" NIL "n" "domain.test")) (("Nobody" NIL "n" "domain.test")) ((NIL "@r1.test,@r2.test" "z" "domain.test")) NIL NIL NIL "<addr2@pec.test>"))',
      ]);
      const searches: [string, string][] = [
        ['FROM "Real"', '* SEARCH 1'],
        ['FROM "real name"', '* SEARCH 1'],
        ['FROM "user@domain"', '* SEARCH 1'],
        ['TO "anna"', '* SEARCH 1'],
        ['CC "Quoted"', '* SEARCH 1'],
        ['CC "comment"', '* SEARCH'],
        ['BCC "Bcc Person"', '* SEARCH 1'],
        ['FROM "Nobody"', '* SEARCH 2'],
      ];
      for (const [criteria, expected] of searches) {
        const found = await c.command(`q SEARCH ${criteria}`);
        assert.deepEqual(found.untagged, [expected], criteria);
      }
    });
  });

  describe("subscriptions are the client's", () => {
    it('CREATE does not subscribe, DELETE keeps the name, UNSUBSCRIBE of any name is OK', async () => {
      const c = await login();
      await c.transact('s1 CREATE Sub/Deep', /^s1 OK/);
      await c.transact('s2 LSUB "" "Sub*"', /^s2 OK/);
      await c.transact('s3 LIST (SUBSCRIBED) "" "Sub*"', /^s3 OK/);
      await c.transact('s4 SUBSCRIBE Sub/Deep', /^s4 OK/);
      await c.transact('s5 DELETE Sub/Deep', /^s5 OK/);
      await c.transact(
        's6 LIST (SUBSCRIBED) "" "Sub*"',
        /^\* LIST \(\\NonExistent \\Subscribed\) "\/" Sub\/Deep$/,
        /^s6 OK/,
      );
      await c.transact('s7 LSUB "" "Sub*"', /^\* LSUB \(\) "\/" Sub\/Deep$/, /^s7 OK/);
      // A plain LIST shows folders only.
      await c.transact('s8 LIST "" "Sub*"', /^\* LIST \(\\HasNoChildren\) "\/" Sub$/, /^s8 OK/);
      await c.transact('s9 UNSUBSCRIBE Never/There', /^s9 OK/);
      await c.transact('s10 SUBSCRIBE Never/There', /^s10 NO /);
      await c.transact('s11 CREATE Sub/Deep', /^s11 OK/);
      await c.transact(
        's12 LIST (SUBSCRIBED) "" "Sub*"',
        /^\* LIST \(\\HasNoChildren \\Subscribed\) "\/" Sub\/Deep$/,
        /^s12 OK/,
      );
      await c.transact('s13 UNSUBSCRIBE Sub/Deep', /^s13 OK/);
      await c.transact('s14 LIST (SUBSCRIBED) "" "Sub*"', /^s14 OK/);
    });
  });

  describe('ESEARCH MIN and MAX with a MODSEQ criterion', () => {
    it('return the MODSEQ of the returned message', async () => {
      await folder(
        'Modseq',
        ['uno', 'due', 'tre'].map((s) => testMessage(`modseq ${s}`)),
      );
      const c = await login();
      await c.command('s SELECT Modseq');
      await c.transact('m1 STORE 3 +FLAGS.SILENT (\\Seen)', /^\* 3 FETCH \(MODSEQ \(\d+\)\)$|^m1 OK/);
      const modseqs = await c.command('m2 FETCH 1:3 (MODSEQ)');
      const values = modseqs.untagged
        .filter((line) => line.includes(' FETCH '))
        .map((line) => Number(/MODSEQ \((\d+)\)/.exec(line)?.[1]));
      assert.equal(values.length, 3, lines(modseqs));
      const [first, , last] = values;
      assert.ok(last !== undefined && first !== undefined && last > first, lines(modseqs));
      await c.transact(
        'm3 SEARCH RETURN (MIN) MODSEQ 1',
        new RegExp(`^\\* ESEARCH \\(TAG "m3"\\) MIN 1 MODSEQ ${first}$`),
        /^m3 OK/,
      );
      await c.transact(
        'm4 SEARCH RETURN (MAX) MODSEQ 1',
        new RegExp(`^\\* ESEARCH \\(TAG "m4"\\) MAX 3 MODSEQ ${last}$`),
        /^m4 OK/,
      );
      await c.transact(
        'm5 SEARCH RETURN (MIN) MODSEQ 1 1:2',
        new RegExp(`^\\* ESEARCH \\(TAG "m5"\\) MIN 1 MODSEQ ${first}$`),
        /^m5 OK/,
      );
      await c.transact(
        'm6 SEARCH RETURN (COUNT) MODSEQ 1',
        new RegExp(`^\\* ESEARCH \\(TAG "m6"\\) COUNT 3 MODSEQ ${last}$`),
        /^m6 OK/,
      );
    });
  });

  describe('THREAD=REFERENCES with a reference loop', () => {
    it('breaks the existing parent link instead of creating a loop', async () => {
      const message = (n: number, references: string | null) =>
        `From: a@pec.test\r\nSubject: loop ${n}\r\nDate: Mon, ${4 - n} Mar 2025 10:00:00 +0100\r\n` +
        `Message-ID: <loop${n}@pec.test>\r\n${references === null ? '' : `References: ${references}\r\n`}\r\nbody\r\n`;
      // 2 says 1 → 3 → 2; 3 then says its parent is 2, which would close a loop. Dates run backwards.
      await folder('Loop', [
        message(1, null),
        message(2, '<loop1@pec.test> <loop3@pec.test>'),
        message(3, '<loop2@pec.test>'),
      ]);
      const c = await login();
      await c.command('s SELECT Loop');
      await c.transact('t1 THREAD REFERENCES UTF-8 ALL', /^\* THREAD \(3 2\)\(1\)$/, /^t1 OK/);
    });
  });

  describe('mailbox names that are not modified UTF-7', () => {
    it('are answered NO, not BAD', async () => {
      const c = await login();
      for (const command of [
        'CREATE "&Jjo"',
        'SELECT "&Jjo"',
        'STATUS "&Jjo" (MESSAGES)',
        'DELETE "&Jjo"',
        'SUBSCRIBE "&AGE-"',
      ]) {
        await c.transact(`n1 ${command}`, /^n1 NO /);
      }
    });
  });
});
