/**
 * Test-only: what the scenarios read out of a provider or forge for it — the transport envelope
 * the sender's provider signed (from its outbox, byte-exact), a provider's real signer, and
 * envelopes signed by a key that is not in the index or changed by one byte (pec-spec §2.3, §8.4).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  buildTransportEnvelope,
  createDevelopmentPki,
  createSoftwareSigner,
  deriveOriginalFacts,
  signPecMessage,
  type ProviderIdentity,
  type Signer,
} from '@pec/core';
import { createIdentifierSource } from '../../src/services/pipeline/create-identifier-source.ts';
import {
  envelopeJobKinds,
  parseEnvelopeJobPayload,
} from '../../src/services/pipeline/outbox/envelope-jobs.ts';
import type { PairProvider } from './provider-pair.ts';

/** The transport envelope `p` signed for `identifier`, as stored before relaying. */
export async function signedEnvelopeOf(p: PairProvider, identifier: string): Promise<Buffer> {
  for (const kind of [envelopeJobKinds.relay, envelopeJobKinds.deliver]) {
    for (const job of await p.ctx.storage.queue.list({ kind, limit: 10_000 })) {
      const payload = parseEnvelopeJobPayload(job.payload);
      if (payload.identifier === identifier) return p.ctx.blobs.get(payload.envelopeBlobKey);
    }
  }
  throw new Error(`${p.spec.key}: no envelope job for ${identifier}`);
}

/** The provider's own signing key, from its data folder. */
export async function providerSigner(p: PairProvider): Promise<Signer> {
  const certs = join(p.dataDir, 'certs');
  return createSoftwareSigner({
    certificate: await readFile(join(certs, 'signing-cert.pem'), 'utf8'),
    privateKey: await readFile(join(certs, 'signing-key.pem'), 'utf8'),
    digestAlgorithm: 'sha1',
  });
}

/** A key and certificate for `posta-certificata@<domain>` from a CA nobody listed: a forger. */
export async function forgerSigner(identity: ProviderIdentity): Promise<Signer> {
  const pki = await createDevelopmentPki({
    domain: identity.domain,
    providerName: identity.name,
    now: new Date(),
  });
  return createSoftwareSigner({
    certificate: pki.signingCertificate,
    privateKey: pki.signingPrivateKey,
    digestAlgorithm: 'sha1',
  });
}

/** A well-formed transport envelope of `identity` around `original`, signed by `signer` now. */
export async function signedEnvelope(
  identity: ProviderIdentity,
  original: Uint8Array,
  signer: Signer,
): Promise<{ readonly bytes: Buffer; readonly identifier: string }> {
  const now = new Date();
  const identifier = createIdentifierSource(identity.domain).next(now);
  const envelope = buildTransportEnvelope({
    provider: identity,
    acceptedAt: now,
    identifier,
    original,
    facts: deriveOriginalFacts(original, () => 'certificato'),
  });
  return { bytes: Buffer.from(await signPecMessage(envelope, signer, now)), identifier };
}

/** The same bytes with one letter of `marker` (which must occur once) changed. */
export function tamperOneByte(bytes: Buffer, marker: string): Buffer {
  const at = bytes.indexOf(marker);
  if (at === -1 || bytes.indexOf(marker, at + 1) !== -1) throw new Error(`marker must occur once: ${marker}`);
  const copy = Buffer.from(bytes);
  copy[at] = (copy[at] ?? 0) ^ 0x20;
  return copy;
}
