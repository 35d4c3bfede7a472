/**
 * The lean SignedData reader agrees with the full pkijs parse on every signature it accepts: our own
 * signatures (both digests, with a chain) and the real sample corpus; what it declines goes to pkijs.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createDevelopmentPki } from './create-development-pki.ts';
import { createSoftwareSigner } from './create-software-signer.ts';
import { extractOpaqueSignedContent } from './extract-opaque-signed-content.ts';
import { readSignerPath, type SignerPath } from './read-signer-path.ts';
import { splitMultipartSigned } from './split-multipart-signed.ts';
import { parseSignedData, signerPathFromPkijs } from './verify-cms-signature.ts';

// The real corpus next to the main checkout, also from a worktree one level deeper.
const samples =
  ['../../../../../shared/pec-samples', '../../../../../../shared/pec-samples']
    .map((relative) => join(import.meta.dirname, relative))
    .find((candidate) => existsSync(candidate)) ?? '';

/** Byte fields as hex so that views over different buffers compare by content. */
function plain(path: SignerPath): unknown {
  return JSON.parse(
    JSON.stringify(path, (_key, value: unknown) =>
      value instanceof Uint8Array ? Buffer.from(value).toString('hex') : value,
    ),
  );
}

function signatureOf(message: Uint8Array): Uint8Array | undefined {
  const parts = splitMultipartSigned(message);
  if (parts !== undefined) return parts.signature.length > 0 ? parts.signature : undefined;
  return extractOpaqueSignedContent(message)?.signature;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(eml|p7m|msg)$/i.test(name) ? [path] : [];
  });
}

describe('readSignerPath', () => {
  it('reads our own signatures exactly as pkijs does', async () => {
    const now = new Date('2026-11-22T09:00:00Z');
    const pki = await createDevelopmentPki({ domain: 'pec.example.it', providerName: 'Example', now });
    for (const digestAlgorithm of ['sha1', 'sha256'] as const) {
      const signer = await createSoftwareSigner({
        certificate: pki.signingCertificate,
        privateKey: pki.signingPrivateKey,
        chain: [pki.caCertificate],
        digestAlgorithm,
      });
      const signature = await signer.sign(new TextEncoder().encode('x\r\n'), now);
      const lean = readSignerPath(signature);
      assert.ok(lean !== undefined, 'the lean reader accepts our own encoding');
      assert.equal(lean.signerIndex, 0);
      assert.equal(lean.certificates.length, 2);
      assert.deepEqual(plain(lean), plain(signerPathFromPkijs(parseSignedData(signature))));
    }
  });

  it('declines what it does not handle, instead of guessing', () => {
    assert.equal(readSignerPath(new Uint8Array([0x30, 0x80, 0, 0])), undefined);
    assert.equal(readSignerPath(new Uint8Array([1, 2, 3])), undefined);
  });

  it('agrees with pkijs on every real sample it accepts', { skip: samples === '' }, () => {
    let lean = 0;
    for (const file of files(samples)) {
      const signature = signatureOf(readFileSync(file));
      if (signature === undefined) continue;
      const path = readSignerPath(signature);
      if (path === undefined) continue;
      lean++;
      assert.deepEqual(plain(path), plain(signerPathFromPkijs(parseSignedData(signature))), file);
    }
    assert.ok(lean >= 10, `only ${lean} samples took the lean path`);
  });
});
