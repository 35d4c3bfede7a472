/**
 * Mailbox access proven with real mail clients against a served provider holding real PEC messages (an
 * envelope delivered over SMTP and its signed receipts): imapflow, curl (imaps and pop3s), mbsync
 * syncing both ways and fetchmail over POP3. Every downloaded message must still verify with
 * `openssl smime -verify`. Each test skips, naming the Debian package, when its binary is missing.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  findBinary,
  runBinary,
  startServedPecMailboxes,
  verifyWithOpenssl,
  type ServedAccount,
  type ServedPecMailboxes,
} from './served-pec-mailboxes.ts';

const digest = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
/**
 * mbsync's Maildir copy has LF line ends and an `X-TUID` header it adds to track the message: compare
 * the content with CRLF folded to LF and that header removed.
 */
const lfDigest = (bytes: Uint8Array): string =>
  digest(
    Buffer.from(
      Buffer.from(bytes)
        .toString('latin1')
        .replace(/\r\n/g, '\n')
        .replace(/^X-TUID: .*\n/m, ''),
      'latin1',
    ),
  );

interface Downloaded {
  readonly uid: number;
  readonly flags: readonly string[];
  readonly subject: string;
  readonly source: Buffer;
}

async function downloadAll(served: ServedPecMailboxes, account: ServedAccount): Promise<Downloaded[]> {
  const client = await served.imapflow(account);
  try {
    const lock = await client.getMailboxLock('INBOX');
    try {
      const out: Downloaded[] = [];
      for await (const message of client.fetch('1:*', {
        uid: true,
        flags: true,
        envelope: true,
        source: true,
      })) {
        assert.ok(message.source !== undefined, 'a full message source');
        out.push({
          uid: message.uid,
          flags: [...(message.flags ?? [])],
          subject: message.envelope?.subject ?? '',
          source: message.source,
        });
      }
      return out;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

describe('real mail clients read PEC messages from the served provider', { timeout: 240_000 }, () => {
  let served: ServedPecMailboxes;

  before(async () => {
    served = await startServedPecMailboxes();
  });
  after(async () => {
    await served.close();
  });

  it('imapflow lists the envelope and the receipts and downloads them verifiable', async () => {
    const envelopes = await downloadAll(served, served.recipient);
    assert.equal(envelopes.length, 1);
    const envelope = envelopes[0];
    assert.ok(envelope !== undefined);
    assert.match(envelope.subject, /Verbale di consegna/);
    assert.match(envelope.source.toString('latin1'), /^X-Trasporto: posta-certificata\r?$/m);
    await verifyWithOpenssl(envelope.source, served.caFile, served.dir);

    const receipts = await downloadAll(served, served.sender);
    assert.ok(receipts.length >= 2, `receipts: ${String(receipts.length)}`);
    const kinds = receipts.map((r) => /^X-Ricevuta: (\S+)/m.exec(r.source.toString('latin1'))?.[1]);
    assert.ok(kinds.includes('accettazione'), kinds.join(','));
    assert.ok(kinds.includes('avvenuta-consegna'), kinds.join(','));
    for (const receipt of receipts) await verifyWithOpenssl(receipt.source, served.caFile, served.dir);
  });

  it('curl lists INBOX over imaps and fetches ;UID=n byte-exact', async (t) => {
    if (findBinary('curl') === null) {
      t.skip('curl not installed (Debian package: curl)');
      return;
    }
    const [envelope] = await downloadAll(served, served.recipient);
    assert.ok(envelope !== undefined);
    const base = `imaps://127.0.0.1:${String(served.port('imaps'))}/INBOX`;
    const auth = [
      '--cacert',
      served.caFile,
      '-u',
      `${served.recipient.address}:${served.recipient.password}`,
    ];
    const search = await runBinary('curl', ['-sS', ...auth, '-X', 'UID SEARCH ALL', base]);
    assert.match(
      search.stdout.toString('latin1'),
      new RegExp(`^\\* SEARCH ${String(envelope.uid)}\\r?$`, 'm'),
    );
    const fetched = await runBinary('curl', ['-sS', ...auth, `${base};UID=${String(envelope.uid)}`]);
    assert.equal(digest(fetched.stdout), digest(envelope.source));
    await verifyWithOpenssl(fetched.stdout, served.caFile, served.dir);

    const pop = await runBinary('curl', [
      '-sS',
      ...auth,
      '--ssl-reqd',
      `pop3://127.0.0.1:${String(served.port('pop3'))}/1`,
    ]);
    assert.equal(digest(pop.stdout), digest(envelope.source), 'POP3 RETR over STLS serves the same bytes');
  });

  it('mbsync syncs INBOX both ways: downloads verify, local flag and deletion reach the server', async (t) => {
    if (findBinary('mbsync') === null) {
      t.skip('mbsync not installed (Debian package: isync)');
      return;
    }
    const home = join(served.dir, 'mbsync');
    await mkdir(join(home, 'mail'), { recursive: true });
    const config = join(home, 'mbsyncrc');
    await writeFile(
      config,
      [
        'IMAPAccount pec',
        'Host localhost', // the certificate names localhost; mbsync matches DNS names only
        `Port ${String(served.port('imaps'))}`,
        `User ${served.sender.address}`,
        `Pass "${served.sender.password}"`,
        'SSLType IMAPS',
        `CertificateFile ${served.caFile}`,
        '',
        'IMAPStore pec-remote',
        'Account pec',
        '',
        'MaildirStore pec-local',
        `Path ${join(home, 'mail')}/`,
        `Inbox ${join(home, 'mail', 'INBOX')}`,
        '',
        'Channel pec',
        'Far :pec-remote:',
        'Near :pec-local:',
        'Patterns INBOX',
        'Create Both',
        'Expunge Both',
        'SyncState *',
        '',
      ].join('\n'),
    );
    const sync = () => runBinary('mbsync', ['-c', config, '-a'], { env: { ...process.env, HOME: home } });
    await sync();
    const before = await downloadAll(served, served.sender);
    const cur = join(home, 'mail', 'INBOX', 'cur');
    const fresh = join(home, 'mail', 'INBOX', 'new');
    const files = [
      ...(await readdir(cur)).map((f) => join(cur, f)),
      ...(await readdir(fresh)).map((f) => join(fresh, f)),
    ];
    assert.equal(files.length, before.length, files.join('\n'));
    const local = await Promise.all(files.map(async (path) => ({ path, bytes: await readFile(path) })));
    const serverDigests = new Set(before.map((m) => lfDigest(m.source)));
    for (const file of local) {
      assert.ok(
        serverDigests.has(lfDigest(file.bytes)),
        `${file.path} has the server's bytes (LF line ends)`,
      );
      await verifyWithOpenssl(file.bytes, served.caFile, served.dir);
    }

    // Local changes: flag the first message, delete the second; sync them back.
    const [first, second] = local;
    assert.ok(first !== undefined && second !== undefined);
    const flaggedDigest = lfDigest(first.bytes);
    const deletedDigest = lfDigest(second.bytes);
    const name = first.path.split('/').pop() ?? '';
    const baseName = name.replace(/:2,[A-Z]*$/, '');
    await rename(first.path, join(cur, `${baseName}:2,FS`));
    await rm(second.path);
    await sync();

    const after = await downloadAll(served, served.sender);
    assert.equal(after.length, before.length - 1, 'the locally deleted message is expunged on the server');
    assert.ok(!after.some((m) => lfDigest(m.source) === deletedDigest));
    const flagged = after.find((m) => lfDigest(m.source) === flaggedDigest);
    assert.ok(flagged !== undefined);
    assert.ok(flagged.flags.includes('\\Flagged'), flagged.flags.join(' '));
    assert.ok(flagged.flags.includes('\\Seen'), flagged.flags.join(' '));
  });

  it('fetchmail downloads the envelope over POP3 with TLS, byte-exact and verifiable', async (t) => {
    if (findBinary('fetchmail') === null) {
      t.skip('fetchmail not installed (Debian package: fetchmail)');
      return;
    }
    const [envelope] = await downloadAll(served, served.recipient);
    assert.ok(envelope !== undefined);
    const home = join(served.dir, 'fetchmail');
    await mkdir(home, { recursive: true });
    const out = join(home, 'message.eml');
    const rc = join(home, 'fetchmailrc');
    await writeFile(
      rc,
      `poll localhost protocol pop3 port ${String(served.port('pop3s'))}\n` +
        `  user "${served.recipient.address}" password "${served.recipient.password}"\n` +
        `  ssl sslcertck sslcertfile "${served.caFile}" sslproto "TLS1.2+"\n` +
        `  keep fetchall no rewrite no stripcr\n` +
        `  mda "cat > ${out}"\n`,
      { mode: 0o600 },
    );
    await runBinary('fetchmail', ['-f', rc, '--invisible', '--nosyslog', '--silent'], {
      env: { ...process.env, HOME: home, FETCHMAILHOME: home },
    });
    const bytes = await readFile(out);
    assert.equal(digest(bytes), digest(envelope.source), 'fetchmail delivers the bytes as stored');
    await verifyWithOpenssl(bytes, served.caFile, served.dir);
  });
});
