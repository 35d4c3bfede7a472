// Real POP3 clients against our server: Python's poplib (STLS on the plain port and POP3_SSL) and
// curl (pop3s:// and pop3:// with --ssl-reqd). They download a real signed PEC receipt from the
// sample corpus and a freshly signed message whose body has lines starting with '.', and the
// downloads must be the stored bytes exactly and still verify with `openssl smime -verify`.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { createDevelopmentPki, createSoftwareSigner, signMimeEntity } from '@pec/core';
import { hasPecSamples, pecSamplesDir } from '../../../test/pec-samples-dir.ts';
import { startTestPop3, type TestPop3 } from './testing/start-test-pop3.ts';

const run = promisify(execFile);
const samplePath = join(pecSamplesDir, 'oca-l10n-italy', 'message2_accettazione');
const password = 'poplib and curl password';

const pythonClient = `
import json, poplib, ssl, sys
host, port, mode, ca, user, password, outdir = sys.argv[1:8]
context = ssl.create_default_context(cafile=ca)
if mode == 'ssl':
    client = poplib.POP3_SSL(host, int(port), context=context)
    before_tls = None
else:
    client = poplib.POP3(host, int(port))
    before_tls = sorted(client.capa().keys())
    client.stls(context=context)
capabilities = client.capa()
client.user(user)
client.pass_(password)
count, size = client.stat()
listing = [line.decode() for line in client.list()[1]]
uidl = [line.decode() for line in client.uidl()[1]]
for number in range(1, count + 1):
    lines = client.retr(number)[1]
    with open(f'{outdir}/{mode}-{number}.eml', 'wb') as out:
        out.write(b'\\r\\n'.join(lines) + b'\\r\\n')
top = [line.decode('latin-1') for line in client.top(2, 0)[1]]
client.dele(count)
client.quit()
print(json.dumps({'beforeTls': before_tls, 'capa': sorted(capabilities.keys()), 'sasl': capabilities.get('SASL'),
                  'count': count, 'size': size, 'list': listing, 'uidl': uidl, 'top': top}))
`;

async function verifies(file: string): Promise<void> {
  await run('openssl', ['smime', '-verify', '-noverify', '-in', file, '-out', '/dev/null']);
}

