import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { ConfigError } from './config-error.ts';
import type { Config } from './config-schema.ts';
import { dataFolderLayout } from './data-folder-layout.ts';
import { loadConfig, resolveConfigPaths } from './load-config.ts';
import { buildInitialConfig, writeConfigFile } from './write-initial-config.ts';

const scratch = await mkdtemp(join(tmpdir(), 'pec-initial-config-'));
after(() => rm(scratch, { recursive: true, force: true }));
let folders = 0;
const nextDir = (): string => join(scratch, `data-${++folders}`);

async function createDefaultFiles(dir: string): Promise<void> {
  const layout = dataFolderLayout(dir);
  await mkdir(layout.certsDir, { recursive: true });
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

describe('buildInitialConfig', () => {
  it('fills every default from the domain alone', () => {
    const config = buildInitialConfig({ domain: 'pec.example.it' });
    assert.equal(config.version, 1);
    assert.equal(config.provider.name, 'pec.example.it');
    assert.equal(config.provider.receiptMailbox, 'posta-certificata@pec.example.it');
    assert.equal(config.ports.submission, 5587);
    assert.equal(config.storage.kind, 'sqlite');
    assert.deepEqual(config.signing.chainFiles, []);
  });

  it('takes the answers pec init collects', () => {
    const config = buildInitialConfig({
      domain: 'pec.acme.it',
      providerName: 'Acme PEC S.p.A.',
      hostname: 'mx.pec.acme.it',
      listen: { host: '0.0.0.0' },
      ports: { smtp: 25, http: 0 },
      storage: { kind: 'postgres', postgresUrl: 'postgresql://pec@db/pec' },
      signing: { chainFiles: ['certs/ca.pem'], digestAlgorithm: 'sha256' },
    });
    assert.equal(config.provider.name, 'Acme PEC S.p.A.');
    assert.equal(config.provider.hostname, 'mx.pec.acme.it');
    assert.equal(config.listen.host, '0.0.0.0');
    assert.deepEqual([config.ports.smtp, config.ports.http, config.ports.imap], [25, 0, 1143]);
    assert.equal(config.storage.postgresUrl, 'postgresql://pec@db/pec');
    assert.deepEqual(config.signing.chainFiles, ['certs/ca.pem']);
    assert.equal(config.signing.digestAlgorithm, 'sha256');
  });

  it('throws a ConfigError listing every bad answer', () => {
    assert.throws(
      () =>
        buildInitialConfig({ domain: 'bad domain', ports: { smtp: 70000 }, storage: { kind: 'postgres' } }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.deepEqual(
          error.issues.map((issue) => issue.path),
          ['provider.domain', 'ports.smtp', 'storage.postgresUrl'],
        );
        return true;
      },
    );
  });
});

describe('writeConfigFile', () => {
  it('writes pretty JSON with mode 0600 and leaves no temporary file', async () => {
    const dir = nextDir();
    const config = buildInitialConfig({ domain: 'pec.example.it' });
    const file = await writeConfigFile(dir, config);
    assert.equal(file, dataFolderLayout(dir).configFile);
    const text = await readFile(file, 'utf8');
    assert.equal(text, `${JSON.stringify(config, null, 2)}\n`);
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.deepEqual(await readdir(dir), ['pec.config.json']);
  });

  it('refuses to replace an existing file unless told to', async () => {
    const dir = nextDir();
    await writeConfigFile(dir, buildInitialConfig({ domain: 'first.example.it' }));
    await assert.rejects(
      writeConfigFile(dir, buildInitialConfig({ domain: 'second.example.it' })),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /already exists/);
        return true;
      },
    );
    const kept = JSON.parse(await readFile(dataFolderLayout(dir).configFile, 'utf8')) as Config;
    assert.equal(kept.provider.domain, 'first.example.it');
    await writeConfigFile(dir, buildInitialConfig({ domain: 'second.example.it' }), { overwrite: true });
    const replaced = JSON.parse(await readFile(dataFolderLayout(dir).configFile, 'utf8')) as Config;
    assert.equal(replaced.provider.domain, 'second.example.it');
    assert.deepEqual((await readdir(dir)).sort(), ['pec.config.json']);
  });

  it('never writes an invalid configuration', async () => {
    const dir = nextDir();
    const config = buildInitialConfig({ domain: 'pec.example.it' });
    const invalid = { ...config, limits: { ...config.limits, maxRecipients: 10 } };
    await assert.rejects(writeConfigFile(dir, invalid), ConfigError);
    await assert.rejects(stat(dataFolderLayout(dir).configFile), { code: 'ENOENT' });
  });
});

describe('build → write → load round trip', () => {
  it('loads back what was written, with paths resolved', async () => {
    const dir = nextDir();
    const config = buildInitialConfig({
      domain: 'pec.example.it',
      providerName: 'Example PEC',
      ports: { smtp: 0 },
    });
    await writeConfigFile(dir, config);
    await createDefaultFiles(dir);
    const loaded = await loadConfig({ dataDir: dir });
    assert.deepEqual(loaded.config, resolveConfigPaths(config, dir));
  });

  it('round-trips any valid set of ports and limits', async () => {
    const portNames = [
      'smtp',
      'submission',
      'submissions',
      'imap',
      'imaps',
      'pop3',
      'pop3s',
      'http',
    ] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { minLength: 8, maxLength: 8 }),
        fc.integer({ min: 50, max: 100_000 }),
        fc.integer({ min: 30 * 1024 * 1024, max: 2 ** 40 }),
        async (ports, maxRecipients, maxRecipientsTimesSize) => {
          const dir = nextDir();
          const config = buildInitialConfig({
            domain: 'pec.example.it',
            ports: Object.fromEntries(portNames.map((name, i) => [name, ports[i]])),
          });
          const withLimits = {
            ...config,
            limits: { ...config.limits, maxRecipients, maxRecipientsTimesSize },
          };
          await writeConfigFile(dir, withLimits);
          const loaded = await loadConfig({ dataDir: dir, checkFiles: false });
          assert.deepEqual(loaded.config.ports, withLimits.ports);
          assert.deepEqual(loaded.config.limits, withLimits.limits);
          await rm(dir, { recursive: true });
        },
      ),
      { numRuns: 30 },
    );
  });
});
