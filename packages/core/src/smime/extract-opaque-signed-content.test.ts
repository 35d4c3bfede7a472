import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createDevelopmentPki } from './create-development-pki.ts';
import { extractOpaqueSignedContent } from './extract-opaque-signed-content.ts';
import { verifySignedMessage } from './verify-signed-message.ts';

describe('opaque pkcs7-mime signed-data', () => {
  it('extracts and verifies a message signed by openssl with -nodetach and rejects a tampered one', async () => {
    const now = new Date();
    const pki = await createDevelopmentPki({ domain: 'pec.example.it', providerName: 'Example', now });
    const dir = mkdtempSync(join(tmpdir(), 'pec-opaque-'));
    try {
      writeFileSync(join(dir, 'cert.pem'), pki.signingCertificate);
      writeFileSync(join(dir, 'key.pem'), pki.signingPrivateKey);
      const entity = 'Content-Type: text/plain\r\n\r\nciao\r\n';
      writeFileSync(join(dir, 'entity.txt'), entity);
      const result = spawnSync(
        'openssl',
        [
          'smime',
          '-sign',
          '-nodetach',
          '-binary',
          '-in',
          join(dir, 'entity.txt'),
          '-signer',
          join(dir, 'cert.pem'),
          '-inkey',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'opaque.eml'),
        ],
        { encoding: 'utf8' },
      );
      assert.equal(result.status, 0, result.stderr);
      const message = readFileSync(join(dir, 'opaque.eml'));

      const opaque = extractOpaqueSignedContent(message);
      assert.ok(opaque !== undefined);
      assert.deepEqual(opaque.problems, []);
      assert.equal(new TextDecoder().decode(opaque.content), entity);

      const report = await verifySignedMessage(message);
      assert.equal(report.valid, true);
      assert.equal(report.signer?.email, 'posta-certificata@pec.example.it');

      // Change the encapsulated text inside the DER and re-encode: no longer valid.
      const text = message.toString('latin1');
      const bodyStart = text.indexOf('\n\n') + 2;
      const cms = Buffer.from(text.slice(bodyStart).replace(/\s+/g, ''), 'base64');
      const at = cms.indexOf('ciao');
      assert.ok(at > 0);
      cms[at + 2] = 'b'.charCodeAt(0);
      const tampered = Buffer.from(text.slice(0, bodyStart) + cms.toString('base64') + '\n', 'latin1');
      const tamperedReport = await verifySignedMessage(tampered);
      assert.equal(tamperedReport.valid, false);
      assert.ok(tamperedReport.errors.includes('messageDigest does not match the content'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ignores other types and enveloped-data', () => {
    const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
    assert.equal(extractOpaqueSignedContent(enc('Content-Type: text/plain\r\n\r\nx')), undefined);
    assert.equal(
      extractOpaqueSignedContent(
        enc('Content-Type: application/pkcs7-mime; smime-type=enveloped-data\r\n\r\nMIIB'),
      ),
      undefined,
    );
    const garbage = extractOpaqueSignedContent(
      enc('Content-Type: application/x-pkcs7-mime\r\n\r\nnot base64 at all'),
    );
    assert.ok(garbage !== undefined && garbage.content === undefined && garbage.problems.length === 1);
  });
});
