/**
 * Issue 2 benchmark: building + signing a transport envelope and verifying one, next to the raw
 * RSA-2048 signing rate of node:crypto measured in the same run (the ratio is the figure to report).
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import {
  buildTransportEnvelope,
  createDevelopmentPki,
  createSoftwareSigner,
  deriveOriginalFacts,
  signPecMessage,
  verifySignedMessage,
  type DigestAlgorithm,
} from '@pec/core';
import { measureRate } from './measure-rate.ts';

export interface BenchRow {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly ratio?: string;
}

function originalMessage(bytes: number): Uint8Array {
  const body = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '
    .repeat(Math.ceil(bytes / 58))
    .slice(0, bytes);
  const lines = body.match(/.{1,76}/g) ?? [];
  return new TextEncoder().encode(
    'From: mario.rossi@pec.example.it\r\nTo: ufficio@pec.example.org\r\nSubject: Contratto 2026/17\r\n' +
      'Message-ID: <bench-1@client.example>\r\nDate: Sun, 22 Nov 2026 10:00:00 +0100\r\nMIME-Version: 1.0\r\n' +
      'Content-Type: text/plain; charset=utf-8\r\n\r\n' +
      lines.join('\r\n') +
      '\r\n',
  );
}

export async function benchCoreSigning(seconds: number): Promise<BenchRow[]> {
  const now = new Date('2026-11-22T10:00:00Z');
  const pki = await createDevelopmentPki({ domain: 'pec.example.it', providerName: 'Bench PEC', now });
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const digest = new Uint8Array(32).fill(7);
  const raw = await measureRate(() => sign('sha256', digest, privateKey), { seconds });
  const rows: BenchRow[] = [
    { name: 'raw RSA-2048 signatures (node:crypto, reference)', value: raw.rate, unit: 'ops/s' },
  ];
  const original = originalMessage(10 * 1024);
  const facts = deriveOriginalFacts(original, () => 'certificato');
  let sequence = 0;
  for (const digestAlgorithm of ['sha256', 'sha1'] as DigestAlgorithm[]) {
    const signer = await createSoftwareSigner({
      certificate: pki.signingCertificate,
      privateKey: pki.signingPrivateKey,
      digestAlgorithm,
    });
    const buildAndSign = async (): Promise<Uint8Array> => {
      sequence++;
      const envelope = buildTransportEnvelope({
        provider: { name: 'Bench PEC', domain: 'pec.example.it' },
        acceptedAt: now,
        identifier: `opec1.20261122100000.1.${sequence}.1.1@pec.example.it`,
        original,
        facts,
      });
      return signPecMessage(envelope, signer, now);
    };
    const built = await measureRate(buildAndSign, { seconds });
    rows.push({
      name: `build + sign transport envelope, 10 KB original (${digestAlgorithm})`,
      value: built.rate,
      unit: 'ops/s',
      ratio: `${((built.rate / raw.rate) * 100).toFixed(1)} % of raw RSA`,
    });
    const signed = await buildAndSign();
    const verified = await measureRate(() => verifySignedMessage(signed), { seconds });
    rows.push({
      name: `verify a signed transport envelope (${digestAlgorithm})`,
      value: verified.rate,
      unit: 'ops/s',
      ratio: `${((verified.rate / raw.rate) * 100).toFixed(1)} % of raw RSA signing`,
    });
  }
  return rows;
}
