/**
 * The node:crypto signer emits exactly the bytes the pkijs encoder produced before it (RSA PKCS#1 v1.5
 * is deterministic), for both digests, with a chain, and for a signing time outside UTCTime's range.
 * The pkijs encoder is kept here as the reference.
 */
import assert from 'node:assert/strict';
import { createHash, createPrivateKey } from 'node:crypto';
import { describe, it } from 'node:test';
import * as asn1js from 'asn1js';
import {
  AlgorithmIdentifier,
  Attribute,
  Certificate,
  ContentInfo,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  SignedAndUnsignedAttributes,
  SignedData,
  SignerInfo,
} from 'pkijs';
import { cmsOids } from './cms-oids.ts';
import { createDevelopmentPki } from './create-development-pki.ts';
import { createSoftwareSigner } from './create-software-signer.ts';
import { cryptoEngine } from './crypto-engine.ts';
import { digestAlgorithmByName } from './digest-algorithms.ts';
import { pemToDer } from './pem.ts';
import type { DigestAlgorithm } from './signer.ts';
import { verifyDetachedSignature } from './verify-detached-signature.ts';

/** The former pkijs/WebCrypto encoder, unchanged but for its inputs. */
async function pkijsSignature(input: {
  certificate: Uint8Array;
  chain: Uint8Array[];
  privateKeyPem: string;
  digestAlgorithm: DigestAlgorithm;
  content: Uint8Array;
  signingTime: Date;
}): Promise<Uint8Array> {
  const digest = digestAlgorithmByName(input.digestAlgorithm);
  const certificate = Certificate.fromBER(input.certificate);
  const chain = input.chain.map((der) => Certificate.fromBER(der));
  const privateKey = await globalThis.crypto.subtle.importKey(
    'pkcs8',
    createPrivateKey(input.privateKeyPem).export({ type: 'pkcs8', format: 'der' }),
    { name: 'RSASSA-PKCS1-v1_5', hash: digest.webCryptoName },
    false,
    ['sign'],
  );
  const year = input.signingTime.getUTCFullYear();
  const time =
    year >= 1950 && year < 2050
      ? new asn1js.UTCTime({ valueDate: input.signingTime })
      : new asn1js.GeneralizedTime({ valueDate: input.signingTime });
  const messageDigest = createHash(digest.name).update(input.content).digest();
  const signedData = new SignedData({
    version: 1,
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: cmsOids.data }),
    signerInfos: [
      new SignerInfo({
        version: 1,
        sid: new IssuerAndSerialNumber({
          issuer: certificate.issuer,
          serialNumber: certificate.serialNumber,
        }),
        signedAttrs: new SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new Attribute({
              type: cmsOids.contentTypeAttribute,
              values: [new asn1js.ObjectIdentifier({ value: cmsOids.data })],
            }),
            new Attribute({ type: cmsOids.signingTimeAttribute, values: [time] }),
            new Attribute({
              type: cmsOids.messageDigestAttribute,
              values: [new asn1js.OctetString({ valueHex: new Uint8Array(messageDigest).buffer })],
            }),
          ],
        }),
      }),
    ],
    certificates: [certificate, ...chain],
  });
  await signedData.sign(privateKey, 0, digest.webCryptoName, undefined, cryptoEngine);
  const signerInfo = signedData.signerInfos[0];
  if (signerInfo !== undefined) {
    signerInfo.signatureAlgorithm = new AlgorithmIdentifier({
      algorithmId: cmsOids.rsaEncryption,
      algorithmParams: new asn1js.Null(),
    });
  }
  const contentInfo = new ContentInfo({
    contentType: cmsOids.signedData,
    content: signedData.toSchema(true),
  });
  return new Uint8Array(contentInfo.toSchema().toBER());
}

describe('createSoftwareSigner', () => {
  const content = new TextEncoder().encode(
    'Content-Type: text/plain\r\n\r\nMessaggio di posta certificata\r\n',
  );
  for (const digestAlgorithm of ['sha1', 'sha256'] as const) {
    for (const signingTime of [new Date('2026-11-22T10:00:07Z'), new Date('2051-01-02T03:04:05Z')]) {
      it(`${digestAlgorithm}, ${signingTime.toISOString()}: byte-identical to the pkijs encoder`, async () => {
        const pki = await createDevelopmentPki({
          domain: 'pec.example.it',
          providerName: 'Example PEC S.p.A.',
          now: new Date('2026-11-22T09:00:00Z'),
        });
        const certificate = pemToDer(pki.signingCertificate);
        const chain = [pemToDer(pki.caCertificate)];
        const signer = await createSoftwareSigner({
          certificate: pki.signingCertificate,
          privateKey: pki.signingPrivateKey,
          chain: [pki.caCertificate],
          digestAlgorithm,
        });
        const ours = await signer.sign(content, signingTime);
        const reference = await pkijsSignature({
          certificate,
          chain,
          privateKeyPem: pki.signingPrivateKey,
          digestAlgorithm,
          content,
          signingTime,
        });
        assert.equal(Buffer.from(ours).toString('hex'), Buffer.from(reference).toString('hex'));
        const report = await verifyDetachedSignature(content, ours, { at: signingTime });
        assert.equal(report.valid, true, report.errors.join('; '));
        assert.equal(report.signingTime?.getTime(), signingTime.getTime());
      });
    }
  }

  it('refuses a key that does not match the certificate', async () => {
    const now = new Date('2026-11-22T09:00:00Z');
    const one = await createDevelopmentPki({ domain: 'pec.example.it', providerName: 'One', now });
    const two = await createDevelopmentPki({ domain: 'pec.example.it', providerName: 'Two', now });
    await assert.rejects(
      createSoftwareSigner({ certificate: one.signingCertificate, privateKey: two.signingPrivateKey }),
      /does not match/,
    );
  });
});
