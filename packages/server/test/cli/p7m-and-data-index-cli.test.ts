/**
 * `pec inspect` on a binary `.p7m` (CMS signed-data with encapsulated content, RFC 5652 §5) and
 * `pec verify` against a provider's data folder (its index and trust anchors, pec-spec §7.3, §8.4),
 * with the real `pec` command. The real-traffic `.p7m` is a real Aruba signature re-wrapped with the
 * content it signs encapsulated: its signed attributes are unchanged, so it must still verify.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as asn1js from 'asn1js';
import { ContentInfo, SignedData } from 'pkijs';
import { renderProviderEntry, splitMultipartSigned, verifySignedMessage } from '@pec/core';
import { initProvider } from '../../src/app/init-provider.ts';
import { hasPecSamples, pecSamplesDir, repoRoot } from '../pec-samples-dir.ts';

const pec = (args: readonly string[], env: Record<string, string> = { PEC_DATA: '' }, cwd?: string) =>
  spawnSync(process.execPath, [join(repoRoot, 'packages/server/bin/pec.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    ...(cwd === undefined ? {} : { cwd }),
  });

const openssl = (args: readonly string[]) => {
  const result = spawnSync('openssl', args, { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
};

/** The same signature with its content encapsulated (signed attributes, hence the signature, unchanged). */
function encapsulate(message: Uint8Array): Uint8Array {
  const parts = splitMultipartSigned(message);
  assert.ok(parts !== undefined);
  const info = new ContentInfo({ schema: asn1js.fromBER(parts.signature).result });
  const signedData = new SignedData({ schema: info.content });
  signedData.encapContentInfo.eContent = new asn1js.OctetString({ valueHex: parts.signedContent });
  const out = new ContentInfo({ contentType: info.contentType, content: signedData.toSchema(true) });
  return new Uint8Array(out.toSchema().toBER(false));
}

