import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createDevelopmentPki } from './create-development-pki.ts';
import { createPkijsSigner } from './create-pkijs-signer.ts';
import { envelopSignedContent } from './envelop-signed-content.ts';

describe('enveloping a detached signature (.p7m)', () => {
  it('openssl cms and smime verify the content inside, and refuse it changed', async () => {
    const pki = await createDevelopmentPki({
      domain: 'pec.example.it',
      providerName: 'Example',
      now: new Date(),
    });
    const signer = await createPkijsSigner({
      certificate: pki.signingCertificate,
      privateKey: pki.signingPrivateKey,
    });
    // Bigger than one 64 KiB chunk, binary, as a PDF is.
    const content = new Uint8Array(200_000).map((_, i) => (i * 7919) % 251);
    const p7m = envelopSignedContent(await signer.sign(content, new Date()), content);
    const dir = mkdtempSync(join(tmpdir(), 'pec-p7m-'));
    try {
      writeFileSync(join(dir, 'ca.pem'), pki.caCertificate);
      writeFileSync(join(dir, 'x.p7m'), p7m);
      for (const tool of ['smime', 'cms']) {
        const out = join(dir, `${tool}.out`);
        const run = spawnSync(
          'openssl',
          [
            tool,
            '-verify',
            '-inform',
            'DER',
            '-binary',
            '-in',
            join(dir, 'x.p7m'),
            '-CAfile',
            join(dir, 'ca.pem'),
            '-out',
            out,
          ],
          { encoding: 'utf8' },
        );
        assert.equal(run.status, 0, run.stderr);
        assert.deepEqual(new Uint8Array(readFileSync(out)), content);
      }
      const tampered = Buffer.from(p7m);
      const at = tampered.indexOf(Buffer.from(content.subarray(1000, 1032)));
      assert.ok(at > 0);
      tampered[at] = (tampered[at] ?? 0) ^ 1;
      writeFileSync(join(dir, 'bad.p7m'), tampered);
      const bad = spawnSync(
        'openssl',
        [
          'cms',
          '-verify',
          '-inform',
          'DER',
          '-binary',
          '-in',
          join(dir, 'bad.p7m'),
          '-CAfile',
          join(dir, 'ca.pem'),
          '-out',
          join(dir, 'bad.out'),
        ],
        { encoding: 'utf8' },
      );
      assert.notEqual(bad.status, 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
