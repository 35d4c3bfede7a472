/**
 * SEARCH, ESEARCH, SORT and THREAD as transcripts over real sockets: keys over stored metadata and
 * decoded bodies (including the postacert.eml carried by a signed PEC envelope), CHARSET handling,
 * RETURN (MIN MAX COUNT ALL SAVE), IMAP4rev2's ESEARCH, MODSEQ, sort criteria and both THREAD
 * algorithms.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  nestedMessage,
  signedPecEnvelope,
  simpleMessage,
} from '../../../../test/imap-messages/sample-messages.ts';
import { openImapConversation, type ImapConversation } from '../testing/imap-conversation.ts';
import { startImapTestServer, type ImapTestServer } from '../testing/imap-test-server.ts';

describe('IMAP SEARCH, SORT and THREAD', () => {
  let server: ImapTestServer;
  const open: ImapConversation[] = [];
  const login = async () => {
    const account = server.accounts[0];
    const c = await openImapConversation({ port: server.tlsPort, ca: server.ca, implicitTls: true });
    open.push(c);
    await c.expect(/^\* OK /);
    await c.transact(`l LOGIN ${account.address} "${account.password}"`, /^l OK /);
    assert.match((await c.command('s SELECT INBOX')).tagged, /^s OK /);
    return c;
  };

  before(async () => {
    server = await startImapTestServer();
    const account = server.accounts[0];
    const deliver = (bytes: Uint8Array, flags?: string[]) => server.deliver(account, 'INBOX', bytes, flags);
    // 1
    await deliver(
      simpleMessage({
        from: 'Carla <carla@pec.test>',
        to: 'team@pec.test',
        subject: 'Riunione',
        date: 'Mon, 04 Nov 2024 09:00:00 +0100',
        messageId: '<r1@pec.test>',
        body: 'Ordine del giorno: bilancio',
      }),
      ['\\Seen'],
    );
    // 2
    await deliver(
      simpleMessage({
        from: 'Bruno <bruno@pec.test>',
        to: 'carla@pec.test',
        subject: 'Re: Riunione',
        date: 'Tue, 05 Nov 2024 09:00:00 +0100',
        messageId: '<r2@pec.test>',
        inReplyTo: '<r1@pec.test>',
        references: '<r1@pec.test>',
        body: 'Confermo la presenza',
      }),
      ['\\Flagged'],
    );
    // 3
    await deliver(nestedMessage());
    // 4
    await deliver(
      simpleMessage({
        from: 'Anna <anna@pec.test>',
        to: 'carla@pec.test',
        subject: 'Re: Riunione',
        date: 'Mon, 04 Nov 2024 18:00:00 +0100',
        messageId: '<r3@pec.test>',
        references: '<r1@pec.test>',
        body: 'Ci sarò anch\u2019io',
      }),
    );
    // 5: a signed PEC transport envelope carrying the original in postacert.eml
    await deliver((await signedPecEnvelope()).bytes);
  });
  after(async () => {
    for (const c of open) c.close();
    await server.close();
  });

  it('answers SEARCH for metadata keys and decoded bodies', async () => {
    const c = await login();
    await c.transact('s1 SEARCH SEEN', /^\* SEARCH 1$/, /^s1 OK/);
    await c.transact('s2 SEARCH UNSEEN NOT FLAGGED', /^\* SEARCH 3 4 5$/, /^s2 OK/);
    await c.transact('s3 SEARCH SUBJECT riunione', /^\* SEARCH 1 2 4$/, /^s3 OK/);
    await c.transact('s4 SEARCH OR FROM anna FROM bruno', /^\* SEARCH 2 4$/, /^s4 OK/);
    await c.transact('s5 SEARCH BODY bilancio', /^\* SEARCH 1$/, /^s5 OK/);
    await c.transact('s6 SEARCH TEXT r2@pec.test', /^\* SEARCH 2$/, /^s6 OK/);
    await c.transact('s7 UID SEARCH BODY zibibbo', /^\* SEARCH 3$/, /^s7 OK/);
    await c.transact('s8 SEARCH SENTBEFORE 5-Nov-2024 NOT SUBJECT Fattura', /^\* SEARCH 1 4$/, /^s8 OK/);
    await c.transact('s9 SEARCH HEADER Message-ID r3', /^\* SEARCH 4$/, /^s9 OK/);
    await c.transact('s10 SEARCH 2:* UNDELETED SMALLER 1000', /^\* SEARCH 2 4$/, /^s10 OK/);
    await c.transact('s11 SEARCH NOTHING', /^s11 BAD /);
  });

  it('finds the text of the original carried in a PEC envelope (postacert.eml, quoted-printable)', async () => {
    const c = await login();
    await c.transact('p1 SEARCH BODY mandragola', /^\* SEARCH 5$/, /^p1 OK/);
    await c.transact('p2 SEARCH SUBJECT "posta certificata"', /^\* SEARCH 5$/, /^p2 OK/);
    await c.transact('p3 SEARCH BODY "perché no"', /^\* SEARCH 3 5$/, /^p3 OK/);
  });

  it('accepts CHARSET UTF-8 with literals and refuses other charsets', async () => {
    const c = await login();
    const word = Buffer.from('anch\u2019io', 'utf8');
    c.write(`u1 SEARCH CHARSET UTF-8 BODY {${word.length}+}\r\n`);
    c.write(word);
    await c.continueWith('u1', '', /^\* SEARCH 4$/, /^u1 OK/);
    await c.transact('u2 SEARCH CHARSET us-ascii SUBJECT riunione', /^\* SEARCH 1 2 4$/, /^u2 OK/);
    await c.transact('u3 SEARCH CHARSET ISO-8859-1 SUBJECT x', /^u3 NO \[BADCHARSET \(UTF-8 US-ASCII\)\] /);
  });

  it('answers ESEARCH for RETURN options and saves results for $', async () => {
    const c = await login();
    await c.transact(
      'e1 SEARCH RETURN (MIN MAX COUNT) SUBJECT riunione',
      /^\* ESEARCH \(TAG "e1"\) MIN 1 MAX 4 COUNT 3$/,
      /^e1 OK/,
    );
    await c.transact('e2 UID SEARCH RETURN () ALL', /^\* ESEARCH \(TAG "e2"\) UID ALL 1:5$/, /^e2 OK/);
    await c.transact('e3 SEARCH RETURN (COUNT) DELETED', /^\* ESEARCH \(TAG "e3"\) COUNT 0$/, /^e3 OK/);
    await c.transact('e4 SEARCH RETURN (MIN) DELETED', /^\* ESEARCH \(TAG "e4"\)$/, /^e4 OK/);
    await c.transact('e5 SEARCH RETURN (SAVE) OR FLAGGED SEEN', /^e5 OK/);
    await c.transact('e6 FETCH $ (UID)', /^\* 1 FETCH \(UID 1\)$/, /^\* 2 FETCH \(UID 2\)$/, /^e6 OK/);
    await c.transact('e7 SEARCH UID $ SUBJECT riunione', /^\* SEARCH 1 2$/, /^e7 OK/);
    await c.transact(
      'e8 SEARCH RETURN (SAVE MAX) SUBJECT riunione',
      /^\* ESEARCH \(TAG "e8"\) MAX 4$/,
      /^e8 OK/,
    );
    await c.transact('e9 SEARCH $', /^\* SEARCH 4$/, /^e9 OK/);
  });

  it('always answers ESEARCH once IMAP4rev2 is enabled', async () => {
    const c = await login();
    await c.transact('r1 ENABLE IMAP4rev2', /^\* ENABLED IMAP4rev2$/, /^r1 OK/);
    await c.transact('r2 SEARCH SUBJECT riunione', /^\* ESEARCH \(TAG "r2"\) ALL 1:2,4$/, /^r2 OK/);
    await c.transact('r3 UID SEARCH DELETED', /^\* ESEARCH \(TAG "r3"\) UID$/, /^r3 OK/);
  });

  it('reports the highest MODSEQ of the matches when MODSEQ is searched', async () => {
    const c = await login();
    const reply = await c.command('m1 SEARCH MODSEQ 1');
    assert.match(reply.tagged, /^m1 OK/);
    assert.ok(
      reply.untagged.some((line) => /^\* OK \[HIGHESTMODSEQ \d+\]/.test(line)),
      reply.untagged.join('\n'),
    );
    assert.ok(
      reply.untagged.some((line) => /^\* SEARCH 1 2 3 4 5 \(MODSEQ \d+\)$/.test(line)),
      reply.untagged.join('\n'),
    );
    await c.transact('m2 SEARCH MODSEQ 999999', /^\* SEARCH$/, /^m2 OK/);
  });

  it('SORTs by base subject, date, sender and size, with REVERSE', async () => {
    const c = await login();
    await c.transact('o1 SORT (SUBJECT) UTF-8 ALL', /^\* SORT 3 5 1 2 4$/, /^o1 OK/);
    await c.transact('o2 SORT (DATE) UTF-8 SUBJECT riunione', /^\* SORT 1 4 2$/, /^o2 OK/);
    await c.transact('o3 SORT (REVERSE DATE) UTF-8 SUBJECT riunione', /^\* SORT 2 4 1$/, /^o3 OK/);
    await c.transact('o4 UID SORT (FROM) UTF-8 SUBJECT riunione', /^\* SORT 4 2 1$/, /^o4 OK/);
    await c.transact('o5 SORT (DISPLAYFROM SUBJECT) US-ASCII SUBJECT riunione', /^\* SORT 4 2 1$/, /^o5 OK/);
    await c.transact('o6 SORT (ARRIVAL) UTF-8 ALL', /^\* SORT 1 2 3 4 5$/, /^o6 OK/);
    await c.transact('o7 SORT (SIZE) UTF-8 1:2', /^\* SORT (1 2|2 1)$/, /^o7 OK/);
    await c.transact('o8 SORT (SUBJECT) KOI8-R ALL', /^o8 NO \[BADCHARSET/);
    // ESORT (RFC 5267 §3): MIN is the first message in sort order.
    await c.transact(
      'o9 SORT RETURN (MIN) (DATE) UTF-8 SUBJECT riunione',
      /^\* ESEARCH \(TAG "o9"\) MIN 1$/,
      /^o9 OK/,
    );
    // PARTIAL (RFC 5267 §4.4) pages through the sort order; with ALL it is BAD (RFC 9394 §3.1).
    await c.transact(
      'o10 SORT RETURN (PARTIAL 1:2) (DATE) UTF-8 SUBJECT riunione',
      /^\* ESEARCH \(TAG "o10"\) PARTIAL \(1:2 1,4\)$/,
      /^o10 OK/,
    );
    await c.transact('o11 SORT RETURN (PARTIAL 1:2 ALL) (DATE) UTF-8 ALL', /^o11 BAD /);
  });

  it('THREADs by REFERENCES and by ORDEREDSUBJECT', async () => {
    const c = await login();
    await c.transact('t1 THREAD REFERENCES UTF-8 SUBJECT riunione', /^\* THREAD \(1 \(4\)\(2\)\)$/, /^t1 OK/);
    await c.transact(
      't2 UID THREAD REFERENCES UTF-8 ALL',
      /^\* THREAD \(1 \(4\)\(2\)\)\(3\)\(5\)$/,
      /^t2 OK/,
    );
    await c.transact(
      't3 THREAD ORDEREDSUBJECT UTF-8 SUBJECT riunione',
      /^\* THREAD \(1 \(4\)\(2\)\)$/,
      /^t3 OK/,
    );
    await c.transact('t4 THREAD REFS UTF-8 ALL', /^t4 BAD /);
  });
});
