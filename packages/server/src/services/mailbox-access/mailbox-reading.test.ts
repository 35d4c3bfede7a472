import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { hasPecSamples, pecSamplesDir } from '../../../test/pec-samples-dir.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { Storage } from '../../ports/storage.ts';
import { openFsBlobStore } from '../../storage/blobs-fs/open-fs-blob-store.ts';
import { openSqliteStorage } from '../../storage/sqlite/open-sqlite-storage.ts';
import { createAccountService } from '../accounts/create-account-service.ts';
import { storeMessage } from '../mailboxes/store-message.ts';
import { createMailboxReading } from './create-mailbox-reading.ts';
import type { MessagePart } from './describe-message-parts.ts';
import { readListingCursor } from './listing-cursor.ts';
import type { MailboxReading } from './mailbox-reading.ts';
import type { MessageSection } from './message-section-bytes.ts';
import type { SearchCriteria } from './search-criteria.ts';
import type { SortCriterion } from './sort-messages.ts';

const crlf = (lines: readonly string[]): Buffer => Buffer.from(lines.join('\r\n'), 'latin1');
const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** The original message of the envelope (postacert.eml): a QP text part and a base64 text attachment. */
const postacert = crlf([
  'From: Anna Verdi <anna@pec.example.it>',
  'To: ufficio@pec.example.org',
  'Subject: Messaggio originale',
  'Message-ID: <orig@pec.example.it>',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="inner"',
  '',
  '--inner',
  'Content-Type: text/plain; charset=iso-8859-1',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'Consegna nella citt=E0 di Torino.',
  '--inner',
  'Content-Type: text/plain; charset=utf-8; name="pratica.txt"',
  'Content-Disposition: attachment; filename="=?UTF-8?Q?pratica_n=C2=B0_4711.txt?="',
  'Content-Transfer-Encoding: base64',
  '',
  b64('Numero pratica: segnaposto-4711 nel testo allegato.\n'),
  '--inner--',
  '',
]);

const daticert = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<postacert tipo="posta-certificata" errore="nessuno">',
  '<dati><identificativo>opec-xyz-42@pec.example.it</identificativo></dati>',
  '</postacert>',
];
const signature = 'MIAGCSqGSIb3DQEHAqCAMIACAQExDzANBglghkgBZQMEAgEFADCABgkqhkiG9w0BBwEAAKCA';

/** A transport envelope as pec-spec §3 shapes it: multipart/signed around the text, daticert.xml and postacert.eml. */
const envelope = crlf([
  'Return-Path: <anna@pec.example.it>',
  'Date: Wed, 6 Nov 2024 09:00:00 +0100',
  'From: "Per conto di: anna@pec.example.it" <posta-certificata@pec.example.it>',
  'To: ufficio@pec.example.org',
  'Subject: POSTA CERTIFICATA: Messaggio originale',
  'Message-ID: <opec-xyz-42@pec.example.it>',
  'X-Trasporto: posta-certificata',
  'X-Riferimento-Message-ID: <orig@pec.example.it>',
  'MIME-Version: 1.0',
  'Content-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256; boundary="sig"',
  '',
  '--sig',
  'Content-Type: multipart/mixed; boundary="mix"',
  '',
  '--mix',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: 8bit',
  '',
  'Messaggio di posta certificata.',
  '--mix',
  'Content-Type: application/xml; name="daticert.xml"',
  'Content-Disposition: inline; filename="daticert.xml"',
  '',
  ...daticert,
  '--mix',
  'Content-Type: message/rfc822; name="postacert.eml"',
  'Content-Disposition: inline; filename="postacert.eml"',
  '',
  postacert.toString('latin1'),
  '--mix--',
  '',
  '--sig',
  'Content-Type: application/pkcs7-signature; name="smime.p7s"',
  'Content-Disposition: attachment; filename="smime.p7s"',
  'Content-Transfer-Encoding: base64',
  '',
  signature,
  '--sig--',
  '',
]);

