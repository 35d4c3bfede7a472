import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError } from './config-error.ts';
import type { ConfigIssue } from './config-error.ts';
import { dataFolderLayout } from './data-folder-layout.ts';
import { loadConfig } from './load-config.ts';
import type { LoadConfigOptions } from './load-config.ts';

const scratch = await mkdtemp(join(tmpdir(), 'pec-load-config-'));
after(() => rm(scratch, { recursive: true, force: true }));
let folders = 0;

/** A data folder with `config` as its file and, unless told otherwise, every default file in place. */
async function dataFolder(config: unknown, options: { files?: boolean } = {}): Promise<string> {
  const dir = join(scratch, `data-${++folders}`);
  const layout = dataFolderLayout(dir);
  await mkdir(layout.certsDir, { recursive: true });
  await writeFile(layout.configFile, typeof config === 'string' ? config : JSON.stringify(config));
  if (options.files ?? true) {
    for (const file of [
      layout.tlsCertFile,
      layout.tlsKeyFile,
      layout.signingCertFile,
      layout.signingKeyFile,
      layout.indexFile,
    ]) {
      await writeFile(file, 'placeholder\n');
    }
  }
  return dir;
}

async function issuesOf(options: LoadConfigOptions): Promise<readonly ConfigIssue[]> {
  try {
    await loadConfig(options);
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.issues;
  }
  assert.fail('loadConfig accepted the configuration');
}

const minimal = { provider: { domain: 'pec.example.it' } };

describe('loadConfig', () => {
  it('loads a minimal file with defaults and absolute paths', async () => {
    const dir = await dataFolder(minimal);
    const loaded = await loadConfig({ dataDir: dir });
    const layout = dataFolderLayout(dir);
    assert.equal(loaded.dataDir, layout.root);
    assert.deepEqual(loaded.layout, layout);
    assert.equal(loaded.config.provider.receiptMailbox, 'posta-certificata@pec.example.it');
    assert.equal(loaded.config.ports.smtp, 2525);
    assert.equal(loaded.config.storage.sqliteFile, layout.databaseFile);
    assert.equal(loaded.config.storage.blobsDir, layout.blobsDir);
    assert.equal(loaded.config.storage.quarantineDir, layout.quarantineDir);
    assert.equal(loaded.config.tls.certFile, layout.tlsCertFile);
    assert.equal(loaded.config.tls.keyFile, layout.tlsKeyFile);
    assert.equal(loaded.config.signing.certFile, layout.signingCertFile);
    assert.equal(loaded.config.signing.keyFile, layout.signingKeyFile);
    assert.equal(loaded.config.index.file, layout.indexFile);
    assert.deepEqual(loaded.appliedEnv, []);
  });

  it('resolves relative paths against the data folder and keeps absolute ones', async () => {
    const elsewhere = join(scratch, 'shared-ca.pem');
    await writeFile(elsewhere, 'placeholder\n');
    const dir = await dataFolder({
      ...minimal,
      storage: { sqliteFile: 'db/main.sqlite', blobsDir: '/var/lib/pec/blobs' },
      signing: { chainFiles: ['certs/intermediate.pem', elsewhere] },
      antivirus: { kind: 'clamd', socket: 'run/clamd.sock' },
    });
    await writeFile(join(dir, 'certs', 'intermediate.pem'), 'placeholder\n');
    const { config } = await loadConfig({ dataDir: dir });
    assert.equal(config.storage.sqliteFile, join(dir, 'db', 'main.sqlite'));
    assert.equal(config.storage.blobsDir, '/var/lib/pec/blobs');
    assert.deepEqual(config.signing.chainFiles, [join(dir, 'certs', 'intermediate.pem'), elsewhere]);
    assert.equal(config.antivirus.socket, join(dir, 'run', 'clamd.sock'));
  });

  it('resolves a relative data folder against the working directory', async () => {
    const dir = await dataFolder(minimal);
    const relativeDir = relative(process.cwd(), dir);
    assert.ok(!isAbsolute(relativeDir));
    assert.equal((await loadConfig({ dataDir: relativeDir })).dataDir, dir);
  });

  it('reports all three problems of a file with three errors', async () => {
    const dir = await dataFolder({
      provider: { domain: 'pec.example.it' },
      ports: { smtp: 'twenty-five' },
      limits: { maxRecipients: 20 },
      retention: { logMonths: 12 },
    });
    const issues = await issuesOf({ dataDir: dir });
    assert.equal(issues.length, 3);
    assert.deepEqual(
      issues.map((issue) => issue.path),
      ['ports.smtp', 'limits.maxRecipients', 'retention.logMonths'],
    );
    assert.equal(issues[0]?.message, 'expected number, received string');
  });

  it('lists every problem in the error message with its path', async () => {
    const dir = await dataFolder({
      provider: { domain: 'pec.example.it' },
      ports: { smtp: 'x' },
      tls: { minVersion: 'SSLv3' },
    });
    await assert.rejects(loadConfig({ dataDir: dir }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.file, dataFolderLayout(dir).configFile);
      assert.match(error.message, /\(2 problems\)/);
      assert.match(error.message, /^ {2}- ports\.smtp: expected number, received string$/m);
      assert.match(error.message, /^ {2}- tls\.minVersion: /m);
      return true;
    });
  });

  it('reports every missing certificate, key and index file', async () => {
    const dir = await dataFolder(minimal, { files: false });
    const layout = dataFolderLayout(dir);
    const issues = await issuesOf({ dataDir: dir });
    assert.deepEqual(issues, [
      { path: 'tls.certFile', message: `file not found: ${layout.tlsCertFile}` },
      { path: 'tls.keyFile', message: `file not found: ${layout.tlsKeyFile}` },
      { path: 'signing.certFile', message: `file not found: ${layout.signingCertFile}` },
      { path: 'signing.keyFile', message: `file not found: ${layout.signingKeyFile}` },
      { path: 'index.file', message: `file not found: ${layout.indexFile}` },
    ]);
  });

  it('reports missing files together with schema errors', async () => {
    const dir = await dataFolder({
      ...minimal,
      ports: { smtp: -1 },
      signing: { chainFiles: ['certs/missing.pem'] },
    });
    const issues = await issuesOf({ dataDir: dir });
    assert.deepEqual(
      issues.map((issue) => issue.path),
      ['ports.smtp', 'signing.chainFiles[0]'],
    );
  });

  it('does not require the index file when a refresh URL will download it', async () => {
    const dir = await dataFolder({
      ...minimal,
      index: { refreshUrl: 'https://igpec.example/igpec.ldif.p7m' },
    });
    await rm(dataFolderLayout(dir).indexFile);
    assert.equal(
      (await loadConfig({ dataDir: dir })).config.index.refreshUrl,
      'https://igpec.example/igpec.ldif.p7m',
    );
  });

  it('refuses a folder setting that names a file', async () => {
    const dir = await dataFolder({ ...minimal, storage: { blobsDir: 'certs/tls-cert.pem' } });
    assert.deepEqual(await issuesOf({ dataDir: dir }), [
      {
        path: 'storage.blobsDir',
        message: `exists but is not a folder: ${dataFolderLayout(dir).tlsCertFile}`,
      },
    ]);
  });

  it('skips file checks when asked', async () => {
    const dir = await dataFolder(minimal, { files: false });
    assert.equal(
      (await loadConfig({ dataDir: dir, checkFiles: false })).config.provider.domain,
      'pec.example.it',
    );
  });

  it('explains a missing configuration file and invalid JSON', async () => {
    const empty = join(scratch, 'empty');
    await mkdir(empty);
    assert.deepEqual(await issuesOf({ dataDir: empty }), [
      { path: '(file)', message: 'file not found; create it with `pec init`' },
    ]);
    const broken = await dataFolder('{ "provider": ');
    const issues = await issuesOf({ dataDir: broken });
    assert.equal(issues.length, 1);
    assert.match(issues[0]?.message ?? '', /^not valid JSON: /);
    assert.deepEqual(await issuesOf({ dataDir: await dataFolder([1, 2]) }), [
      { path: '(root)', message: 'expected object, received array' },
    ]);
  });
});

