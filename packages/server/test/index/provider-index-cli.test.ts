/**
 * `pec index export|import|list|refresh` between two data folders made with `initProvider`
 * (pec-spec §7.3): the export → import round trip in both directions (plain LDIF and the signed
 * .p7m, checked by `openssl cms -verify`), re-import replacing a provider's record, a tampered or
 * foreign-signed .p7m refused with the local copy unchanged, and a refresh from a file:// URL that
 * keeps the previous copy when the signature is bad.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import {
  createDevelopmentPki,
  createSoftwareSigner,
  pemToDer,
  renderProviderEntry,
  signLdif,
} from '@pec/core';
import { initProvider } from '../../src/app/init-provider.ts';
import { openProvider } from '../../src/app/open-provider.ts';
import { runPec, pecOk } from '../e2e/run-pec.ts';

const alfa = { domain: 'pec.alfa.example', name: 'Alfa PEC S.p.A.' };
const beta = { domain: 'pec.beta.example', name: 'Beta PEC S.p.A.' };
const env = { ...process.env, PEC_DATA: '' };

interface ListedProvider {
  readonly name: string;
  readonly mailReceipt: string;
  readonly managedDomains: readonly string[];
  readonly certificates: readonly { readonly sha1: string }[];
}

async function list(data: string): Promise<ListedProvider[]> {
  return JSON.parse(await pecOk(['index', 'list', '--json', '--data', data], env)) as ListedProvider[];
}

function opensslContent(file: string): { status: number | null; content: string; stderr: string } {
  const result = spawnSync('openssl', ['cms', '-verify', '-inform', 'DER', '-noverify', '-in', file], {
    encoding: 'utf8',
  });
  return { status: result.status, content: result.stdout, stderr: result.stderr };
}

describe('pec index: two providers exchange their records', () => {
  let root = '';
  let dataA = '';
  let dataB = '';

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'pec-index-cli-'));
    dataA = join(root, 'alfa');
    dataB = join(root, 'beta');
    await initProvider({ dataDir: dataA, domain: alfa.domain, providerName: alfa.name });
    await initProvider({ dataDir: dataB, domain: beta.domain, providerName: beta.name });
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('exports our own record as LDIF and as a signed .p7m that openssl verifies', async () => {
    const ldif = await pecOk(['index', 'export', '--data', dataA], env);
    assert.match(ldif, /^dn: providerName=Alfa PEC S\.p\.A\.,o=postacert$/m);
    assert.match(ldif, /^mailReceipt: posta-certificata@pec\.alfa\.example$/m);
    assert.match(ldif, /^managedDomains: pec\.alfa\.example$/m);
    assert.match(ldif, /^providerCertificateHash: [0-9A-F]{40}$/m);
    assert.match(ldif, /^providerCertificate;binary:: /m);

    await pecOk(['index', 'export', '--signed', '--out', join(root, 'alfa.p7m'), '--data', dataA], env);
    const der = await readFile(join(root, 'alfa.p7m'));
    assert.equal(der[0], 0x30, 'binary DER');
    const verified = opensslContent(join(root, 'alfa.p7m'));
    assert.equal(verified.status, 0, verified.stderr);
    assert.equal(verified.content, ldif, 'the signed content is the LDIF');
    await pecOk(['index', 'export', '--out', join(root, 'alfa.ldif'), '--data', dataA], env);
    assert.equal(await readFile(join(root, 'alfa.ldif'), 'utf8'), ldif);
  });

  it('imports each other (signed into A, plain into B): both list both and classify the other as certificato', async () => {
    await pecOk(['index', 'export', '--signed', '--out', join(root, 'beta.p7m'), '--data', dataB], env);
    const imported = await pecOk(['index', 'import', join(root, 'beta.p7m'), '--data', dataA], env);
    assert.match(imported, /imported Beta PEC S\.p\.A\. from .*beta\.p7m \(signature verified\)/);
    await pecOk(['index', 'import', join(root, 'alfa.ldif'), '--data', dataB], env);

    for (const data of [dataA, dataB]) {
      const providers = await list(data);
      assert.deepEqual(providers.map((p) => p.name).sort(), [alfa.name, beta.name]);
      for (const p of providers) assert.equal(p.certificates.length, 1);
    }
    const a = await openProvider({ dataDir: dataA });
    const b = await openProvider({ dataDir: dataB });
    try {
      assert.equal(a.index.classifyDomain('ufficio@pec.beta.example'), 'certificato');
      assert.equal(b.index.classifyDomain('ufficio@PEC.ALFA.EXAMPLE'), 'certificato');
      assert.equal(a.index.classifyDomain('amico@gmail.example'), 'esterno');
      const betaCert = pemToDer(await readFile(b.config.config.signing.certFile, 'utf8'), 'CERTIFICATE');
      const record = a.index.findProviderByCertificate(betaCert);
      assert.equal(record?.name, beta.name);
      assert.equal(record.mailReceipt, `posta-certificata@${beta.domain}`);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('a new import replaces the provider record by name; a folder import skips our own record', async () => {
    await pecOk(['domain', 'add', 'studio.beta.example', '--data', dataB], env);
    const folder = join(root, 'records');
    await mkdir(folder);
    await pecOk(['index', 'export', '--signed', '--out', join(folder, 'beta.p7m'), '--data', dataB], env);
    await pecOk(['index', 'export', '--out', join(folder, 'alfa.ldif'), '--data', dataA], env);
    const out = await pecOk(['index', 'import', folder, '--data', dataA], env);
    assert.match(out, /own entry, kept/);
    const providers = await list(dataA);
    assert.deepEqual(providers.map((p) => p.name).sort(), [alfa.name, beta.name], 'still one Beta record');
    assert.deepEqual(providers.find((p) => p.name === beta.name)?.managedDomains, [
      'pec.beta.example',
      'studio.beta.example',
    ]);
  });

  it('refuses a tampered .p7m and leaves the local copy unchanged', async () => {
    const indexFile = join(dataA, 'certs', 'index.ldif');
    const before = await readFile(indexFile);
    const signed = Buffer.from(await readFile(join(root, 'beta.p7m')));
    const at = signed.indexOf('posta-certificata@pec.beta');
    assert.ok(at > 0);
    signed[at] = 'P'.charCodeAt(0);
    const tampered = join(root, 'tampered.p7m');
    await writeFile(tampered, signed);
    assert.notEqual(opensslContent(tampered).status, 0, 'openssl refuses it too');

    const run = await runPec(['index', 'import', tampered, '--data', dataA], env);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stderr, /tampered\.p7m: .*local index is unchanged/);
    assert.deepEqual(await readFile(indexFile), before);
  });

  it('refuses a record signed by a certificate it does not publish', async () => {
    const indexFile = join(dataA, 'certs', 'index.ldif');
    const before = await readFile(indexFile);
    const intruder = await createDevelopmentPki({
      domain: 'pec.intruso.example',
      providerName: 'Intruso',
      now: new Date(),
    });
    const betaPki = await createDevelopmentPki({
      domain: beta.domain,
      providerName: beta.name,
      now: new Date(),
    });
    const forged = renderProviderEntry({
      name: beta.name,
      mailReceipt: `posta-certificata@${beta.domain}`,
      managedDomains: [beta.domain, 'pec.alfa-bank.example'],
      certificates: [pemToDer(betaPki.signingCertificate, 'CERTIFICATE')],
    });
    const signer = await createSoftwareSigner({
      certificate: intruder.signingCertificate,
      privateKey: intruder.signingPrivateKey,
    });
    const file = join(root, 'forged.p7m');
    await writeFile(file, await signLdif(forged, signer, new Date()));
    assert.equal(opensslContent(file).status, 0, 'the signature itself is valid');
    const run = await runPec(['index', 'import', file, '--data', dataA], env);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /signer is not a certificate the index publishes/);
    assert.deepEqual(await readFile(indexFile), before);
  });

  it('refresh from a file:// URL: a bad signature keeps the previous copy, a good one replaces it', async () => {
    const indexFile = join(dataA, 'certs', 'index.ldif');
    const previous = await readFile(indexFile);
    const bad = { ...env, PEC_INDEX_REFRESH_URL: pathToFileURL(join(root, 'tampered.p7m')).href };
    const failed = await runPec(['index', 'refresh', '--data', dataA], bad);
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /refresh failed, the local copy is unchanged: verifying the signed index/);
    assert.deepEqual(await readFile(indexFile), previous);

    const plain = { ...env, PEC_INDEX_REFRESH_URL: pathToFileURL(join(root, 'alfa.ldif')).href };
    const unsigned = await runPec(['index', 'refresh', '--data', dataA], plain);
    assert.equal(unsigned.code, 1, 'a refresh accepts only the signed form');
    assert.deepEqual(await readFile(indexFile), previous);

    const good = { ...env, PEC_INDEX_REFRESH_URL: pathToFileURL(join(root, 'beta.p7m')).href };
    const out = await pecOk(['index', 'refresh', '--data', dataA], good);
    assert.match(out, /refreshed .* \(signed by .*\): 1 other provider/);
    const providers = await list(dataA);
    assert.deepEqual(providers.map((p) => p.name).sort(), [alfa.name, beta.name]);
    // The whole-directory semantics: the refreshed document replaced Beta's newer imported record.
    assert.deepEqual(providers.find((p) => p.name === beta.name)?.managedDomains, ['pec.beta.example']);
  });
});
