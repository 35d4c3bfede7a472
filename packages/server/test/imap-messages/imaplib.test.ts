/**
 * A real client against the live server: Python's imaplib over implicit TLS runs FETCH, SEARCH (with
 * CHARSET UTF-8 and inside a PEC envelope), STORE, SORT, THREAD, COPY, APPEND and EXPUNGE
 * (imaplib-client.py), and the JSON it reports is checked here.
 */
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  startImapTestServer,
  type ImapTestServer,
} from '../../src/protocols/imap/testing/imap-test-server.ts';
import { nestedMessage, signedPecEnvelope, simpleMessage } from './sample-messages.ts';

const python = spawnSync('python3', ['--version']).status === 0;

describe('Python imaplib against the IMAP server', { skip: !python && 'python3 is not installed' }, () => {
  let server: ImapTestServer;
  const work = mkdtempSync(join(tmpdir(), 'pec-imaplib-'));
  let report: Record<string, unknown>;

  before(async () => {
    server = await startImapTestServer();
    const account = server.accounts[0];
    const first = nestedMessage();
    await server.deliver(account, 'INBOX', first);
    await server.deliver(
      account,
      'INBOX',
      simpleMessage({
        from: 'Carla <carla@pec.test>',
        subject: 'Riunione',
        date: 'Mon, 04 Nov 2024 09:00:00 +0100',
        messageId: '<r1@pec.test>',
        body: 'Ci sarò anch\u2019io',
      }),
    );
    await server.deliver(
      account,
      'INBOX',
      simpleMessage({
        from: 'Bruno <bruno@pec.test>',
        subject: 'Re: Riunione',
        date: 'Tue, 05 Nov 2024 09:00:00 +0100',
        messageId: '<r2@pec.test>',
        references: '<r1@pec.test>',
      }),
    );
    await server.deliver(account, 'INBOX', (await signedPecEnvelope()).bytes);
    const ca = join(work, 'ca.pem');
    writeFileSync(ca, server.ca);
    const sha = createHash('sha256').update(first).digest('hex');
    // Asynchronously: the server answers from this same process.
    const { stdout } = await promisify(execFile)(
      'python3',
      [
        join(import.meta.dirname, 'imaplib-client.py'),
        String(server.tlsPort),
        ca,
        account.address,
        account.password,
        sha,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    report = JSON.parse(stdout) as Record<string, unknown>;
  });
  after(async () => {
    await server.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('selects and fetches metadata for every message', () => {
    assert.deepEqual(report['select'], ['OK', '4']);
    assert.equal(report['fetch_count'], 4);
    assert.match(
      String(report['fetch_first']),
      /^1 \(UID 1 FLAGS \((?:\\Recent)?\) ENVELOPE \("Tue, 05 Nov 2024 23:30:00 -0500" .* BODYSTRUCTURE \(/,
    );
  });

  it('downloads BODY.PEEK[] byte-exact without setting \\Seen; BODY[TEXT] sets it', () => {
    assert.equal(report['body_sha_ok'], true);
    // The imaplib session is the first to select INBOX: its messages are \\Recent (RFC 3501 §2.3.2).
    assert.equal(report['flags_after_peek'], '1 (FLAGS (\\Recent))');
    assert.match(String(report['text_fetch_meta']), /^2 \(BODY\[TEXT\] \{\d+\}$/);
    assert.equal(report['flags_after_body'], '2 (FLAGS (\\Seen \\Recent))');
  });

  it('searches subjects, UTF-8 bodies and the text inside a PEC envelope', () => {
    assert.equal(report['search_subject'], '2 3');
    assert.equal(report['search_body_utf8'], '2');
    assert.equal(report['uid_search_pec'], '4');
  });

  it('stores flags and keywords', () => {
    assert.deepEqual(report['store'], ['OK', '3 (FLAGS (\\Flagged $Fattura \\Recent))']);
    assert.equal(report['search_flagged'], '3');
  });

  it('sorts and threads', () => {
    assert.deepEqual(report['sort'], ['OK', '4 1 3 2']);
    assert.deepEqual(report['thread'], ['OK', '(2 3)(1)(4)']);
  });

  it('copies, appends and expunges', () => {
    assert.equal((report['copy'] as string[])[0], 'OK');
    assert.match((report['copy'] as string[])[1] ?? '', /^\[COPYUID \d+ 1:2 1:2\] /);
    assert.match((report['append'] as string[])[1] ?? '', /^\[APPENDUID \d+ 5\] /);
    assert.deepEqual(report['expunge'], ['OK', ['1']]);
  });
});
