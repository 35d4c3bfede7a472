/**
 * `pec verify FILE --index INDEX`: exit 0 only for a valid signature by a provider listed in the
 * index; exit 1 with the reason otherwise (pec-spec §3).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createDevelopmentPki, pemToDer, renderProviderEntry, verifySignedMessage } from '@pec/core';
import { hasPecSamples, pecSamplesDir, repoRoot } from '../pec-samples-dir.ts';

const pec = (...args: string[]) =>
  spawnSync(process.execPath, [join(repoRoot, 'packages/server/bin/pec.js'), ...args], { encoding: 'utf8' });

describe('pec verify', { skip: hasPecSamples ? false : 'samples not present' }, () => {
  const sample = join(pecSamplesDir, 'oca-l10n-italy/message2_accettazione');
  let dir = '';
  let goodIndex = '';
  let otherIndex = '';

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pec-verify-'));
    const report = await verifySignedMessage(await readFile(sample));
    assert.ok(report.signerCertificate !== undefined);
    goodIndex = join(dir, 'good.ldif');
    await writeFile(
      goodIndex,
      renderProviderEntry({
        name: 'ARUBA PEC S.p.A.',
        mailReceipt: 'posta-certificata@pec.aruba.it',
        managedDomains: ['pec.it', 'pec.aruba.it'],
        certificates: [report.signerCertificate],
      }),
    );
    const pki = await createDevelopmentPki({
      domain: 'pec.example.it',
      providerName: 'Other',
      now: new Date(),
    });
    otherIndex = join(dir, 'other.ldif');
    await writeFile(
      otherIndex,
      renderProviderEntry({
        name: 'Other PEC',
        mailReceipt: 'posta-certificata@pec.example.it',
        managedDomains: ['pec.example.it'],
        certificates: [pemToDer(pki.signingCertificate)],
      }),
    );
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('exits 0 for a real receipt signed by a listed provider', () => {
    const result = pec('verify', sample, '--index', goodIndex);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^VERIFIED: accettazione signed by ARUBA PEC S\.p\.A\./);
  });

  it('exits 1 when the signer is not in the index', () => {
    const result = pec('verify', sample, '--index', otherIndex);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /not a provider certificate in the index/);
  });

  it('exits 1 when one signed byte changed', async () => {
    const bytes = Buffer.from(await readFile(sample));
    const at = bytes.indexOf('Ricevuta di accettazione');
    assert.ok(at > 0);
    bytes[at] = 'r'.charCodeAt(0);
    const tampered = join(dir, 'tampered.eml');
    await writeFile(tampered, bytes);
    const result = pec('verify', tampered, '--index', goodIndex);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /signature invalid/);
  });

  it('exits 1 for an unsigned message', async () => {
    const plain = join(dir, 'plain.eml');
    await writeFile(plain, 'From: a@example.com\r\nTo: b@example.com\r\nSubject: hi\r\n\r\nhello\r\n');
    const result = pec('verify', plain, '--index', goodIndex);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /no S\/MIME signature/);
  });
});
