/**
 * `pec domain delete`, `pec mailbox delete` and the MX warning of `pec domain add`, with the real
 * `pec` command on a data folder (decision 0019).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { initProvider } from '../../src/app/init-provider.ts';
import { repoRoot } from '../pec-samples-dir.ts';

const pec = (...args: string[]) =>
  spawnSync(process.execPath, [join(repoRoot, 'packages/server/bin/pec.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, PEC_DATA: '' },
    input: 'a long password\n',
  });

describe('pec domain delete, pec mailbox delete, MX warning', () => {
  let data = '';
  before(async () => {
    data = await mkdtemp(join(tmpdir(), 'pec-lifecycle-'));
    await initProvider({ dataDir: data, domain: 'pec.example.it', providerName: 'Example PEC S.p.A.' });
  });
  after(async () => {
    await rm(data, { recursive: true, force: true });
  });

  it('domain add warns when the MX cannot be ours or cannot be checked; --no-mx-check skips it', () => {
    const added = pec('domain', 'add', 'studio-rossi.invalid', '--data', data);
    assert.equal(added.status, 0, added.stderr);
    // .invalid never resolves (RFC 6761 §6.4): offline or not, it cannot be confirmed as ours.
    assert.match(
      added.stdout,
      /^pec: warning: (the MX of studio-rossi\.invalid could not be checked|studio-rossi\.invalid receives no mail)/m,
    );
    const gmail = pec('domain', 'add', 'gmail.com', '--data', data);
    assert.match(gmail.stdout, /^pec: warning: gmail\.com is a public mail service's domain/m);
    const quiet = pec('domain', 'add', 'studio-bianchi.invalid', '--no-mx-check', '--data', data);
    assert.equal(quiet.status, 0, quiet.stderr);
    assert.doesNotMatch(quiet.stdout, /warning/);
  });

  it('mailbox delete keeps the address reserved; domain delete refuses, then --force', async () => {
    const add = pec('mailbox', 'add', 'mario@studio-rossi.invalid', '--password-stdin', '--tax-code', 'RSSMRA85T10A562S', '--data', data); // prettier-ignore
    assert.equal(add.status, 0, add.stderr);
    const deleted = pec('mailbox', 'delete', 'mario@studio-rossi.invalid', '--data', data);
    assert.equal(deleted.status, 0, deleted.stderr);
    assert.match(deleted.stdout, /^pec: deleted mailbox mario@studio-rossi\.invalid: 0 message\(s\)/m);
    assert.match(deleted.stdout, /the address stays reserved/);
    const stranger = pec('mailbox', 'add', 'mario@studio-rossi.invalid', '--password-stdin', '--data', data);
    assert.equal(stranger.status, 1);
    assert.match(stranger.stderr, /reserved to its holder: only the same holder.*--reuse-reserved/);
    const refused = pec('domain', 'delete', 'studio-rossi.invalid', '--data', data);
    assert.equal(refused.status, 1);
    assert.match(
      refused.stderr,
      /^pec: domain studio-rossi\.invalid still has 0 mailboxes and 1 reserved address.*--force/m,
    );
    const forced = pec('domain', 'delete', 'studio-rossi.invalid', '--force', '--data', data);
    assert.equal(forced.status, 0, forced.stderr);
    assert.match(forced.stdout, /^pec: deleted mailbox mario@studio-rossi\.invalid .*no longer reserved$/m);
    assert.match(forced.stdout, /^pec: deleted domain studio-rossi\.invalid$/m);
    const index = await readFile(join(data, 'certs/index.ldif'), 'utf8');
    assert.doesNotMatch(index, /studio-rossi\.invalid/);
    assert.match(index, /managedDomains: studio-bianchi\.invalid/);
    const list = pec('domain', 'list', '--data', data);
    assert.doesNotMatch(list.stdout, /studio-rossi/);
    const service = pec('domain', 'delete', 'pec.example.it', '--force', '--data', data);
    assert.equal(service.status, 1);
    assert.match(service.stderr, /service mailbox/);
  });
});