function plainMessage(fields: {
  from: string;
  to: string;
  subject: string;
  date: string;
  cc?: string;
  bcc?: string;
  body?: string;
}): Buffer {
  return crlf([
    `From: ${fields.from}`,
    `To: ${fields.to}`,
    ...(fields.cc === undefined ? [] : [`Cc: ${fields.cc}`]),
    ...(fields.bcc === undefined ? [] : [`Bcc: ${fields.bcc}`]),
    `Subject: ${fields.subject}`,
    `Date: ${fields.date}`,
    '',
    fields.body ?? 'testo',
    '',
  ]);
}

const now = new Date('2024-11-10T12:00:00Z');

/** Stored in this order, so UIDs 1..n. */
const fixtures = [
  { name: 'envelope', bytes: envelope, internalDate: '2024-11-06T08:00:05Z', flags: [] },
  {
    name: 'meeting',
    bytes: plainMessage({
      from: 'Bruno Neri <bruno@pec.example.it>',
      to: 'ufficio@pec.example.org',
      cc: 'Carla <carla@pec.example.it>',
      subject: 'Riunione di lunedì',
      date: 'Mon, 21 Oct 2024 23:30:00 -0500',
    }),
    internalDate: '2024-10-22T05:00:00Z',
    flags: ['\\Seen', '$Importante'],
  },
  {
    name: 'invoice',
    bytes: plainMessage({
      from: 'Zeta Fatture <zeta@pec.example.it>',
      to: 'ufficio@pec.example.org',
      bcc: 'archivio@pec.example.it',
      subject: 'Fattura 17',
      date: 'Fri, 8 Nov 2024 10:00:00 +0100',
      body: 'x'.repeat(4000),
    }),
    internalDate: '2024-11-08T09:00:01Z',
    flags: ['\\Flagged'],
  },
  // Three messages with equal Date: headers, to show ties broken by UID.
  ...['Alfa', 'Beta', 'Gamma'].map((subject, index) => ({
    name: `tie-${index}`,
    bytes: plainMessage({
      from: 'Dario <dario@pec.example.it>',
      to: 'ufficio@pec.example.org',
      subject,
      date: 'Thu, 7 Nov 2024 12:00:00 +0100',
    }),
    internalDate: '2024-11-07T11:00:00Z',
    flags: ['\\Seen'],
  })),
] as const;

