import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { getHeader, parseHeaderBlock } from '../mail/header-block.ts';
import { parseLdif } from '../pec/index/parse-ldif.ts';
import { createProviderIndex } from '../pec/index/provider-index.ts';
import { renderProviderEntry } from '../pec/index/render-provider-entry.ts';
import { splitMultipartSigned } from './split-multipart-signed.ts';
import { parseSignedData } from './verify-cms-signature.ts';
import { verifySignedMessage } from './verify-signed-message.ts';

// Real provider messages (personal data): referenced by path, never printed.
const samples = join(import.meta.dirname, '../../../../../shared/pec-samples');

interface ManifestEntry {
  readonly path: string;
  readonly status: 'valid' | 'broken' | 'unsigned';
  readonly digest: 'sha1' | 'sha256' | undefined;
  readonly lineEndings: string;
}

/** Reads each file's S/MIME status, micalg and line endings from MANIFEST.md's per-file sections. */
function readManifest(): ManifestEntry[] {
  const entries: ManifestEntry[] = [];
  let dir = '';
  let file: string | undefined;
  let smime = '';
  for (const line of readFileSync(join(samples, 'MANIFEST.md'), 'utf8').split('\n')) {
    const dirMatch = /^### `(.+\/)`/.exec(line);
    if (dirMatch !== null) dir = dirMatch[1]!;
    const fileMatch = /^#### `(.+)`/.exec(line);
    if (fileMatch !== null) file = fileMatch[1]!;
    if (line.startsWith('* **S/MIME signature:**')) smime = line;
    const endings = /^\* \*\*Line endings \/ size:\*\* (\S+)/.exec(line);
    if (endings !== null && file !== undefined) {
      const status = smime.includes('VALID') ? 'valid' : smime.includes('BROKEN') ? 'broken' : 'unsigned';
      const micalg = /micalg `([^`]+)`/.exec(smime)?.[1];
      const digest = micalg === undefined ? undefined : micalg.includes('256') ? 'sha256' : 'sha1';
      entries.push({ path: dir + file, status, digest, lineEndings: endings[1]! });
      file = undefined;
    }
  }
  return entries.filter((entry) => existsSync(join(samples, entry.path)));
}

describe('verifySignedMessage on the real sample corpus', { skip: !existsSync(samples) }, () => {
  const manifest = existsSync(samples) ? readManifest() : [];

  it('found the corpus', () => {
    assert.ok(manifest.filter((entry) => entry.status === 'valid').length >= 20);
    assert.ok(manifest.filter((entry) => entry.status === 'broken').length >= 10);
  });

  for (const entry of manifest) {
    it(`${entry.path}: ${entry.status}`, async () => {
      const message = readFileSync(join(samples, entry.path));
      const report = await verifySignedMessage(message);
      if (entry.status === 'valid') {
        assert.deepEqual(report.errors, [], entry.path);
        assert.equal(report.valid, true);
        assert.equal(report.present, true);
        assert.equal(report.digestAlgorithm, entry.digest);
        assert.equal(report.canonicalized, entry.lineEndings === 'LF');
        assert.equal(report.certificateValidAtSigningTime, true);
        const email = report.signer?.email;
        assert.ok(email !== undefined && email.includes('@'));
        // pec-spec §8.1: From equals the address in the signing certificate.
        const from = getHeader(parseHeaderBlock(message), 'From') ?? '';
        assert.ok(from.toLowerCase().includes(email.toLowerCase()));
      } else if (entry.status === 'broken') {
        assert.equal(report.present, true);
        assert.equal(report.valid, false);
        assert.ok(report.errors.includes('messageDigest does not match the content'));
        assert.equal(report.digestAlgorithm, entry.digest);
      } else {
        assert.equal(report.valid, false);
        assert.ok(report.errors.length > 0);
      }
    });
  }

  it('validates real chains (2014 DigitPA, 2018-2023 AgID CA1) at signing time and matches the index', async () => {
    const valid = manifest.filter((entry) => entry.status === 'valid');
    for (const entry of valid) {
      const message = readFileSync(join(samples, entry.path));
      const parts = splitMultipartSigned(message);
      assert.ok(parts !== undefined);
      const first = await verifySignedMessage(message);
      const signerDer = first.signerCertificate;
      assert.ok(signerDer !== undefined);
      // The intermediate CA shipped in the SignedData stands in for the AgID trust anchor.
      const intermediates = parseSignedData(parts.signature)
        .certificates.map((certificate) => certificate.der)
        .filter((der) => !Buffer.from(der).equals(signerDer));
      assert.ok(intermediates.length > 0);
      const index = createProviderIndex(
        parseLdif(
          renderProviderEntry({
            name: 'Sample Provider',
            mailReceipt: 'posta-certificata@example.invalid',
            managedDomains: ['example.invalid'],
            certificates: [signerDer],
          }),
        ),
      );
      const report = await verifySignedMessage(message, { trustAnchors: intermediates, index });
      assert.equal(report.chainValid, true, entry.path);
      assert.equal(report.indexProvider, 'Sample Provider');
    }
  });

  it('never throws on truncated or garbled copies of a real message', async () => {
    const message = readFileSync(join(samples, 'oca-l10n-italy/message2_accettazione'));
    for (const cut of [0, 10, 200, 1000, message.length - 500]) {
      const report = await verifySignedMessage(message.subarray(0, cut));
      assert.equal(report.valid, false);
    }
    // Losing only the final line break after the closing delimiter changes nothing signed.
    assert.equal((await verifySignedMessage(message.subarray(0, message.length - 1))).valid, true);
    const garbled = new Uint8Array(message);
    for (let i = message.length - 1200; i < message.length - 200; i += 7) garbled[i] = 0x41;
    assert.equal((await verifySignedMessage(garbled)).valid, false);
  });
});
