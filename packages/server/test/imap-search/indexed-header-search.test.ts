/**
 * SEARCH SUBJECT, FROM, TO, CC, BCC and HEADER narrowed by the text index (decision 0049), over a
 * real TLS socket, on messages whose envelope differs from the header as written: quoted names with
 * commas and quoted-pairs, comments, white space inside an address, a missing domain, groups, encoded
 * words (inside quotes too), several To fields, a folded subject. Every answer must equal the scan's
 * (the same search without the index) and the UIDs written here; then a seeded fuzz compares index
 * and scan on substrings of every message's subject and address texts, and on random needles. The
 * messages are indexed by the indexer (as after delivery) for the first half, by a search's fill for
 * the rest.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:tls';
import { after, before, describe, it } from 'node:test';
import { decodeEncodedWords } from '@pec/core';
import { systemClock } from '../../src/ports/clock.ts';
import { indexPendingTexts } from '../../src/services/mailbox-access/create-message-text-indexer.ts';
import { envelopeAddressText } from '../../src/services/mailbox-access/envelope-address-text.ts';
import { searchMessages } from '../../src/services/mailbox-access/search-messages.ts';
import type { SearchCriteria } from '../../src/services/mailbox-access/search-criteria.ts';
import {
  startImapTestServer,
  type ImapTestServer,
} from '../../src/protocols/imap/testing/imap-test-server.ts';
import { ImapTestClient } from '../imap-messages/imap-test-client.ts';

function crlf(lines: readonly string[]): Buffer {
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

const first: readonly Buffer[] = [
  crlf([
    'From: "Rossi, Mario" <mario.rossi@pec.test>',
    'To: Ufficio Protocollo <protocollo@pec.test>',
    'Subject: Riunione del consiglio',
    '',
    'ordine del giorno',
    '',
  ]),
  crlf([
    'From: "An\\na Bi\\"anchi" <anna@pec.test>',
    'To: jo hn@pec.test, carla (Carla Verdi) @ pec . test',
    'Cc: senzadominio',
    'Subject: =?utf-8?q?Fattura_n=C2=B0_42_citt=C3=A0?=',
    '',
    'fattura allegata',
    '',
  ]),
  crlf([
    'From: =?utf-8?b?' + Buffer.from('Università', 'utf8').toString('base64') + '?= <ateneo@pec.test>',
    'To: "=?utf-8?q?Jo=C3=ABl?=" <joel@pec.test>',
    'To: second@pec.test',
    'Cc: Squadra: luca@pec.test, marta@pec.test;',
    'Subject: Avviso',
    '  ripiegato su due righe',
    '',
    'avviso',
    '',
  ]),
];

const second: readonly Buffer[] = [
  crlf([
    'From: mario.rossi@pec.test (Mario Rossi)',
    'To: undisclosed-recipients:;',
    'Bcc: nascosto@pec.test',
    'Subject: Re: riunione',
    'X-Pratica: 2024/77',
    '',
    'risposta',
    '',
  ]),
  crlf([
    'From: Ufficio <ufficio@pec.test>',
    'To: Mario Rossi <mario.rossi@pec.test>',
    'Subject: Pratica 77 - protocollo',
    'X-Pratica: 2024/78',
    '',
    'protocollata',
    '',
  ]),
];

/** Criteria searched through IMAP, through the index and by a scan, and the UIDs expected. */
const cases: readonly (readonly [SearchCriteria, readonly number[]])[] = [
  [{ kind: 'subject', value: 'riunione' }, [1, 4]],
  [{ kind: 'subject', value: 'pratica 77' }, [5]],
  [{ kind: 'subject', value: 'avviso  ripiegato' }, [3]],
  [{ kind: 'subject', value: 'CITTÀ' }, [2]],
  [{ kind: 'address', field: 'from', value: 'rossi, mario' }, [1]],
  [{ kind: 'address', field: 'from', value: 'mario <mario.rossi' }, [1]],
  [{ kind: 'address', field: 'from', value: 'rossi <mario.rossi' }, [4]],
  [{ kind: 'address', field: 'from', value: 'anna bi"anchi' }, [2]],
  [{ kind: 'address', field: 'from', value: 'anna' }, [2]],
  [{ kind: 'address', field: 'from', value: 'università' }, [3]],
  [{ kind: 'address', field: 'to', value: 'john@pec' }, [2]],
  [{ kind: 'address', field: 'to', value: 'carla@pec.test' }, [2]],
  [{ kind: 'address', field: 'to', value: 'carla verdi' }, [2]],
  [{ kind: 'address', field: 'to', value: 'joël <joel' }, [3]],
  [{ kind: 'address', field: 'to', value: 'joel@pec.test>, second' }, [3]],
  [{ kind: 'address', field: 'to', value: 'undisclosed' }, [4]],
  [{ kind: 'address', field: 'cc', value: 'missing_domain' }, [2]],
  [{ kind: 'address', field: 'cc', value: 'squadra' }, [3]],
  [{ kind: 'address', field: 'cc', value: 'squadra, luca' }, [3]],
  [{ kind: 'address', field: 'bcc', value: 'nascosto' }, [4]],
  [{ kind: 'header', field: 'X-Pratica', value: '2024/7' }, [4, 5]],
  [{ kind: 'header', field: 'X-Pratica', value: '2024/77' }, [4]],
  [{ kind: 'header', field: 'Subject', value: 'pratica' }, [5]],
  [{ kind: 'header', field: 'X-Pratica', value: '' }, [4, 5]],
];

