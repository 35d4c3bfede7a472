/**
 * The PEC details of real provider traffic (../shared/pec-samples, MANIFEST.md; test use only):
 * what each message is, its signature check with the signer named through the providers' index,
 * and its daticert facts; and that a folder of another mailbox is not found. The dossier and the
 * evidence pack are proven on our own pipeline's messages in test/api/pec-evidence.test.ts.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createProviderIndex, readPecMessage, type LdifEntry } from '@pec/core';
import type { Folder, StoredMessage } from '../../ports/mailbox-store.ts';
import { hasPecSamples, pecSamplesDir } from '../../../test/pec-samples-dir.ts';
import { describeStoredMessage } from '../mailboxes/describe-stored-message.ts';
import { createPecEvidence } from './create-pec-evidence.ts';

const samples = {
  envelope: join('oca-l10n-italy', 'POSTA CERTIFICATA_ Invio File 7339338.txt'),
  acceptance: join('oca-l10n-italy', 'message2_accettazione'),
  delivery: join('oca-l10n-italy', 'message2_consegna'),
  nonDelivery: join('biagioT-java-pec-parser', 'consegna.eml'),
  tampered: join('oca-l10n-italy', 'Normal email.txt'),
} as const;

type SampleName = keyof typeof samples;

async function fixture() {
  const bytes = new Map<string, Buffer>();
  const messages: StoredMessage[] = [];
  const uids = new Map<SampleName, number>();
  let uid = 0;
  for (const [name, path] of Object.entries(samples) as [SampleName, string][]) {
    const raw = await readFile(join(pecSamplesDir, path));
    const key = createHash('sha256').update(raw).digest('hex');
    bytes.set(key, raw);
    const described = await describeStoredMessage(raw);
    uid++;
    uids.set(name, uid);
    messages.push({
      folderId: 7,
      uid,
      modseq: uid,
      blobKey: key,
      size: raw.length,
      internalDate: new Date('2026-12-07T09:00:00Z'),
      saveDate: new Date('2026-12-07T09:00:00Z'),
      flags: [],
      ...described,
    });
  }
  // The Aruba signer, listed in a one-record providers' index (pec-spec §7.2).
  const aruba = await readPecMessage(await readFile(join(pecSamplesDir, samples.delivery)));
  const certificate = aruba.signature.signerCertificate;
  assert.ok(certificate !== undefined);
  const entry: LdifEntry = {
    dn: 'providerName=ARUBA PEC S.p.A.,o=postacert',
    attributes: new Map<string, (string | Uint8Array)[]>([
      ['objectclass', ['provider']],
      ['providername', ['ARUBA PEC S.p.A.']],
      ['providercertificatehash', [createHash('sha1').update(certificate).digest('hex')]],
      ['providercertificate', [certificate]],
      ['manageddomains', ['pec.aruba.it']],
    ]),
  };
  const folders: Folder[] = [7, 8].map((id) => ({
    id,
    mailboxId: id === 7 ? 1 : 2,
    name: 'INBOX',
    uidValidity: 1,
    uidNext: 10,
    highestModseq: 1,
    specialUse: null,
    securityArchive: false,
    createdAt: new Date(0),
  }));
  const evidence = createPecEvidence(
    {
      mailboxes: {
        getFolderById: (id) => Promise.resolve(folders.find((f) => f.id === id)),
        getMessage: (folderId, wanted) =>
          Promise.resolve(messages.find((m) => m.folderId === folderId && m.uid === wanted)),
        findByPecReference: (_mailbox, reference) =>
          Promise.resolve(messages.filter((m) => m.pecReference === reference)),
      },
      blobs: {
        get: (key) => {
          const found = bytes.get(key);
          return found === undefined ? Promise.reject(new Error('no blob')) : Promise.resolve(found);
        },
      },
      tracking: { get: () => Promise.resolve(undefined) },
      index: createProviderIndex([entry]),
      clock: { now: () => new Date('2026-12-07T09:30:00Z') },
    },
    { providerName: 'Test PEC' },
  );
  const at = (name: SampleName) => ({
    mailboxId: 1,
    holder: 'holder@pec.example.it',
    folderId: 7,
    uid: uids.get(name) ?? 0,
  });
  return { evidence, at };
}

describe(
  'PEC details of real provider traffic',
  { skip: hasPecSamples ? false : 'no ../shared/pec-samples' },
  () => {
    it('describes a transport envelope: signature, signer, daticert facts', async () => {
      const { evidence, at } = await fixture();
      const details = await evidence.details(at('envelope'));
      assert.ok(details !== undefined);
      assert.equal(details.kind, 'posta-certificata');
      assert.equal(details.signature.present, true);
      assert.equal(details.signature.valid, true);
      assert.match(details.signature.signer ?? '', /\S/);
      assert.equal(details.signature.certificateValidAtSigningTime, true);
      assert.equal(details.daticert?.type, 'posta-certificata');
      assert.equal(details.daticert.wellFormed, true);
      assert.match(details.daticert.sender ?? '', /@/);
      assert.ok(details.daticert.recipients.length > 0);
      assert.match(details.daticert.day ?? '', /^\d{2}\/\d{2}\/\d{4}$/);
      assert.match(details.daticert.zone ?? '', /^[+-]\d{4}$/);
      assert.equal(details.identifier, details.daticert.identifier);
      assert.ok(details.receiptVariant !== null);
      assert.equal(details.sent, null);
      assert.equal(details.proves, null, 'no sent message of this holder to point at');
    });

    it("names the signer's provider from the providers' index and reads the receipt variant", async () => {
      const { evidence, at } = await fixture();
      const delivery = await evidence.details(at('delivery'));
      assert.equal(delivery?.kind, 'avvenuta-consegna');
      assert.equal(delivery.signature.valid, true);
      assert.equal(delivery.signature.provider, 'ARUBA PEC S.p.A.');
      assert.equal(delivery.receiptVariant, 'completa');
      assert.match(delivery.daticert?.delivery ?? '', /@/);
      const acceptance = await evidence.details(at('acceptance'));
      assert.equal(acceptance?.kind, 'accettazione');
      assert.equal(acceptance.signature.provider, 'ARUBA PEC S.p.A.');
      assert.equal(acceptance.receiptVariant, null);
      // The Sogei envelope's signer is not in this one-record index.
      assert.equal((await evidence.details(at('envelope')))?.signature.provider, null);
    });

    it('says plainly when a notice is unsigned or an envelope was altered', async () => {
      const { evidence, at } = await fixture();
      const notice = await evidence.details(at('nonDelivery'));
      assert.equal(notice?.kind, 'errore-consegna');
      assert.equal(notice.signature.present, false);
      assert.equal(notice.daticert?.error, 'no-dest');
      assert.ok(notice.errors.includes('PEC message without signature'));
      const tampered = await evidence.details(at('tampered'));
      assert.equal(tampered?.kind, 'posta-certificata');
      assert.equal(tampered.signature.present, true);
      assert.equal(tampered.signature.valid, false);
      assert.ok(tampered.signature.errors.some((e) => /messageDigest/.test(e)));
    });

    it('finds nothing in a folder of another mailbox, and no dossier for mail the holder did not send', async () => {
      const { evidence, at } = await fixture();
      assert.equal(await evidence.details({ ...at('envelope'), mailboxId: 2 }), undefined);
      assert.equal(await evidence.details({ ...at('envelope'), folderId: 8 }), undefined);
      assert.equal(await evidence.dossier(at('envelope')), undefined);
      assert.equal(await evidence.dossier(at('delivery')), undefined);
      assert.equal(await evidence.evidencePack(at('delivery')), undefined);
    });
  },
);
