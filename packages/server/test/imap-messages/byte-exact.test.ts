/**
 * Messages are served byte-exact (signed bytes are never re-serialised): a signed PEC envelope built by @pec/core and a real
 * provider receipt from the sample corpus are delivered, fetched with BODY[] / RFC822 over implicit
 * TLS, compared by SHA-256 with the stored bytes and verified by `openssl smime -verify`. Sample
 * contents are never printed (test data with personal data, MANIFEST.md).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { after, before, describe, it } from 'node:test';
import {
  startImapTestServer,
  type ImapTestServer,
} from '../../src/protocols/imap/testing/imap-test-server.ts';
import { ImapTestClient, literalsOf } from './imap-test-client.ts';
import { signedPecEnvelope, type SignedPecFixture } from './sample-messages.ts';

const samplePath = join(
  import.meta.dirname,
  '../../../../../shared/pec-samples/oca-l10n-italy/message2_consegna',
);
const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('byte-exact BODY[] of signed PEC messages', () => {
  let server: ImapTestServer;
  let client: ImapTestClient;
  let pec: SignedPecFixture;
  const work = mkdtempSync(join(tmpdir(), 'pec-imap-exact-'));

  const openssl = (file: string, extra: readonly string[]) =>
    spawnSync('openssl', ['smime', '-verify', '-in', file, '-out', join(work, 'content.out'), ...extra], {
      encoding: 'utf8',
    });

  const fetchLiteral = async (tag: string, command: string): Promise<Buffer> => {
    const reply = await client.command(tag, command);
    assert.match(reply.tagged, new RegExp(`^${tag} OK`));
    const [literal] = literalsOf(reply.raw);
    assert.ok(literal !== undefined, `${command}: no literal in the reply`);
    return literal;
  };

  before(async () => {
    pec = await signedPecEnvelope();
    server = await startImapTestServer();
    const account = server.accounts[0];
    await server.deliver(account, 'INBOX', pec.bytes);
    if (existsSync(samplePath)) await server.deliver(account, 'INBOX', readFileSync(samplePath));
    const socket = connect({
      host: '127.0.0.1',
      port: server.tlsPort,
      ca: server.ca,
      servername: 'localhost',
    });
    client = new ImapTestClient(socket);
    assert.match(await client.next(), /^\* OK /);
    assert.match(
      (await client.command('l', `LOGIN ${account.address} "${account.password}"`)).tagged,
      /^l OK/,
    );
    assert.match((await client.command('s', 'EXAMINE INBOX')).tagged, /^s OK/);
  });
  after(async () => {
    client.write('z LOGOUT\r\n');
    await server.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('serves the generated envelope exactly and openssl verifies it against the CA', async () => {
    const body = await fetchLiteral('f1', 'FETCH 1 BODY.PEEK[]');
    assert.equal(body.length, pec.bytes.length);
    assert.equal(sha(body), sha(pec.bytes));
    const file = join(work, 'envelope.eml');
    writeFileSync(file, body);
    writeFileSync(join(work, 'ca.pem'), pec.caCertificate);
    const attime = String(Math.floor(pec.signedAt.getTime() / 1000) + 60);
    const verify = openssl(file, ['-CAfile', join(work, 'ca.pem'), '-purpose', 'any', '-attime', attime]);
    assert.equal(verify.status, 0, verify.stderr);
    assert.match(verify.stderr, /Verification successful/);
  });

  it('RFC822 and BODY[1.MIME] + BODY[1] give the same signed bytes', async () => {
    assert.equal(sha(await fetchLiteral('f2', 'FETCH 1 RFC822')), sha(pec.bytes));
    const mime = await fetchLiteral('f3', 'FETCH 1 BODY.PEEK[1.MIME]');
    const content = await fetchLiteral('f4', 'FETCH 1 BODY.PEEK[1]');
    const signedEntity = Buffer.concat([mime, content]);
    assert.ok(Buffer.from(pec.bytes).includes(signedEntity), 'part 1 is the signed entity as stored');
  });

  it(
    'serves a real provider receipt exactly; openssl -noverify accepts its signature',
    { skip: !existsSync(samplePath) },
    async () => {
      const original = readFileSync(samplePath);
      const body = await fetchLiteral('g1', 'FETCH 2 BODY.PEEK[]');
      assert.ok(body.equals(original), 'BODY[] differs from the stored sample');
      const file = join(work, 'receipt.eml');
      writeFileSync(file, body);
      const verify = openssl(file, ['-noverify']);
      assert.equal(verify.status, 0, 'openssl smime -verify -noverify failed');
      const size = await client.command('g2', 'FETCH 2 RFC822.SIZE');
      assert.match(size.raw.toString('latin1'), new RegExp(`RFC822\\.SIZE ${original.length}\\)`));
    },
  );
});
