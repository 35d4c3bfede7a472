/**
 * Revocation of the signer at the reception point (pec-spec §2.3 step 3, §8.4 step 4; decision
 * 0009), over real sockets with a CA run by openssl: its CRL served over local HTTP and its OCSP
 * responder. Revoked before the signing time → anomaly envelope, never a presa in carico; revoked
 * after it → taken in charge; an unreachable CRL → anomaly under `strict`, taken in charge (with a
 * warning) under `lenient`; a good OCSP answer → taken in charge.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSoftwareSigner, renderProviderEntry } from '@pec/core';
import { createHttpRevocationSource } from '../../src/http-clients/create-http-revocation-source.ts';
import { createRevocationChecker } from '../../src/services/revocation/create-revocation-checker.ts';
import type { RevocationPolicy } from '../../src/services/revocation/revocation-checker.ts';
import { otherProviderDomain, testStart } from '../pipeline/create-test-provider.ts';
import {
  createOpensslCa,
  freePort,
  serveBytes,
  type IssuedCertificate,
  type OpensslCa,
} from '../support/openssl-ca.ts';
import { assertAnomaly } from './assert-anomaly.ts';
import {
  createReceptionHarness,
  otherMailReceipt,
  otherName,
  ourMailReceipt,
  remoteSender,
  type PeerProvider,
  type ReceptionHarness,
} from './reception-harness.ts';

const anna = 'anna.bianchi@pec.example.it';

describe('reception point: revocation of the signer certificate', () => {
  let ca: OpensslCa;
  let crlServer: Awaited<ReturnType<typeof serveBytes>>;
  const peers = new Map<'revokedBefore' | 'revokedAfter' | 'unreachable' | 'ocspGood', PeerProvider>();
  let strict: ReceptionHarness;
  let lenient: ReceptionHarness;
  const warnings: string[] = [];

  async function peer(certificate: IssuedCertificate): Promise<PeerProvider> {
    return {
      identity: { name: otherName, domain: otherProviderDomain },
      signer: await createSoftwareSigner({
        certificate: certificate.certificatePem,
        privateKey: certificate.privateKeyPem,
        chain: [ca.caPem],
        digestAlgorithm: 'sha1',
      }),
      certificateDer: certificate.der,
      caPem: ca.caPem,
    };
  }

  async function harness(policy: RevocationPolicy): Promise<ReceptionHarness> {
    const index =
      renderProviderEntry({
        name: 'Provider Esempio S.p.A.',
        mailReceipt: ourMailReceipt,
        managedDomains: ['pec.example.it'],
        certificates: [],
      }) +
      '\n' +
      renderProviderEntry({
        name: otherName,
        mailReceipt: otherMailReceipt,
        managedDomains: [otherProviderDomain],
        certificates: [...peers.values()].map((entry) => entry.certificateDer),
      });
    const revocation = createRevocationChecker(
      {
        source: createHttpRevocationSource({ timeoutMs: 2000, maxCrlBytes: 1024 * 1024 }),
        clock: { now: () => testStart },
        warn: (text) => warnings.push(text),
      },
      { policy, timeoutMs: 5000, cacheMinutes: 60 },
    );
    const h = await createReceptionHarness({ index, revocation });
    await h.ours.addMailbox(anna);
    return h;
  }

  before(async () => {
    ca = await createOpensslCa();
    crlServer = await serveBytes(() => ca.crl());
    const crlUrl = `${crlServer.url}/ca.crl`;
    const email = otherMailReceipt;
    const issue = (commonName: string, extra: { crlUrl?: string; ocspUrl?: string }) =>
      ca.issue({ commonName, email, ...extra });
    const revokedBefore = await issue('Posta Certificata revocata prima', { crlUrl });
    const revokedAfter = await issue('Posta Certificata revocata dopo', { crlUrl });
    const unreachable = await issue('Posta Certificata CRL irraggiungibile', {
      crlUrl: `http://127.0.0.1:${await freePort()}/gone.crl`,
    });
    const ocspGood = await issue('Posta Certificata OCSP', { ocspUrl: await ca.ocspUrl() });
    await ca.revoke(revokedBefore, new Date('2026-01-05T12:00:00Z'));
    await ca.revoke(revokedAfter, new Date('2026-06-01T12:00:00Z'));
    await ca.startOcspResponder();
    peers.set('revokedBefore', await peer(revokedBefore));
    peers.set('revokedAfter', await peer(revokedAfter));
    peers.set('unreachable', await peer(unreachable));
    peers.set('ocspGood', await peer(ocspGood));
    strict = await harness('strict');
    lenient = await harness('lenient');
  });
  after(async () => {
    await strict.close();
    await lenient.close();
    await crlServer.close();
    await ca.close();
  });

  async function deliver(h: ReceptionHarness, from: PeerProvider, subject: string) {
    const takeCharges = (await h.relayJobs('take-charge')).length;
    const envelope = await h.envelopeFrom({ to: anna, subject }, from);
    const reply = await h.send({ mailFrom: remoteSender, rcptTo: [anna], raw: envelope.bytes });
    const newTakeCharges = (await h.relayJobs('take-charge')).length - takeCharges;
    return { envelope, reply, newTakeCharges };
  }

  it('a signer revoked before the signing time (CRL) → anomaly envelope, no presa in carico', async () => {
    const { envelope, reply, newTakeCharges } = await deliver(
      strict,
      peers.get('revokedBefore')!,
      'Revocato',
    );
    assert.match(reply.text, /anomaly/);
    assert.equal(newTakeCharges, 0);
    await assertAnomaly(strict, anna, envelope.bytes, /revocato alla data della firma/);
  });

  it('a signer revoked after the signing time (CRL) → valid, taken in charge', async () => {
    const { reply, newTakeCharges } = await deliver(strict, peers.get('revokedAfter')!, 'Revocato dopo');
    assert.match(reply.text, /taken in charge/);
    assert.equal(newTakeCharges, 1);
  });

  it('a good OCSP answer → taken in charge', async () => {
    const { reply, newTakeCharges } = await deliver(strict, peers.get('ocspGood')!, 'OCSP');
    assert.match(reply.text, /taken in charge/);
    assert.equal(newTakeCharges, 1);
  });

  it('an unreachable CRL under the strict policy → anomaly envelope', async () => {
    const { envelope, reply, newTakeCharges } = await deliver(
      strict,
      peers.get('unreachable')!,
      'Irraggiungibile',
    );
    assert.match(reply.text, /anomaly/);
    assert.equal(newTakeCharges, 0);
    await assertAnomaly(strict, anna, envelope.bytes, /stato di revoca/);
  });

  it('an unreachable CRL under the lenient policy → taken in charge, with a warning', async () => {
    const before = warnings.length;
    const { reply, newTakeCharges } = await deliver(lenient, peers.get('unreachable')!, 'Irraggiungibile');
    assert.match(reply.text, /taken in charge/);
    assert.equal(newTakeCharges, 1);
    assert.ok(warnings.slice(before).some((text) => /lenient/.test(text) && /gone\.crl/.test(text)));
  });

  it('a revoked signer is refused under the lenient policy too', async () => {
    const { reply, newTakeCharges } = await deliver(lenient, peers.get('revokedBefore')!, 'Revocato');
    assert.match(reply.text, /anomaly/);
    assert.equal(newTakeCharges, 0);
  });
});
