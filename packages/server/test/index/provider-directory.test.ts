/**
 * The live index in a running provider (pec-spec §7.3): an import or a refresh takes effect without
 * a restart, so the access point classifies recipients from the CURRENT copy; a refresh that fails
 * to verify keeps the index in force and the file; the record merge keeps records byte for byte.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  createDevelopmentPki,
  createSoftwareSigner,
  pemToDer,
  renderProviderEntry,
  signLdif,
  type Signer,
} from '@pec/core';
import { initProvider } from '../../src/app/init-provider.ts';
import { openProvider } from '../../src/app/open-provider.ts';
import type { ProviderContext } from '../../src/app/provider-context.ts';
import { standardFolders } from '../../src/services/accounts/standard-folders.ts';
import { createAccessPoint } from '../../src/services/pipeline/access-point/create-access-point.ts';
import { createIndexRefresher } from '../../src/services/provider-directory/create-index-refresher.ts';
import { createProviderDirectory } from '../../src/services/provider-directory/create-provider-directory.ts';
import { importProviderEntries } from '../../src/services/provider-directory/import-provider-entries.ts';
import {
  mergeProviderEntries,
  splitLdifRecords,
} from '../../src/services/provider-directory/merge-provider-entries.ts';
import { renderOwnProviderEntry } from '../../src/services/provider-directory/render-own-provider-entry.ts';
import {
  accessPointDependencies,
  indexRefresherDependencies,
  ownEntrySource,
} from '../../src/app/service-dependencies.ts';

const gamma = { domain: 'pec.gamma.example', name: 'Gamma PEC S.p.A.' };
const mario = 'mario.rossi@pec.alfa.example';

async function gammaRecord(): Promise<{ ldif: string; signer: Signer }> {
  const pki = await createDevelopmentPki({ domain: gamma.domain, providerName: gamma.name, now: new Date() });
  const ldif = renderProviderEntry({
    name: gamma.name,
    mailReceipt: `posta-certificata@${gamma.domain}`,
    managedDomains: [gamma.domain],
    certificates: [pemToDer(pki.signingCertificate, 'CERTIFICATE')],
  });
  const signer = await createSoftwareSigner({
    certificate: pki.signingCertificate,
    privateKey: pki.signingPrivateKey,
  });
  return { ldif, signer };
}

function message(to: string): Uint8Array {
  return Buffer.from(
    [
      `From: ${mario}`,
      `To: ${to}`,
      'Subject: prova',
      'Message-ID: <live-index@mua.example>',
      'Date: Tue, 10 Mar 2026 10:29:00 +0100',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'testo',
      '',
    ].join('\r\n'),
  );
}

describe('live provider index', () => {
  let root = '';
  let ctx: ProviderContext;
  const logs: string[] = [];

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'pec-index-live-'));
    await initProvider({ dataDir: join(root, 'alfa'), domain: 'pec.alfa.example', providerName: 'Alfa PEC' });
    ctx = await openProvider({ dataDir: join(root, 'alfa') });
    const mailbox = await ctx.storage.accounts.createMailbox({
      address: mario,
      holderName: 'Mario Rossi',
      quotaBytes: 10_000_000,
    });
    for (const folder of standardFolders) await ctx.storage.mailboxes.createFolder(mailbox.id, folder);
  });
  after(async () => {
    await ctx.close();
    await rm(root, { recursive: true, force: true });
  });

  it('openProvider hands out the live view of a directory', () => {
    assert.ok(ctx.directory);
    assert.equal(ctx.index, ctx.directory.index);
    assert.deepEqual(
      ctx.index.providers.map((p) => p.name),
      ['Alfa PEC'],
    );
  });

  it('an import takes effect at the access point without a restart', async () => {
    const directory = ctx.directory;
    assert.ok(directory);
    const refresher = createIndexRefresher(indexRefresherDependencies(ctx, directory), {
      log: (m) => logs.push(m),
    });
    const recipient = `ufficio@${gamma.domain}`;
    const submit = async (): Promise<string> => {
      const outcome = await createAccessPoint(accessPointDependencies(ctx)).submit({
        authenticatedUser: mario,
        mailFrom: mario,
        rcptTo: [recipient],
        raw: message(recipient),
        remoteAddress: '127.0.0.1',
        secure: true,
      });
      assert.equal(outcome.kind, 'accepted');
      return outcome.identifier;
    };
    const before = await submit();
    assert.equal((await ctx.storage.tracking.get(before))?.recipients[0]?.kind, 'esterno');

    const { ldif, signer } = await gammaRecord();
    const file = join(root, 'gamma.p7m');
    await writeFile(file, await signLdif(ldif, signer, new Date()));
    const settings = ctx.config.config.index;
    await importProviderEntries(
      {
        indexFile: settings.file,
        ownName: ctx.identity.name,
        ownEntry: () => renderOwnProviderEntry(ownEntrySource(ctx)),
      },
      file,
    );
    assert.equal(ctx.index.classifyDomain(recipient), 'esterno', 'not yet reloaded');
    assert.equal(await refresher.reloadIfChanged(), true);
    assert.equal(await refresher.reloadIfChanged(), false, 'unchanged file: no reload');
    assert.equal(ctx.index.classifyDomain(recipient), 'certificato');

    const afterImport = await submit();
    assert.equal((await ctx.storage.tracking.get(afterImport))?.recipients[0]?.kind, 'certificato');
  });

  it('a refresh that fails to verify keeps the index in force and the file; a good one replaces both', async () => {
    const directory = ctx.directory;
    assert.ok(directory);
    const settings = ctx.config.config.index;
    const fileBefore = await readFile(settings.file);
    const inForce = directory.current();
    const { ldif, signer } = await gammaRecord();
    const good = Buffer.from(
      await signLdif(ldif.replaceAll(gamma.domain, 'pec.gamma-nuovo.example'), signer, new Date()),
    );
    const bad = Buffer.from(good);
    const at = bad.indexOf('pec.gamma-nuovo');
    bad[at] = 'P'.charCodeAt(0);

    const withUrl = {
      ...ctx,
      config: {
        ...ctx.config,
        config: {
          ...ctx.config.config,
          index: { ...settings, refreshUrl: 'https://igpec.example/igpec.ldif.p7m' },
        },
      },
    };
    const serve = (bytes: Uint8Array) => () => Promise.resolve(bytes);
    const failing = createIndexRefresher(indexRefresherDependencies(withUrl, directory), {
      fetchDocument: serve(bad),
      log: (m) => logs.push(m),
    });
    const failed = await failing.refreshNow();
    if (failed.ok) assert.fail('the tampered index was accepted');
    assert.match(failed.reason, /verifying the signed index/);
    assert.equal(directory.current(), inForce, 'the same index object stays in force');
    assert.deepEqual(await readFile(settings.file), fileBefore);

    const down = createIndexRefresher(indexRefresherDependencies(withUrl, directory), {
      fetchDocument: () => Promise.reject(new Error('connection refused')),
    });
    assert.ok(!(await down.refreshNow()).ok);
    assert.equal(directory.current(), inForce);

    const working = createIndexRefresher(indexRefresherDependencies(withUrl, directory), {
      fetchDocument: serve(good),
    });
    const refreshed = await working.refreshNow();
    assert.ok(refreshed.ok);
    assert.notEqual(directory.current(), inForce);
    assert.equal(ctx.index.classifyDomain('x@pec.gamma-nuovo.example'), 'certificato');
    assert.equal(ctx.index.classifyDomain('x@pec.gamma.example'), 'esterno', 'the old record is gone');
    assert.equal(ctx.index.classifyDomain('x@pec.alfa.example'), 'certificato', 'our own record is kept');
  });

  it('the background loop refreshes at start and logs a failure without replacing the index', async () => {
    const directory = createProviderDirectory(ctx.index);
    const seen: string[] = [];
    const settings = ctx.config.config.index;
    const withUrl = {
      ...ctx,
      config: {
        ...ctx.config,
        config: { ...ctx.config.config, index: { ...settings, refreshUrl: 'file:///nonexistent/igpec.p7m' } },
      },
    };
    const refresher = createIndexRefresher(indexRefresherDependencies(withUrl, directory), {
      checkIntervalMs: 10,
      log: (m) => seen.push(m),
    });
    refresher.start();
    for (let i = 0; i < 200 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await refresher.stop();
    assert.match(seen[0] ?? '', /refresh failed, keeping the previous copy: fetching file:\/\/\/nonexistent/);
    assert.equal(directory.generation, 0);
  });
});

describe('mergeProviderEntries', () => {
  const entry = (name: string, domain: string) =>
    renderProviderEntry({
      name,
      mailReceipt: `posta-certificata@${domain}`,
      managedDomains: [domain],
      certificates: [],
    });
  const root = 'dn: o=postacert\nobjectClass: top\nobjectClass: organization\no: postacert\n';

  it('splits records (version line, CRLF, comments) and keeps their text', () => {
    const text = `version: 1\r\n# a comment\r\n${entry('A', 'a.example').replace(/\n/g, '\r\n')}\r\n\r\n\r\n${root}`;
    const records = splitLdifRecords(text);
    assert.equal(records.length, 2);
    assert.equal(records[0]?.provider, 'a');
    assert.equal(records[1]?.provider, undefined);
    assert.ok(!records[0].text.includes('version:'));
  });

  it('replaces by name, keeps ours and the non-provider records; replaceOthers drops the rest', () => {
    const local = [
      entry('Ours', 'ours.example'),
      root,
      entry('B', 'old-b.example'),
      entry('C', 'c.example'),
    ].join('\n');
    const incoming = [entry('ours', 'evil.example'), entry('b', 'new-b.example')].join('\n');
    const merged = mergeProviderEntries(local, incoming, { ownName: 'OURS' });
    assert.deepEqual(merged.providers, ['b']);
    assert.equal(merged.skippedOwn, 1);
    assert.ok(merged.text.includes('managedDomains: ours.example'));
    assert.ok(!merged.text.includes('evil.example'));
    assert.ok(!merged.text.includes('old-b.example'));
    assert.ok(merged.text.includes('new-b.example'));
    assert.ok(merged.text.includes('c.example'));
    assert.ok(merged.text.includes('dn: o=postacert'));

    const whole = mergeProviderEntries(local, incoming, { ownName: 'Ours', replaceOthers: true });
    assert.deepEqual(whole.removed, ['C']);
    assert.ok(!whole.text.includes('c.example'));
    assert.ok(whole.text.includes('ours.example'));
  });
});