describe(
  'POP3 with real clients',
  { skip: hasPecSamples ? false : 'the PEC sample corpus is not available' },
  () => {
    let pop: TestPop3;
    let sample: Buffer;
    let dotted: Buffer;
    let caFile = '';

    before(async () => {
      pop = await startTestPop3();
      caFile = join(pop.dir, 'ca.pem');
      await writeFile(caFile, pop.ca);
      sample = await readFile(samplePath);
      const pki = await createDevelopmentPki({
        domain: 'pec.test',
        providerName: 'Test PEC',
        now: new Date(),
      });
      const signer = await createSoftwareSigner({
        certificate: pki.signingCertificate,
        privateKey: pki.signingPrivateKey,
      });
      dotted = Buffer.from(
        await signMimeEntity({
          headerLines:
            'From: posta-certificata@pec.test\r\nTo: anna@pec.test\r\nSubject: punti\r\n' +
            'Message-ID: <dotted@pec.test>\r\nDate: Mon, 04 May 2026 10:00:00 +0200\r\n',
          content: Buffer.from(
            'Content-Type: text/plain; charset=utf-8\r\n\r\n.una riga con un punto\r\n..due\r\n.\r\nfine\r\n',
          ),
          signer,
          signingTime: new Date(),
          boundary: 'dotted-boundary',
        }),
      );
      await verifies(await written('dotted-original.eml', dotted));
    });
    after(async () => {
      assert.deepEqual(pop.errors, []);
      await pop.close();
    });

    async function written(name: string, bytes: Uint8Array): Promise<string> {
      const file = join(pop.dir, name);
      await writeFile(file, bytes);
      return file;
    }

    async function seed(address: string): Promise<void> {
      await pop.addMailbox(address, password);
      await pop.deliver(address, sample);
      await pop.deliver(address, dotted);
      await pop.deliver(address, Buffer.from('Subject: ultimo\r\n\r\nda cancellare\r\n'));
    }

    for (const mode of ['stls', 'ssl'] as const) {
      it(`poplib (${mode === 'ssl' ? 'POP3_SSL' : 'STLS'}) downloads signed messages that still verify`, async () => {
        const address = `poplib-${mode}@pec.test`;
        await seed(address);
        const port = mode === 'ssl' ? pop.tlsPort : pop.plainPort;
        const { stdout } = await run('python3', [
          '-c',
          pythonClient,
          pop.host,
          String(port),
          mode,
          caFile,
          address,
          password,
          pop.dir,
        ]);
        const result = JSON.parse(stdout) as {
          beforeTls: string[] | null;
          capa: string[];
          sasl: string[];
          count: number;
          size: number;
          list: string[];
          uidl: string[];
          top: string[];
        };
        if (mode === 'stls')
          assert.ok(result.beforeTls?.includes('STLS') && !result.beforeTls.includes('USER'));
        assert.ok(
          result.capa.includes('USER') && result.capa.includes('UIDL') && !result.capa.includes('STLS'),
        );
        assert.deepEqual(result.sasl, ['PLAIN']);
        assert.equal(result.count, 3);
        assert.deepEqual(result.list.slice(0, 2), [`1 ${sample.length}`, `2 ${dotted.length}`]);
        assert.equal(new Set(result.uidl.map((line) => line.split(' ')[1])).size, 3);
        assert.equal(result.top.at(-1), '', 'TOP 2 0 ends with the blank line after the header');
        assert.ok(result.top.includes('Subject: punti'));
        const first = join(pop.dir, `${mode}-1.eml`);
        const second = join(pop.dir, `${mode}-2.eml`);
        assert.ok((await readFile(first)).equals(sample), 'the PEC receipt arrives byte-exact');
        assert.ok((await readFile(second)).equals(dotted), 'dot-stuffing is undone exactly');
        await verifies(first);
        await verifies(second);
        assert.equal(
          (await pop.inboxUids(address)).length,
          2,
          'DELE of the last message took effect at QUIT',
        );
        const logins = await pop.history.list({ address });
        assert.deepEqual(
          logins.map((entry) => [entry.protocol, entry.outcome]),
          [['pop3', 'success']],
        );
      });
    }

    it('curl lists and retrieves over pop3s:// and pop3:// with STLS', async () => {
      const address = 'curl@pec.test';
      await seed(address);
      const common = ['--silent', '--show-error', '--cacert', caFile, '--user', `${address}:${password}`];
      const listing = await run('curl', [...common, `pop3s://localhost:${pop.tlsPort}/`]);
      assert.deepEqual(listing.stdout.trim().split(/\r?\n/).slice(0, 2), [
        `1 ${sample.length}`,
        `2 ${dotted.length}`,
      ]);
      const starttls = await run('curl', [...common, '--ssl-reqd', `pop3://localhost:${pop.plainPort}/`]);
      assert.equal(starttls.stdout, listing.stdout);
      const message = join(pop.dir, 'curl-2.eml');
      await run('curl', [...common, '--output', message, `pop3s://localhost:${pop.tlsPort}/2`]);
      assert.ok((await readFile(message)).equals(dotted), 'curl undoes the stuffing to the exact bytes');
      await verifies(message);
      const receipt = join(pop.dir, 'curl-1.eml');
      await run('curl', [
        ...common,
        '--ssl-reqd',
        '--output',
        receipt,
        `pop3://localhost:${pop.plainPort}/1`,
      ]);
      assert.ok((await readFile(receipt)).equals(sample));
      await verifies(receipt);
      await assert.rejects(
        run('curl', [
          ...common.slice(0, 4),
          '--user',
          `${address}:wrong`,
          `pop3s://localhost:${pop.tlsPort}/`,
        ]),
        /Login denied|67/,
      );
    });
  },
);
