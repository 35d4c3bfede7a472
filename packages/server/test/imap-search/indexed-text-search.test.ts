/**
 * IMAP SEARCH TEXT/BODY through the text index (decision 0043), over a real TLS socket: Italian text
 * in quoted-printable Latin-1 and base64 UTF-8 bodies, RFC 2047 encoded words in headers, a text
 * attachment searched and a PDF skipped, needles under three characters (scan), OR/NOT, a message
 * delivered after the folder was indexed, and EXPUNGE. Every answer must equal the scan's (the same
 * search without the index) and the UIDs written here.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:tls';
import { after, before, describe, it } from 'node:test';
import { systemClock } from '../../src/ports/clock.ts';
import { searchMessages } from '../../src/services/mailbox-access/search-messages.ts';
import { contentNeedles, searchUids } from '../../src/services/mailbox-access/search-uids.ts';
import type { SearchCriteria } from '../../src/services/mailbox-access/search-criteria.ts';
import {
  startImapTestServer,
  type ImapTestServer,
} from '../../src/protocols/imap/testing/imap-test-server.ts';
import { ImapTestClient } from '../imap-messages/imap-test-client.ts';

function crlf(lines: readonly string[]): Buffer {
  return Buffer.from(lines.join('\r\n'), 'latin1');
}

/** A non-synchronizing literal (RFC 7888) of `text` in UTF-8. */
const literal = (text: string) => `{${Buffer.byteLength(text)}+}\r\n${text}`;

const messages: readonly Buffer[] = [
  crlf([
    'From: ufficio@pec.test',
    'Subject: =?iso-8859-1?q?Sollecito_pagamento_citt=E0?=',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=iso-8859-1',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'Il pagamento =E8 gi=E0 stato effettuato per la Fattura n. 42.',
    '',
  ]),
  crlf([
    'From: ateneo@pec.test',
    'Subject: Avviso',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('Università di Torino: perché così?', 'utf8').toString('base64'),
    '',
  ]),
  crlf(['From: carla@pec.test', 'Subject: Ordine', '', 'ordine del GIORNO: FATTURA da pagare', '']),
  crlf([
    'From: bruno@pec.test',
    'Subject: Allegati',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary=b',
    '',
    '--b',
    'Content-Type: text/plain',
    '',
    'niente',
    '--b',
    'Content-Type: text/csv; name=importi.csv',
    'Content-Disposition: attachment',
    '',
    'fattura;importo',
    '--b',
    'Content-Type: application/pdf',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('fattura segreta').toString('base64'),
    '--b--',
    '',
  ]),
  crlf([
    'From: anna@pec.test',
    `Subject: =?utf-8?b?${Buffer.from('Perché no', 'utf8').toString('base64')}?=`,
    '',
    'vuoto',
    '',
  ]),
];

const later = crlf(['From: dario@pec.test', 'Subject: Ancora', '', "un'altra Fattura", '']);

/** `UID SEARCH` arguments, the criteria a scan runs for the same question, and the UIDs expected. */
const cases: readonly (readonly [string, SearchCriteria | null, readonly number[]])[] = [
  ['TEXT fattura', { kind: 'text', value: 'fattura' }, [1, 3, 4]],
  ['BODY fattura', { kind: 'body', value: 'fattura' }, [1, 3, 4]],
  [`CHARSET UTF-8 TEXT ${literal('città')}`, { kind: 'text', value: 'città' }, [1]],
  [`CHARSET UTF-8 BODY ${literal('città')}`, { kind: 'body', value: 'città' }, []],
  [`CHARSET UTF-8 TEXT ${literal('PERCHÉ')}`, { kind: 'text', value: 'PERCHÉ' }, [2, 5]],
  [`CHARSET UTF-8 BODY ${literal('perché')}`, { kind: 'body', value: 'perché' }, [2]],
  [`CHARSET UTF-8 TEXT ${literal('è già')}`, { kind: 'text', value: 'è già' }, [1]],
  [`CHARSET UTF-8 TEXT ${literal('tà')}`, { kind: 'text', value: 'tà' }, [1, 2]],
  ['TEXT segreta', { kind: 'text', value: 'segreta' }, []],
  ['TEXT "fattura;imp"', { kind: 'text', value: 'fattura;imp' }, [4]],
  [
    'ALL TEXT fattura BODY pagare',
    {
      kind: 'and',
      criteria: [{ kind: 'all' }, { kind: 'text', value: 'fattura' }, { kind: 'body', value: 'pagare' }],
    },
    [3],
  ],
  ['TEXT fattura TEXT pagare', null, [3]],
  [`CHARSET UTF-8 OR TEXT fattura TEXT ${literal('perché')}`, null, [1, 2, 3, 4, 5]],
  ['NOT TEXT fattura', null, [2, 5]],
  ['TEXT fattura HEADER Subject sollecito', null, [1]],
  ['TEXT fattura FROM carla', null, [3]],
];