describe(
  'pec inspect on .p7m files and pec verify with a data folder',
  {
    skip: hasPecSamples ? false : 'samples not present',
  },
  () => {
    const sample = join(pecSamplesDir, 'jopenpec/message_ok.eml');
    let dir = '';
    let data = '';
    let realP7m = '';
    let tamperedP7m = '';
    let documentP7m = '';
    let documentPem = '';
    let ownMessage = '';

    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'pec-p7m-'));
      data = join(dir, 'data');
      await initProvider({ dataDir: data, domain: 'pec.example.it', providerName: 'Example PEC S.p.A.' });
      const der = encapsulate(await readFile(sample));
      realP7m = join(dir, 'busta.eml.p7m');
      await writeFile(realP7m, der);
      const tampered = Buffer.from(der);
      const at = tampered.indexOf('cavallaro.francesco');
      assert.ok(at > 0);
      tampered[at] = 'K'.charCodeAt(0);
      tamperedP7m = join(dir, 'tampered.p7m');
      await writeFile(tamperedP7m, tampered);
      // A document signed by this provider's key, as a signing tool writes it (DER, content inside).
      const pdf = join(dir, 'atto.pdf');
      await writeFile(pdf, '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
      const cert = join(data, 'certs/signing-cert.pem');
      const key = join(data, 'certs/signing-key.pem');
      documentP7m = join(dir, 'atto.pdf.p7m');
      openssl(['cms', '-sign', '-binary', '-nodetach', '-outform', 'DER', '-in', pdf, '-signer', cert, '-inkey', key, '-out', documentP7m]); // prettier-ignore
      documentPem = join(dir, 'atto.pdf.pem.p7m');
      openssl(['cms', '-sign', '-binary', '-nodetach', '-outform', 'PEM', '-in', pdf, '-signer', cert, '-inkey', key, '-out', documentPem]); // prettier-ignore
      // A message signed by this provider (multipart/signed, as its receipts are).
      const plain = join(dir, 'plain.eml');
      await writeFile(
        plain,
        'From: posta-certificata@pec.example.it\r\nTo: mario.rossi@pec.example.it\r\nSubject: prova\r\n' +
          'Content-Type: text/plain\r\n\r\nprova\r\n',
      );
      ownMessage = join(dir, 'own.eml');
      openssl(['smime', '-sign', '-in', plain, '-signer', cert, '-inkey', key, '-out', ownMessage]);
    });
    after(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('inspect describes a real DER .p7m: its signature and the PEC message inside', () => {
      const run = pec(['inspect', realP7m, '--revocation', 'off']);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /^Type: +signed-data \(\.p7m, DER\)$/m);
      assert.match(run.stdout, /^Signature: +valid \(sha1\)$/m);
      assert.match(run.stdout, /^ {2}signer: +CN=Posta Certificata ARUBA PEC/m);
      assert.match(run.stdout, /^Content: +message\/rfc822, \d+ bytes$/m);
      assert.match(run.stdout, /^Encapsulated message:\n {2}Type: +posta-certificata$/m);
      assert.match(run.stdout, /^ {2}Identificativo: +opec275\./m);
      assert.doesNotMatch(run.stdout, /PEC message without signature/);
      const json = JSON.parse(pec(['inspect', '--json', realP7m, '--revocation', 'off']).stdout) as {
        container: string;
        signature: { valid: boolean; signer: { email: string } };
        message: { type: string; identificativo: string };
      };
      assert.equal(json.container, 'signed-data');
      assert.equal(json.signature.valid, true);
      assert.equal(json.signature.signer.email, 'posta-certificata@pec.aruba.it');
      assert.equal(json.message.type, 'posta-certificata');
      assert.match(json.message.identificativo, /^opec275\./);
    });

    it('inspect says a .p7m whose content changed is INVALID, and why', () => {
      const run = pec(['inspect', tamperedP7m, '--revocation', 'off']);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /^Signature: +INVALID \(sha1\)$/m);
      assert.match(run.stdout, /^Problem: +.*digest/im);
    });

    it('inspect names a signed document by its content, in DER and PEM', () => {
      for (const file of [documentP7m, documentPem]) {
        const run = pec(['inspect', file, '--revocation', 'off']);
        assert.equal(run.status, 0, run.stderr);
        assert.match(run.stdout, /^Signature: +valid \(sha256\)$/m);
        assert.match(run.stdout, /^Content: +application\/pdf, 48 bytes$/m);
      }
      assert.match(pec(['inspect', documentPem, '--revocation', 'off']).stdout, /\(\.p7m, PEM\)/);
    });

    it('inspect and verify name a missing file plainly', () => {
      for (const args of [['inspect'], ['verify', '--data', data]]) {
        const run = pec([...args, join(dir, 'nope.p7m')]);
        assert.equal(run.status, 1);
        assert.ok(run.stderr.includes(`pec: ${join(dir, 'nope.p7m')}: no such file\n`), run.stderr);
        assert.doesNotMatch(run.stderr, /ENOENT|\n {4}at /);
      }
    });

    it("verify uses the data folder's index: --data, PEC_DATA, or ./data", () => {
      const byFlag = pec(['verify', ownMessage, '--data', data, '--revocation', 'off']);
      assert.equal(byFlag.status, 0, byFlag.stderr);
      assert.match(
        byFlag.stdout,
        /^VERIFIED: ordinaria signed by Example PEC S\.p\.A\. \(posta-certificata@pec\.example\.it, sha256\)/,
      );
      assert.ok(byFlag.stdout.includes(`index:      ${join(data, 'certs/index.ldif')}`), byFlag.stdout);
      const byEnv = pec(['verify', ownMessage, '--revocation', 'off'], { PEC_DATA: data });
      assert.equal(byEnv.status, 0, byEnv.stderr);
      const byCwd = pec(['verify', ownMessage, '--revocation', 'off'], { PEC_DATA: '' }, dir);
      assert.equal(byCwd.status, 0, byCwd.stderr);
      const document = pec(['verify', documentP7m, '--data', data, '--revocation', 'off']);
      assert.equal(document.status, 0, document.stderr);
      assert.match(document.stdout, /^VERIFIED: signed-data signed by Example PEC S\.p\.A\./);
    });

    it('verify without an index and without a data folder says how to give one', () => {
      const run = pec(['verify', ownMessage], { PEC_DATA: '' }, tmpdir());
      assert.equal(run.status, 1);
      assert.match(run.stderr, /no providers' index: give --index FILE, or --data DIR/);
    });

    it("verify pins a real provider's message and .p7m through the data folder's index", async () => {
      const before = pec(['verify', sample, '--data', data, '--revocation', 'off']);
      assert.equal(before.status, 1);
      assert.match(before.stderr, /not a provider certificate in the index/);
      const report = await verifySignedMessage(await readFile(sample));
      assert.ok(report.signerCertificate !== undefined);
      await appendFile(
        join(data, 'certs/index.ldif'),
        '\n' +
          renderProviderEntry({
            name: 'ARUBA PEC S.p.A.',
            mailReceipt: 'posta-certificata@pec.aruba.it',
            managedDomains: ['pec.it', 'pec.aruba.it'],
            certificates: [report.signerCertificate],
          }),
      );
      const message = pec(['verify', sample, '--data', data, '--revocation', 'off']);
      assert.equal(message.status, 0, message.stderr);
      assert.match(message.stdout, /^VERIFIED: posta-certificata signed by ARUBA PEC S\.p\.A\./);
      const p7m = pec(['verify', realP7m, '--data', data, '--revocation', 'off']);
      assert.equal(p7m.status, 0, p7m.stderr);
      assert.match(p7m.stdout, /^VERIFIED: signed-data signed by ARUBA PEC S\.p\.A\./);
      const tampered = pec(['verify', tamperedP7m, '--data', data, '--revocation', 'off']);
      assert.equal(tampered.status, 1);
      assert.match(tampered.stderr, /signature invalid/);
    });

    it("verify checks the chain to the data folder's trust anchors when it names some", async () => {
      const configFile = join(data, 'pec.config.json');
      const config = JSON.parse(await readFile(configFile, 'utf8')) as { index: Record<string, unknown> };
      config.index['trustAnchorFiles'] = ['certs/ca.pem'];
      await writeFile(configFile, JSON.stringify(config, null, 2));
      const own = pec(['verify', ownMessage, '--data', data, '--revocation', 'off']);
      assert.equal(own.status, 0, own.stderr);
      assert.ok(
        own.stdout.includes(`chain:      to a trust anchor of ${join(data, 'certs/ca.pem')}`),
        own.stdout,
      );
      const aruba = pec(['verify', sample, '--data', data, '--revocation', 'off']);
      assert.equal(aruba.status, 0, aruba.stderr);
      assert.match(aruba.stdout, /warning: the certificate does not chain to the trust anchors/);
    });
  },
);
