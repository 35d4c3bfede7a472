import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createDevelopmentPki, pemToDer, verifyDetachedSignature } from '@pec/core';
import { ConfigError } from '../config/config-error.ts';
import { initProvider, signingChainEntry } from './init-provider.ts';
import { openProvider } from './open-provider.ts';
import { readPkcs12 } from './read-pkcs12.ts';

function openssl(...args: string[]): string {
  const result = spawnSync('openssl', args, { encoding: 'utf8' });
  assert.equal(result.status, 0, `openssl ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

async function modeOf(path: string): Promise<number> {
  return (await stat(path)).mode & 0o777;
}

describe('initProvider then openProvider (development PKI)', () => {
  let root = '';
  let dataDir = '';
  const now = new Date();

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'pec-init-'));
    dataDir = join(root, 'data');
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('writes the configuration, the PKI, the index and the database', async () => {
    const result = await initProvider({
      dataDir,
      domain: 'PEC.Example.it',
      providerName: 'Example PEC S.p.A.',
      hostname: 'mail.example.it',
      ports: { smtp: 0, http: 0 },
      clock: { now: () => now },
    });
    assert.equal(result.dataDir, dataDir);
    assert.equal(result.createdDevelopmentPki, true);
    assert.equal(result.config.provider.domain, 'pec.example.it');
    assert.equal(result.config.provider.name, 'Example PEC S.p.A.');
    assert.equal(result.config.listen.host, '127.0.0.1');
    assert.equal(result.config.ports.smtp, 0);
    assert.equal(result.signingCertificate.email, 'posta-certificata@pec.example.it');
    const { layout } = result;
    for (const file of [
      layout.configFile,
      layout.databaseFile,
      layout.caCertFile,
      layout.tlsCertFile,
      layout.indexFile,
    ]) {
      await stat(file);
    }
    assert.equal(await modeOf(layout.signingKeyFile), 0o600);
    assert.equal(await modeOf(layout.tlsKeyFile), 0o600);
    assert.equal(await modeOf(layout.configFile), 0o600);
    assert.ok((await stat(layout.blobsDir)).isDirectory());
    // The file keeps relative paths so that the folder can be moved.
    const written = JSON.parse(await readFile(layout.configFile, 'utf8')) as {
      signing: { certFile: string };
    };
    assert.equal(written.signing.certFile, 'certs/signing-cert.pem');
  });

  it('issues a signing certificate that openssl verifies against certs/ca.pem, with the §8.1 profile', () => {
    const certs = join(dataDir, 'certs');
    const verified = openssl('verify', '-CAfile', join(certs, 'ca.pem'), join(certs, 'signing-cert.pem'));
    assert.match(verified, /signing-cert\.pem: OK/);
    const text = openssl('x509', '-in', join(certs, 'signing-cert.pem'), '-noout', '-text');
    assert.match(text, /X509v3 Subject Alternative Name:\s*\n\s*email:posta-certificata@pec\.example\.it/);
    assert.match(text, /X509v3 Key Usage: critical\s*\n\s*Digital Signature/);
    assert.doesNotMatch(text, /Basic Constraints/);
    assert.match(text, /Subject: .*O\s*=\s*Example PEC S\.p\.A\./);
    const caText = openssl('x509', '-in', join(certs, 'ca.pem'), '-noout', '-subject');
    assert.match(caText, /DEVELOPMENT/);
    const tls = openssl('verify', '-CAfile', join(certs, 'ca.pem'), join(certs, 'tls-cert.pem'));
    assert.match(tls, /tls-cert\.pem: OK/);
    const tlsText = openssl('x509', '-in', join(certs, 'tls-cert.pem'), '-noout', '-ext', 'subjectAltName');
    assert.match(tlsText, /DNS:mail\.example\.it/);
    assert.match(tlsText, /DNS:pec\.example\.it/);
  });

  it('opens: identity, index with this provider, storage with the domain, a working signer', async () => {
    const provider = await openProvider({ dataDir, env: {} });
    try {
      assert.deepEqual(provider.identity, { name: 'Example PEC S.p.A.', domain: 'pec.example.it' });
      assert.equal(provider.index.classifyDomain('anyone@pec.example.it'), 'certificato');
      assert.equal(provider.index.classifyDomain('anyone@gmail.com'), 'esterno');
      const signingDer = pemToDer(await readFile(join(dataDir, 'certs/signing-cert.pem'), 'utf8'));
      assert.equal(provider.index.findProviderByCertificate(signingDer)?.name, 'Example PEC S.p.A.');
      assert.equal(provider.index.providers[0]?.mailReceipt, 'posta-certificata@pec.example.it');
      assert.equal((await provider.storage.accounts.getDomain('pec.example.it'))?.name, 'pec.example.it');
      assert.equal(provider.storage.dialect, 'sqlite');
      assert.equal(provider.signer.digestAlgorithm, 'sha1');
      assert.match(provider.tls.cert, /BEGIN CERTIFICATE/);
      assert.match(provider.tls.key, /BEGIN PRIVATE KEY/);
      const content = new TextEncoder().encode('Content-Type: text/plain\r\n\r\nciao\r\n');
      const signature = await provider.signer.sign(content, now);
      const report = await verifyDetachedSignature(content, signature);
      assert.equal(report.valid, true, report.errors.join('; '));
      const key = await provider.blobs.put(content);
      assert.deepEqual(await provider.blobs.get(key), Buffer.from(content));
    } finally {
      await provider.close();
      await provider.close();
    }
  });

  it('refuses to initialise the same folder twice and leaves it unchanged', async () => {
    const before = await readFile(join(dataDir, 'certs/signing-cert.pem'), 'utf8');
    await assert.rejects(initProvider({ dataDir, domain: 'other.example.it' }), /already initialised/);
    assert.equal(await readFile(join(dataDir, 'certs/signing-cert.pem'), 'utf8'), before);
  });

  it('reports every configuration problem when opening a broken folder', async () => {
    const file = join(dataDir, 'pec.config.json');
    const original = await readFile(file, 'utf8');
    const broken = JSON.parse(original) as { ports: object; tls: object };
    broken.ports = { ...broken.ports, imap: 'x' };
    broken.tls = { ...broken.tls, certFile: 'certs/missing.pem' };
    await writeFile(file, JSON.stringify(broken));
    try {
      await assert.rejects(openProvider({ dataDir }), (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(error.issues.map((issue) => issue.path).sort(), ['ports.imap', 'tls.certFile']);
        return true;
      });
    } finally {
      await writeFile(file, original);
    }
  });
});

describe('initProvider with given signing credentials', () => {
  let root = '';
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'pec-init-import-'));
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('imports a PEM certificate and key', async () => {
    const pki = await createDevelopmentPki({ domain: 'pec.acme.it', providerName: 'Acme', now: new Date() });
    await writeFile(join(root, 'cert.pem'), pki.signingCertificate);
    await writeFile(join(root, 'key.pem'), pki.signingPrivateKey);
    const dataDir = join(root, 'pem');
    const result = await initProvider({
      dataDir,
      domain: 'pec.acme.it',
      providerName: 'Acme',
      signingCert: join(root, 'cert.pem'),
      signingKey: join(root, 'key.pem'),
    });
    assert.equal(result.createdDevelopmentPki, false);
    assert.equal(await readFile(join(dataDir, 'certs/signing-cert.pem'), 'utf8'), pki.signingCertificate);
    const provider = await openProvider({ dataDir });
    await provider.close();
  });

  it('imports a PKCS#12 file with its chain', async () => {
    const pki = await createDevelopmentPki({ domain: 'pec.p12.it', providerName: 'P12', now: new Date() });
    await writeFile(join(root, 'p12-cert.pem'), pki.signingCertificate);
    await writeFile(join(root, 'p12-key.pem'), pki.signingPrivateKey);
    await writeFile(join(root, 'p12-ca.pem'), pki.caCertificate);
    const p12 = join(root, 'signing.p12');
    execFileSync('openssl', [
      'pkcs12', '-export', '-in', join(root, 'p12-cert.pem'), '-inkey', join(root, 'p12-key.pem'),
      '-certfile', join(root, 'p12-ca.pem'), '-out', p12, '-passout', 'pass:s3cret',
    ]); // prettier-ignore
    const contents = await readPkcs12(await readFile(p12), 's3cret');
    assert.equal(contents.certificate, pki.signingCertificate);
    assert.deepEqual(contents.chain, [pki.caCertificate]);
    await assert.rejects(readPkcs12(await readFile(p12), 'wrong'), /wrong password/);

    const dataDir = join(root, 'p12');
    const result = await initProvider({
      dataDir,
      domain: 'pec.p12.it',
      signingP12: { file: p12, password: 's3cret' },
    });
    assert.equal(result.createdDevelopmentPki, false);
    assert.deepEqual(result.config.signing.chainFiles, [join(dataDir, signingChainEntry)]);
    assert.equal(await readFile(join(dataDir, signingChainEntry), 'utf8'), pki.caCertificate);
    const provider = await openProvider({ dataDir });
    await provider.close();
  });

  it('refuses a certificate for another domain and writes no configuration', async () => {
    const pki = await createDevelopmentPki({
      domain: 'pec.other.it',
      providerName: 'Other',
      now: new Date(),
    });
    await writeFile(join(root, 'other-cert.pem'), pki.signingCertificate);
    await writeFile(join(root, 'other-key.pem'), pki.signingPrivateKey);
    const dataDir = join(root, 'wrong');
    await assert.rejects(
      initProvider({
        dataDir,
        domain: 'pec.mine.it',
        signingCert: join(root, 'other-cert.pem'),
        signingKey: join(root, 'other-key.pem'),
      }),
      /posta-certificata@pec\.other\.it.*posta-certificata@pec\.mine\.it/,
    );
    await assert.rejects(stat(join(dataDir, 'pec.config.json')), { code: 'ENOENT' });
  });

  it('refuses a key that does not belong to the certificate, and half-given credentials', async () => {
    const a = await createDevelopmentPki({ domain: 'pec.key.it', providerName: 'K', now: new Date() });
    const b = await createDevelopmentPki({ domain: 'pec.key.it', providerName: 'K', now: new Date() });
    await writeFile(join(root, 'a-cert.pem'), a.signingCertificate);
    await writeFile(join(root, 'b-key.pem'), b.signingPrivateKey);
    const dataDir = join(root, 'mismatch');
    await assert.rejects(
      initProvider({
        dataDir,
        domain: 'pec.key.it',
        signingCert: join(root, 'a-cert.pem'),
        signingKey: join(root, 'b-key.pem'),
      }),
      /does not match/,
    );
    await assert.rejects(
      initProvider({ dataDir, domain: 'pec.key.it', signingCert: join(root, 'a-cert.pem') }),
      /private key/,
    );
  });
});