describe('loadConfig overrides', () => {
  it('applies environment overrides over the file', async () => {
    const dir = await dataFolder({ ...minimal, ports: { smtp: 2600 }, storage: { kind: 'sqlite' } });
    const loaded = await loadConfig({
      dataDir: dir,
      env: {
        PEC_PORT_SMTP: '25',
        PEC_STORAGE: 'postgres',
        PEC_POSTGRES_URL: 'postgres://pec:secret@db.internal/pec',
        PEC_LISTEN_HOST: '',
        UNRELATED: 'x',
      },
    });
    assert.equal(loaded.config.ports.smtp, 25);
    assert.equal(loaded.config.storage.kind, 'postgres');
    assert.equal(loaded.config.storage.postgresUrl, 'postgres://pec:secret@db.internal/pec');
    assert.equal(loaded.config.listen.host, '127.0.0.1', 'an empty variable is ignored');
    assert.deepEqual(loaded.appliedEnv, ['PEC_PORT_SMTP', 'PEC_STORAGE', 'PEC_POSTGRES_URL']);
  });

  it('names the variable when an environment value is invalid', async () => {
    const dir = await dataFolder(minimal);
    assert.deepEqual(
      await issuesOf({ dataDir: dir, env: { PEC_PORT_IMAP: '143a', PEC_PORT_HTTP: '2525' } }),
      [
        { path: 'ports.imap', message: 'expected number, received string (set by PEC_PORT_IMAP)' },
        { path: 'ports.http', message: 'port 2525 is already used by ports.smtp (set by PEC_PORT_HTTP)' },
      ],
    );
  });

  it('lets caller overrides win over the environment and the file', async () => {
    const dir = await dataFolder({ ...minimal, ports: { smtp: 2600, imap: 2601 } });
    const loaded = await loadConfig({
      dataDir: dir,
      env: { PEC_PORT_SMTP: '2700' },
      overrides: { ports: { smtp: 0 }, listen: { host: '0.0.0.0' } },
    });
    assert.equal(loaded.config.ports.smtp, 0);
    assert.equal(loaded.config.ports.imap, 2601);
    assert.equal(loaded.config.listen.host, '0.0.0.0');
  });

  it('does not read process.env by itself', async () => {
    const dir = await dataFolder(minimal);
    process.env['PEC_PORT_SMTP'] = '2999';
    try {
      assert.equal((await loadConfig({ dataDir: dir })).config.ports.smtp, 2525);
    } finally {
      delete process.env['PEC_PORT_SMTP'];
    }
  });
});