function uidsOf(raw: Buffer): number[] {
  const line = /^\* SEARCH([\d ]*)\r$/m.exec(raw.toString('latin1'));
  assert.ok(line !== null, raw.toString('latin1'));
  return (line[1] ?? '').trim().split(' ').filter(Boolean).map(Number);
}

describe('IMAP SEARCH TEXT/BODY through the text index', () => {
  let server: ImapTestServer;
  let client: ImapTestClient;
  let folderId: number;
  let tag = 0;

  const search = async (args: string): Promise<number[]> => {
    tag += 1;
    const reply = await client.command(`s${tag}`, `UID SEARCH ${args}`);
    assert.match(reply.tagged, /OK/, `UID SEARCH ${args}`);
    return uidsOf(reply.raw);
  };
  const scan = async (criteria: SearchCriteria): Promise<number[]> =>
    (
      await searchMessages(
        { mailboxes: server.storage.mailboxes, blobs: server.blobs, clock: systemClock },
        { folderId },
        criteria,
      )
    ).map((match) => match.message.uid);

  before(async () => {
    server = await startImapTestServer();
    const account = server.accounts[0];
    for (const bytes of messages) await server.deliver(account, 'INBOX', bytes);
    folderId = (await server.storage.mailboxes.getFolder(account.mailboxId, 'INBOX'))?.id ?? -1;
    client = new ImapTestClient(
      connect({ host: '127.0.0.1', port: server.tlsPort, ca: server.ca, servername: 'localhost' }),
    );
    await client.next();
    assert.match(
      (await client.command('l', `LOGIN ${account.address} "${account.password}"`)).tagged,
      /^l OK/,
    );
    assert.match((await client.command('x', 'SELECT INBOX')).tagged, /^x OK/);
  });

  after(async () => {
    await client.command('z', 'LOGOUT');
    await server.close();
  });

  it('answers as the scan does, accents, encoded words and attachments included', async () => {
    for (const [args, criteria, expected] of cases) {
      assert.deepEqual(await search(args), expected, args);
      if (criteria !== null) assert.deepEqual(await scan(criteria), expected, `scan of ${args}`);
    }
    const indexed = await server.storage.messageTexts.find(folderId, ['fattura']);
    assert.deepEqual([...indexed.keys()].sort(), [1, 3, 4], 'the folder was indexed by the first search');
  });

  it('answers TEXT/BODY from the index alone once the folder is indexed, as the scan does', async () => {
    assert.equal(await server.storage.messageTexts.folderPending(folderId), false, 'indexed by now');
    // Rows are not read: the index's statement is the whole answer.
    const noRows = {
      ...server.storage.mailboxes,
      listMessages: () => Promise.reject(new Error('a row was read')),
      listMessageStates: () => Promise.reject(new Error('a state was read')),
    };
    const deps = {
      mailboxes: noRows,
      blobs: server.blobs,
      clock: systemClock,
      texts: server.storage.messageTexts,
    };
    const view = [1, 2, 3, 4, 5];
    let indexOnly = 0;
    for (const [args, criteria, expected] of cases) {
      assert.deepEqual(await search(args), expected, `again: ${args}`);
      if (criteria === null || contentNeedles(criteria) === undefined) continue;
      const hits = await searchUids(deps, { folderId, view }, criteria);
      assert.deepEqual(
        hits.map((hit) => hit.uid),
        expected,
        `index only: ${args}`,
      );
      assert.deepEqual(
        hits.map((hit) => hit.sequence),
        expected,
        'positions in a view of every UID are the UIDs',
      );
      indexOnly++;
    }
    assert.ok(indexOnly >= 8, 'most cases took the index-only path');
    // A view missing some UIDs: positions count in the view, absent UIDs are not answered.
    const hits = await searchUids(deps, { folderId, view: [3, 4, 5] }, { kind: 'text', value: 'fattura' });
    assert.deepEqual(
      hits.map((hit) => [hit.uid, hit.sequence]),
      [
        [3, 1],
        [4, 2],
      ],
    );
  });

  it('finds a message delivered after the folder was indexed, and forgets an expunged one', async () => {
    await server.deliver(server.accounts[0], 'INBOX', later);
    assert.match((await client.command('n', 'NOOP')).tagged, /^n OK/);
    assert.deepEqual(await search('TEXT fattura'), [1, 3, 4, 6]);
    assert.match((await client.command('d', 'UID STORE 3 +FLAGS.SILENT (\\Deleted)')).tagged, /^d OK/);
    assert.match((await client.command('e', 'EXPUNGE')).tagged, /^e OK/);
    assert.deepEqual(await search('TEXT fattura'), [1, 4, 6]);
    assert.deepEqual(await search('TEXT pagare'), []);
    assert.deepEqual(await scan({ kind: 'text', value: 'fattura' }), [1, 4, 6]);
    // The expunged message's text went with it: no text is left without a message.
    assert.equal(await server.storage.messageTexts.forgetOrphans(), 0);
  });
});