describe('mailbox reading over SQLite storage', () => {
  let dir: string;
  let storage: Storage;
  let blobs: BlobStore;
  let reading: MailboxReading;
  let folderId: number;
  let mailboxId: number;
  const uidOf = new Map<string, number>();
  let blobReads = 0;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pec-mailbox-reading-'));
    storage = await openSqliteStorage({ file: join(dir, 'pec.sqlite') });
    blobs = await openFsBlobStore({ dir: join(dir, 'blobs') });
    const accounts = createAccountService({ storage });
    await accounts.addDomain('pec.example.org');
    mailboxId = (
      await accounts.createMailbox({ address: 'ufficio@pec.example.org', password: 'long enough pw' })
    ).id;
    for (const fixture of fixtures) {
      const stored = await storeMessage(storage, blobs, {
        mailboxId,
        folderName: 'INBOX',
        bytes: fixture.bytes,
        internalDate: new Date(fixture.internalDate),
        flags: fixture.flags,
      });
      uidOf.set(fixture.name, stored.message.uid);
      folderId = stored.message.folderId;
    }
    const counting = {
      get: async (key: string) => {
        blobReads++;
        return blobs.get(key);
      },
    };
    reading = createMailboxReading({
      mailboxes: storage.mailboxes,
      blobs: counting,
      clock: { now: () => now },
    });
  });
  after(async () => {
    await storage.close();
    await rm(dir, { recursive: true, force: true });
  });

  const uid = (name: string): number => uidOf.get(name) ?? assert.fail(name);

  async function found(criteria: SearchCriteria): Promise<string[]> {
    const matches = await reading.search({ folderId }, criteria);
    const names = new Map([...uidOf].map(([name, value]) => [value, name]));
    return matches.map((match) => names.get(match.message.uid) ?? String(match.message.uid));
  }

  describe('searchMessages', () => {
    it('tests flags and keywords, case-insensitively', async () => {
      assert.deepEqual(await found({ kind: 'flag', flag: '\\seen' }), ['meeting', 'tie-0', 'tie-1', 'tie-2']);
      assert.deepEqual(await found({ kind: 'flag', flag: '$importante' }), ['meeting']);
      assert.deepEqual(await found({ kind: 'not', criteria: { kind: 'flag', flag: '\\Seen' } }), [
        'envelope',
        'invoice',
      ]);
    });

    it('compares internal dates by Italian calendar day and sent dates as written', async () => {
      const day = { year: 2024, month: 11, day: 7 };
      assert.deepEqual(await found({ kind: 'internal-date', comparison: 'on', day }), [
        'tie-0',
        'tie-1',
        'tie-2',
      ]);
      assert.deepEqual(await found({ kind: 'internal-date', comparison: 'before', day }), [
        'envelope',
        'meeting',
      ]);
      assert.deepEqual(await found({ kind: 'internal-date', comparison: 'since', day: { ...day, day: 8 } }), [
        'invoice',
      ]);
      // Written 21 Oct at -0500 (22 Oct in Italy): the written day counts.
      const written = { year: 2024, month: 10, day: 21 };
      assert.deepEqual(await found({ kind: 'sent-date', comparison: 'on', day: written }), ['meeting']);
    });

    it('compares ages against the clock and sizes in octets', async () => {
      // The invoice arrived 2 days, 2 hours and 59 seconds before `now`.
      const age = (now.getTime() - new Date('2024-11-08T09:00:01Z').getTime()) / 1000;
      assert.deepEqual(await found({ kind: 'age', comparison: 'within', seconds: age }), ['invoice']);
      assert.ok(!(await found({ kind: 'age', comparison: 'older', seconds: age })).includes('invoice'));
      // The invoice is the largest message, the envelope the next.
      assert.deepEqual(await found({ kind: 'size', comparison: 'larger', octets: envelope.length - 1 }), [
        'envelope',
        'invoice',
      ]);
      assert.deepEqual(await found({ kind: 'size', comparison: 'larger', octets: envelope.length }), [
        'invoice',
      ]);
      assert.deepEqual(await found({ kind: 'size', comparison: 'smaller', octets: envelope.length }), [
        'meeting',
        'tie-0',
        'tie-1',
        'tie-2',
      ]);
    });

    it('searches addresses, subjects and header fields', async () => {
      assert.deepEqual(await found({ kind: 'address', field: 'from', value: 'BRUNO NERI' }), ['meeting']);
      assert.deepEqual(await found({ kind: 'address', field: 'cc', value: 'carla@' }), ['meeting']);
      assert.deepEqual(await found({ kind: 'address', field: 'bcc', value: 'archivio' }), ['invoice']);
      assert.equal(
        (await found({ kind: 'address', field: 'to', value: 'ufficio@pec.example.org' })).length,
        6,
      );
      assert.deepEqual(await found({ kind: 'subject', value: 'lunedì' }), ['meeting']);
      assert.deepEqual(await found({ kind: 'header', field: 'x-riferimento-message-id', value: '' }), [
        'envelope',
      ]);
      assert.deepEqual(await found({ kind: 'header', field: 'X-Trasporto', value: 'POSTA-cert' }), [
        'envelope',
      ]);
      assert.deepEqual(await found({ kind: 'header', field: 'X-Trasporto', value: 'errore' }), []);
    });

    it('finds body text across a quoted-printable and a base64 part of the postacert.eml', async () => {
      assert.deepEqual(await found({ kind: 'body', value: 'città di torino' }), ['envelope']);
      assert.deepEqual(await found({ kind: 'body', value: 'segnaposto-4711' }), ['envelope']);
      assert.deepEqual(await found({ kind: 'body', value: 'opec-xyz-42@pec' }), ['envelope'], 'daticert.xml');
      assert.deepEqual(
        await found({ kind: 'body', value: 'messaggio originale' }),
        ['envelope'],
        'inner header',
      );
      // The top-level header is text, not body; the signature is binary and never searched.
      assert.deepEqual(await found({ kind: 'body', value: 'x-trasporto' }), []);
      assert.deepEqual(await found({ kind: 'text', value: 'x-trasporto' }), ['envelope']);
      assert.deepEqual(await found({ kind: 'body', value: signature.slice(0, 20) }), []);
    });

    it('selects by UID, by position in a view and by modseq', async () => {
      assert.deepEqual(await found({ kind: 'uid', ranges: [{ from: uid('invoice'), to: uid('tie-0') }] }), [
        'invoice',
        'tie-0',
      ]);
      const view = [uid('meeting'), uid('tie-1'), uid('tie-2')];
      const inView = await reading.search(
        { folderId, view },
        { kind: 'sequence', ranges: [{ from: 2, to: 3 }] },
      );
      assert.deepEqual(
        inView.map((match) => [match.sequence, match.message.uid]),
        [
          [2, uid('tie-1')],
          [3, uid('tie-2')],
        ],
      );
      const all = await reading.search({ folderId }, { kind: 'all' });
      const top = Math.max(...all.map((match) => match.message.modseq));
      assert.deepEqual(await found({ kind: 'modseq', modseq: top }), ['tie-2']);
    });

    it('combines keys and reads bytes only for the messages metadata leaves undecided', async () => {
      const criteria: SearchCriteria = {
        kind: 'and',
        criteria: [
          { kind: 'not', criteria: { kind: 'flag', flag: '\\Seen' } },
          {
            kind: 'or',
            criteria: [
              { kind: 'body', value: 'torino' },
              { kind: 'flag', flag: '\\Flagged' },
            ],
          },
        ],
      };
      blobReads = 0;
      assert.deepEqual(await found(criteria), ['envelope', 'invoice']);
      assert.equal(blobReads, 1, 'only the unseen, unflagged envelope is read');
    });
  });

  describe('listMessages', () => {
    const byDate: SortCriterion[] = [{ key: 'DATE', reverse: true }];

    it('sorts server-side with ties kept in UID order, whatever REVERSE says', async () => {
      const listing = await reading.list({ scope: { folderId }, sort: byDate });
      assert.equal(listing.total, 6);
      assert.equal(listing.nextCursor, null);
      assert.deepEqual(
        listing.messages.map((match) => match.message.uid),
        [uid('invoice'), uid('tie-0'), uid('tie-1'), uid('tie-2'), uid('envelope'), uid('meeting')],
      );
      const bySize = await reading.list({
        scope: { folderId },
        criteria: { kind: 'flag', flag: '\\Seen' },
        sort: [
          { key: 'SIZE', reverse: false },
          { key: 'SUBJECT', reverse: true },
        ],
      });
      assert.deepEqual(
        bySize.messages.map((match) => match.message.uid),
        // Alfa and Beta are one octet shorter than Gamma; between them SUBJECT decides, reversed.
        [uid('tie-1'), uid('tie-0'), uid('tie-2'), uid('meeting')],
      );
    });

    it('pages with offset and limit', async () => {
      const page = await reading.list({ scope: { folderId }, sort: byDate, page: { offset: 2, limit: 2 } });
      assert.deepEqual(
        page.messages.map((match) => match.message.uid),
        [uid('tie-1'), uid('tie-2')],
      );
      assert.equal(page.total, 6);
      assert.notEqual(page.nextCursor, null);
    });

    it('pages with a cursor after (sort key, UID): stable across pages and across new mail', async () => {
      const first = await reading.list({ scope: { folderId }, sort: byDate, page: { limit: 2 } });
      assert.deepEqual(
        first.messages.map((match) => match.message.uid),
        [uid('invoice'), uid('tie-0')],
      );
      const cursor = readListingCursor(first.nextCursor ?? assert.fail('no cursor'), byDate);
      assert.ok(cursor !== undefined);
      // A new message tying with the page's last one arrives: it has a larger UID, so it comes later.
      const late = await storeMessage(storage, blobs, {
        mailboxId,
        folderName: 'INBOX',
        bytes: plainMessage({
          from: 'Dario <dario@pec.example.it>',
          to: 'ufficio@pec.example.org',
          subject: 'Delta',
          date: 'Thu, 7 Nov 2024 12:00:00 +0100',
        }),
        internalDate: new Date('2024-11-09T10:00:00Z'),
      });
      const seen: number[] = first.messages.map((match) => match.message.uid);
      let after = cursor;
      for (;;) {
        const page = await reading.list({ scope: { folderId }, sort: byDate, page: { limit: 2, after } });
        seen.push(...page.messages.map((match) => match.message.uid));
        if (page.nextCursor === null) break;
        after = readListingCursor(page.nextCursor, byDate) ?? assert.fail('unreadable cursor');
      }
      assert.deepEqual(seen, [
        uid('invoice'),
        uid('tie-0'),
        uid('tie-1'),
        uid('tie-2'),
        late.message.uid,
        uid('envelope'),
        uid('meeting'),
      ]);
      await storage.mailboxes.setFlags(folderId, [{ from: late.message.uid, to: late.message.uid }], {
        mode: 'add',
        flags: ['\\Deleted'],
      });
      await storage.mailboxes.expunge(folderId);
    });

    it('gives the same pages and cursors by date from the index as by sorting every message', async () => {
      const view = (await storage.mailboxes.listMessageStates(folderId)).map((state) => state.uid);
      let indexReads = 0;
      const counted = createMailboxReading({
        mailboxes: {
          ...storage.mailboxes,
          listMessagesBySentTime: (id, page) => {
            indexReads++;
            return storage.mailboxes.listMessagesBySentTime(id, page);
          },
        },
        blobs,
        clock: { now: () => now },
      });
      for (const reverse of [true, false]) {
        const sort: SortCriterion[] = [{ key: 'DATE', reverse }];
        // A session view makes the listing sort in memory; without one, a page by date comes
        // from the store's sent-time index.
        const walk = async (scope: { folderId: number; view?: readonly number[] }) => {
          const pages: { uids: number[]; cursor: string | null; total: number }[] = [];
          let after;
          for (let guard = 0; guard < 10; guard++) {
            const page = await counted.list({ scope, sort, page: { limit: 4, ...(after ? { after } : {}) } });
            pages.push({
              uids: page.messages.map((match) => match.message.uid),
              cursor: page.nextCursor,
              total: page.total,
            });
            if (page.nextCursor === null) break;
            after = readListingCursor(page.nextCursor, sort);
          }
          return pages;
        };
        const before = indexReads;
        const indexed = await walk({ folderId });
        assert.equal(indexReads - before, indexed.length, 'every page came from the index');
        assert.ok(indexed.length > 1, 'more than one page');
        assert.deepEqual(indexed, await walk({ folderId, view }));
        assert.equal(indexReads - before, indexed.length, 'a session view sorts in memory');
      }
    });

    it('refuses a cursor that is malformed or made for another order', async () => {
      const first = await reading.list({ scope: { folderId }, sort: byDate, page: { limit: 1 } });
      const text = first.nextCursor ?? assert.fail('no cursor');
      assert.ok(readListingCursor(text, byDate) !== undefined);
      assert.equal(readListingCursor(text, [{ key: 'DATE', reverse: false }]), undefined);
      assert.equal(readListingCursor(text, [{ key: 'SUBJECT', reverse: true }]), undefined);
      assert.equal(readListingCursor('not a cursor', byDate), undefined);
      assert.equal(
        readListingCursor(Buffer.from('{"o":"-DATE","v":["x"],"u":1}').toString('base64url'), byDate),
        undefined,
      );
    });
  });

  describe('readMessageStructure', () => {
    function summary(part: MessagePart): unknown {
      return {
        path: part.path.join('.'),
        type: part.contentType,
        ...(part.filename === null ? {} : { filename: part.filename }),
        ...(part.disposition === null ? {} : { disposition: part.disposition }),
        ...(part.parts.length === 0 ? {} : { parts: part.parts.map(summary) }),
        ...(part.message === null ? {} : { message: summary(part.message.root) }),
      };
    }

    it('describes a multipart/signed PEC envelope with its postacert.eml', async () => {
      const root = await reading.structure({ folderId, uid: uid('envelope') });
      assert.ok(root !== undefined);
      assert.deepEqual(summary(root), {
        path: '',
        type: 'multipart/signed',
        parts: [
          {
            path: '1',
            type: 'multipart/mixed',
            parts: [
              { path: '1.1', type: 'text/plain' },
              { path: '1.2', type: 'application/xml', filename: 'daticert.xml', disposition: 'inline' },
              {
                path: '1.3',
                type: 'message/rfc822',
                filename: 'postacert.eml',
                disposition: 'inline',
                message: {
                  path: '1.3',
                  type: 'multipart/mixed',
                  parts: [
                    { path: '1.3.1', type: 'text/plain' },
                    {
                      path: '1.3.2',
                      type: 'text/plain',
                      filename: 'pratica n° 4711.txt',
                      disposition: 'attachment',
                    },
                  ],
                },
              },
            ],
          },
          {
            path: '2',
            type: 'application/pkcs7-signature',
            filename: 'smime.p7s',
            disposition: 'attachment',
          },
        ],
      });
      assert.equal(root.params['protocol'], 'application/pkcs7-signature');
      const p7s = root.parts[1];
      assert.equal(p7s?.encoding, 'base64');
      assert.equal(p7s.size, signature.length);
      assert.equal(root.parts[0]?.parts[2]?.message?.envelope.subject, 'Messaggio originale');
    });

    it('numbers the body of a single-part message 1, and knows no missing message', async () => {
      const root = await reading.structure({ folderId, uid: uid('meeting') });
      assert.deepEqual(root?.path, [1]);
      assert.equal(root.contentType, 'text/plain');
      assert.equal(await reading.structure({ folderId, uid: 9999 }), undefined);
    });

    it(
      'describes a real transport envelope',
      { skip: !hasPecSamples && 'no shared PEC samples' },
      async () => {
        const bytes = readFileSync(join(pecSamplesDir, 'oca-l10n-italy', 'message2'));
        const stored = await storeMessage(storage, blobs, {
          mailboxId,
          folderName: 'Archivio',
          bytes,
          internalDate: now,
        });
        const ref = { folderId: stored.message.folderId, uid: stored.message.uid };
        const root = await reading.structure(ref);
        assert.ok(root !== undefined);
        assert.equal(root.contentType, 'multipart/signed');
        const leaves: MessagePart[] = [];
        const walk = (part: MessagePart): void => {
          if (part.parts.length === 0 && part.message === null) leaves.push(part);
          part.parts.forEach(walk);
          if (part.message !== null) walk(part.message.root);
        };
        walk(root);
        assert.ok(leaves.some((leaf) => leaf.filename === 'daticert.xml'));
        assert.ok(leaves.some((leaf) => leaf.contentType.endsWith('pkcs7-signature')));
        // Every leaf's section is the exact slice of the stored bytes at the part's offsets.
        const raw = Buffer.from(bytes);
        for (const leaf of leaves) {
          const read = await reading.section(ref, { part: leaf.path, text: null, fields: [] });
          assert.equal(read.kind, 'data');
          assert.ok(raw.includes(Buffer.from(read.data)), leaf.path.join('.'));
          assert.equal(read.data.length, leaf.size);
        }
      },
    );
  });

  describe('readMessageSection and readDecodedPart', () => {
    const whole = (part: number[], text: MessageSection['text'] = null): MessageSection => ({
      part,
      text,
      fields: [],
    });
    const latin1 = (data: Uint8Array): string => Buffer.from(data).toString('latin1');

    async function section(
      spec: MessageSection,
      range?: { offset: number; length: number },
    ): Promise<string> {
      const read = await reading.section({ folderId, uid: uid('envelope') }, spec, range);
      assert.equal(read.kind, 'data', JSON.stringify(spec));
      return latin1(read.data);
    }

    const raw = envelope.toString('latin1');

    it('serves the message, its header, text and parts as the exact slices of the stored bytes', async () => {
      assert.equal(await section(whole([])), raw);
      const blank = raw.indexOf('\r\n\r\n') + 4;
      assert.equal(await section(whole([], 'HEADER')), raw.slice(0, blank));
      assert.equal(await section(whole([], 'TEXT')), raw.slice(blank));
      assert.equal(await section(whole([2])), signature);
      assert.equal(await section(whole([1, 2])), daticert.join('\r\n'));
      assert.equal(await section(whole([1, 3])), postacert.toString('latin1'));
      const innerBlank = postacert.indexOf('\r\n\r\n') + 4;
      assert.equal(
        await section(whole([1, 3], 'HEADER')),
        postacert.subarray(0, innerBlank).toString('latin1'),
      );
      assert.equal(await section(whole([1, 3, 1])), 'Consegna nella citt=E0 di Torino.');
      assert.equal(
        await section(whole([1, 3, 1], 'MIME')),
        'Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n',
      );
      // The signed content (part 1) is exactly the bytes between the boundaries: what the signature covers.
      const signedStart = raw.indexOf('--sig\r\n') + '--sig\r\n'.length;
      const signedEnd = raw.indexOf('\r\n--sig\r\n', signedStart);
      const signed = await reading.section({ folderId, uid: uid('envelope') }, whole([1], 'MIME'));
      assert.equal(signed.kind, 'data');
      assert.equal(latin1(signed.data) + (await section(whole([1]))), raw.slice(signedStart, signedEnd));
    });

    it('cuts byte ranges, empty past the end', async () => {
      assert.equal(await section(whole([2]), { offset: 4, length: 10 }), signature.slice(4, 14));
      assert.equal(
        await section(whole([2]), { offset: signature.length - 3, length: 10 }),
        signature.slice(-3),
      );
      assert.equal(await section(whole([2]), { offset: 10_000, length: 1 }), '');
    });

    it('builds HEADER.FIELDS from the stored field bytes', async () => {
      assert.equal(
        await section({ part: [], text: 'HEADER.FIELDS', fields: ['x-trasporto', 'SUBJECT'] }),
        'Subject: POSTA CERTIFICATA: Messaggio originale\r\nX-Trasporto: posta-certificata\r\n\r\n',
      );
    });

    it('says which message or section does not exist', async () => {
      assert.deepEqual(await reading.section({ folderId, uid: 9999 }, whole([])), { kind: 'no-message' });
      assert.deepEqual(await reading.section({ folderId, uid: uid('envelope') }, whole([3])), {
        kind: 'no-section',
      });
      assert.deepEqual(await reading.section({ folderId, uid: uid('envelope') }, whole([2], 'HEADER')), {
        kind: 'no-section',
      });
    });

    it('decodes base64 and quoted-printable parts for download, with type and file name', async () => {
      const ref = { folderId, uid: uid('envelope') };
      const attachment = await reading.decodedPart(ref, [1, 3, 2]);
      assert.deepEqual(attachment, {
        kind: 'data',
        data: new Uint8Array(Buffer.from('Numero pratica: segnaposto-4711 nel testo allegato.\n')),
        contentType: 'text/plain',
        charset: 'utf-8',
        filename: 'pratica n° 4711.txt',
      });
      const text = await reading.decodedPart(ref, [1, 3, 1]);
      assert.equal(text.kind, 'data');
      assert.equal(latin1(text.data), 'Consegna nella città di Torino.');
      assert.equal(text.charset, 'iso-8859-1');
      const p7s = await reading.decodedPart(ref, [2]);
      assert.deepEqual(p7s.kind === 'data' ? Buffer.from(p7s.data) : null, Buffer.from(signature, 'base64'));
    });

    it('serves an embedded message and the whole message byte-exact', async () => {
      const ref = { folderId, uid: uid('envelope') };
      const eml = await reading.decodedPart(ref, [1, 3]);
      assert.equal(eml.kind === 'data' ? latin1(eml.data) : '', postacert.toString('latin1'));
      assert.equal(eml.kind === 'data' ? eml.filename : '', 'postacert.eml');
      assert.equal(eml.kind === 'data' ? eml.contentType : '', 'message/rfc822');
      const all = await reading.decodedPart(ref, []);
      assert.equal(all.kind === 'data' ? latin1(all.data) : '', raw);
      assert.deepEqual(await reading.decodedPart(ref, [7]), { kind: 'no-part' });
      assert.deepEqual(await reading.decodedPart({ folderId, uid: 9999 }, [1]), { kind: 'no-message' });
    });

    it('refuses a transfer encoding it cannot undo', async () => {
      const odd = await storeMessage(storage, blobs, {
        mailboxId,
        folderName: 'Archivio',
        bytes: crlf([
          'Content-Type: text/plain',
          'Content-Transfer-Encoding: x-uuencode',
          '',
          'begin 644 x',
          '',
        ]),
        internalDate: now,
      });
      assert.deepEqual(
        await reading.decodedPart({ folderId: odd.message.folderId, uid: odd.message.uid }, [1]),
        {
          kind: 'unknown-encoding',
        },
      );
    });
  });
});