/** A non-synchronizing literal (RFC 7888) of `text` in UTF-8. */
const literal = (text: string) => `{${String(Buffer.byteLength(text))}+}\r\n${text}`;

/** The `UID SEARCH` arguments of a header key. */
function searchArgs(criteria: SearchCriteria): string {
  switch (criteria.kind) {
    case 'subject':
      return `SUBJECT ${literal(criteria.value)}`;
    case 'address':
      return `${criteria.field.toUpperCase()} ${literal(criteria.value)}`;
    case 'header':
      return `HEADER ${criteria.field} ${literal(criteria.value)}`;
    default:
      throw new Error(`not a header key: ${criteria.kind}`);
  }
}

function uidsOf(raw: Buffer): number[] {
  const line = /^\* SEARCH([\d ]*)\r$/m.exec(raw.toString('latin1'));
  assert.ok(line !== null, raw.toString('latin1'));
  return (line[1] ?? '').trim().split(' ').filter(Boolean).map(Number);
}

/** A small seeded generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('IMAP SEARCH header keys through the text index', () => {
  let server: ImapTestServer;
  let client: ImapTestClient;
  let folderId: number;
  let tag = 0;

  const search = async (args: string): Promise<number[]> => {
    tag += 1;
    const reply = await client.command(`s${tag}`, `UID SEARCH CHARSET UTF-8 ${args}`);
    assert.match(reply.tagged, /OK/, `UID SEARCH ${args}`);
    return uidsOf(reply.raw);
  };
  const searchWith = async (criteria: SearchCriteria, indexed: boolean): Promise<number[]> =>
    (
      await searchMessages(
        {
          mailboxes: server.storage.mailboxes,
          blobs: server.blobs,
          clock: systemClock,
          ...(indexed ? { texts: server.storage.messageTexts } : {}),
        },
        { folderId },
        criteria,
      )
    ).map((match) => match.message.uid);

  before(async () => {
    server = await startImapTestServer();
    const account = server.accounts[0];
    for (const bytes of first) await server.deliver(account, 'INBOX', bytes);
    // The indexer after delivery; the later messages wait for the first search's fill.
    const indexer = { texts: server.storage.messageTexts, blobs: server.blobs, onError: assert.ifError };
    assert.equal(await indexPendingTexts(indexer), first.length);
    assert.equal(await indexPendingTexts(indexer), 0);
    for (const bytes of second) await server.deliver(account, 'INBOX', bytes);
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

  it('answers as the scan does, with the index narrowing', async () => {
    for (const [criteria, expected] of cases) {
      const args = searchArgs(criteria);
      assert.deepEqual(await search(args), expected, args);
      assert.deepEqual(await searchWith(criteria, false), expected, `scan of ${args}`);
      assert.deepEqual(await searchWith(criteria, true), expected, `index of ${args}`);
    }
    // The index did narrow: a regular message is excluded by the SQL lookup itself.
    const found = await server.storage.messageTexts.find(folderId, ['riunione'], []);
    assert.deepEqual([...found.keys()].sort(), [1, 4]);
    const irregular = await server.storage.messageTexts.find(folderId, [], ['zzzz']);
    assert.ok(!irregular.has(1) && !irregular.has(5), 'regular addresses are narrowed');
    assert.ok(irregular.has(2), 'an address written with quoted-pairs and white space is not');
  });

  it('answers as the scan does on substrings of every subject and address text (seeded fuzz)', async () => {
    const next = random(49);
    const messages = await server.storage.mailboxes.listMessages(folderId);
    const fields = ['from', 'to', 'cc', 'bcc'] as const;
    const alphabet = 'aeiou rstl,.<>@"\\:;-/ÀàÈ°';
    const pick = (text: string): string => {
      const chars = Array.from(text);
      const start = Math.floor(next() * chars.length);
      const length = 1 + Math.floor(next() * 12);
      return chars.slice(start, start + length).join('');
    };
    for (let round = 0; round < 150; round++) {
      const message = messages[Math.floor(next() * messages.length)];
      assert.ok(message !== undefined);
      const field = fields[Math.floor(next() * fields.length)] ?? 'from';
      const subject = decodeEncodedWords(message.envelope.subject ?? '');
      const addresses = envelopeAddressText(message.envelope[field]);
      const noise = Array.from({ length: 3 + Math.floor(next() * 4) }, () =>
        alphabet.charAt(Math.floor(next() * alphabet.length)),
      ).join('');
      const needles = [pick(subject), pick(addresses), pick(addresses).toUpperCase(), noise];
      for (const value of needles) {
        const criteria: readonly SearchCriteria[] = [
          { kind: 'subject', value },
          { kind: 'address', field, value },
          { kind: 'header', field: 'Subject', value },
          {
            kind: 'and',
            criteria: [
              { kind: 'address', field, value },
              { kind: 'text', value: pick(subject) },
            ],
          },
        ];
        for (const c of criteria) {
          assert.deepEqual(await searchWith(c, true), await searchWith(c, false), JSON.stringify(c));
        }
      }
    }
  });
});
