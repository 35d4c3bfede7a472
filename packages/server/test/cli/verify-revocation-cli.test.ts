/**
 * `pec verify` and `pec inspect` check the signer's revocation (pec-spec §8.4 step 4, decision
 * 0009) against a CA run by openssl, its CRL served over local HTTP while the real `pec` runs: a
 * signer revoked before signing fails, a good one passes, an unreachable CRL is a warning by default
 * and a failure with `--revocation strict`.
 */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { renderProviderEntry } from '@pec/core';
import { repoRoot } from '../pec-samples-dir.ts';
import {
  createOpensslCa,
  freePort,
  serveBytes,
  type IssuedCertificate,
  type OpensslCa,
} from '../support/openssl-ca.ts';

const run = promisify(execFile);
const domain = 'pec.signer.example';
const address = `posta-certificata@${domain}`;

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The real `pec`, spawned without blocking, so that the test's CRL server keeps answering. */
function pec(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'packages/server/bin/pec.js'), ...args], {
      env: { ...process.env, PEC_DATA: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => {
      resolve({ status, stdout, stderr });
    });
  });
}

describe('pec verify and pec inspect: signer revocation', () => {
  let ca: OpensslCa;
  let crlServer: Awaited<ReturnType<typeof serveBytes>>;
  let index = '';
  const messages = new Map<'revoked' | 'good' | 'unreachable', string>();

  async function signedMessage(name: string, certificate: IssuedCertificate): Promise<string> {
    const dir = ca.dir;
    await writeFile(join(dir, `${name}.pem`), certificate.certificatePem);
    await writeFile(join(dir, `${name}.key`), certificate.privateKeyPem);
    await writeFile(
      join(dir, `${name}.txt`),
      `Content-Type: text/plain; charset=us-ascii\r\n\r\nPosta certificata di prova.\r\n`,
    );
    const out = join(dir, `${name}.eml`);
    await run('openssl', [
      'smime',
      '-sign',
      '-in',
      join(dir, `${name}.txt`),
      '-signer',
      join(dir, `${name}.pem`),
      '-inkey',
      join(dir, `${name}.key`),
      '-certfile',
      join(dir, 'ca.pem'),
      '-from',
      address,
      '-to',
      'anna@pec.example.it',
      '-subject',
      'Prova',
      '-out',
      out,
    ]);
    return out;
  }

  before(async () => {
    ca = await createOpensslCa();
    crlServer = await serveBytes(() => ca.crl());
    const crlUrl = `${crlServer.url}/ca.crl`;
    const revoked = await ca.issue({ commonName: 'Posta Certificata revocata', email: address, crlUrl });
    const good = await ca.issue({ commonName: 'Posta Certificata', email: address, crlUrl });
    const unreachable = await ca.issue({
      commonName: 'Posta Certificata senza CRL',
      email: address,
      crlUrl: `http://127.0.0.1:${await freePort()}/gone.crl`,
    });
    await ca.revoke(revoked, new Date('2026-01-05T12:00:00Z'));
    messages.set('revoked', await signedMessage('revoked', revoked));
    messages.set('good', await signedMessage('good', good));
    messages.set('unreachable', await signedMessage('unreachable', unreachable));
    index = join(ca.dir, 'index.ldif');
    await writeFile(
      index,
      renderProviderEntry({
        name: 'Signer PEC S.p.A.',
        mailReceipt: address,
        managedDomains: [domain],
        certificates: [revoked.der, good.der, unreachable.der],
      }),
    );
  });
  after(async () => {
    await crlServer.close();
    await ca.close();
  });

  it('pec verify: a signer revoked before the signing time fails, a good one passes', async () => {
    const revoked = await pec('verify', messages.get('revoked')!, '--index', index);
    assert.equal(revoked.status, 1, revoked.stdout);
    assert.match(
      revoked.stderr,
      /revocation: revoked \(crl http:\/\/127\.0\.0\.1:\d+\/ca\.crl, .*revoked at 2026-01-05T12:00:00\.000Z\)/,
    );
    const good = await pec('verify', messages.get('good')!, '--index', index);
    assert.equal(good.status, 0, good.stderr);
    assert.match(good.stdout, /^VERIFIED: .*\n {2}index: {6}\S+\n {2}revocation: good \(crl /);
  });

  it('pec verify: an unreachable CRL is a warning when lenient (default), a failure when strict', async () => {
    const lenient = await pec('verify', messages.get('unreachable')!, '--index', index);
    assert.equal(lenient.status, 0, lenient.stderr);
    assert.match(lenient.stdout, /warning: revocation status unknown: .*gone\.crl/);
    const strict = await pec(
      'verify',
      messages.get('unreachable')!,
      '--index',
      index,
      '--revocation',
      'strict',
    );
    assert.equal(strict.status, 1);
    assert.match(strict.stderr, /revocation: unknown \(none /);
  });

  it('pec inspect --json reports the status, its source and time', async () => {
    const result = await pec('inspect', '--json', messages.get('revoked')!);
    assert.equal(result.status, 0, result.stderr);
    const json = JSON.parse(result.stdout) as {
      signature: { revocation: { status: string; source: string; checkedAt: string; revokedAt: string } };
    };
    assert.equal(json.signature.revocation.status, 'revoked');
    assert.equal(json.signature.revocation.source, 'crl');
    assert.match(json.signature.revocation.checkedAt, /^\d{4}-\d\d-\d\dT/);
    assert.equal(json.signature.revocation.revokedAt, '2026-01-05T12:00:00.000Z');
  });
});
