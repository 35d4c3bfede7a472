/**
 * The dependency arrows of packages/server are lint rules (eslint.config.js): this runs ESLint
 * with the repository's configuration on source text placed in each layer and checks what it
 * reports, so a change that loosened a rule would fail here.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const root = join(import.meta.dirname, '..', '..', '..', '..');
const eslint = new ESLint({ cwd: root });

/** The messages of no-restricted-imports for `code` linted as if it were the file `path`. */
async function restrictedImports(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

// Existing files, so that the type-aware parser knows them; the text linted is the probe's.
const serviceFile = 'packages/server/src/services/pipeline/outbox/envelope-jobs.ts';
const protocolFile = 'packages/server/src/protocols/listener-address.ts';
const portFile = 'packages/server/src/ports/clock.ts';
const storageFile = 'packages/server/src/storage/sqlite/open-sqlite-storage.ts';

describe('import arrows', () => {
  it('refuses a service importing app/, config/ or a protocol adapter', async () => {
    const messages = await restrictedImports(
      serviceFile,
      [
        "import type { ProviderContext } from '../../../app/provider-context.ts';",
        "import type { Config } from '../../../config/config-schema.ts';",
        "import type { ImapServerSettings } from '../../../protocols/imap/start-imap-servers.ts';",
        'export type Probe = [ProviderContext, Config, ImapServerSettings];',
        '',
      ].join('\n'),
    );
    assert.equal(messages.length, 3, messages.join('\n'));
    assert.match(messages[0] ?? '', /app\/provider-context\.ts.*composition root/);
    assert.match(messages[1] ?? '', /config-schema\.ts.*Only app\/ reads the configuration/);
    assert.match(messages[2] ?? '', /start-imap-servers\.ts.*Services speak no protocol/);
  });

  it('lets a service import ports, other services and @pec/core', async () => {
    const messages = await restrictedImports(
      serviceFile,
      [
        "import type { Signer } from '@pec/core';",
        "import type { Clock } from '../../../ports/clock.ts';",
        "import type { AccountService } from '../../accounts/create-account-service.ts';",
        'export type Probe = [Signer, Clock, AccountService];',
        '',
      ].join('\n'),
    );
    assert.deepEqual(messages, []);
  });

  it('refuses a protocol adapter importing app/ or config/', async () => {
    const messages = await restrictedImports(
      protocolFile,
      [
        "import type { ProviderContext } from '../app/provider-context.ts';",
        "import type { PortsConfig } from '../config/config-schema.ts';",
        "import type { AccessPoint } from '../services/pipeline/access-point/access-point.ts';",
        'export type Probe = [ProviderContext, PortsConfig, AccessPoint];',
        '',
      ].join('\n'),
    );
    assert.equal(messages.length, 2, messages.join('\n'));
  });

  it('refuses storage importing services', async () => {
    const messages = await restrictedImports(
      storageFile,
      "import type { AccountService } from '../../services/accounts/create-account-service.ts';\nexport type Probe = AccountService;\n",
    );
    assert.equal(messages.length, 1, messages.join('\n'));
  });

  it('lets ports import only ports and @pec/core', async () => {
    const messages = await restrictedImports(
      portFile,
      [
        "import type { Signer } from '@pec/core';",
        "import type { Job } from './queue-store.ts';",
        "import { readFile } from 'node:fs/promises';",
        "import type { Storage } from '../ports/storage.ts';",
        "import type { AccessPoint } from '../services/pipeline/access-point/access-point.ts';",
        'export type Probe = [Signer, Job, typeof readFile, Storage, AccessPoint];',
        '',
      ].join('\n'),
    );
    assert.equal(messages.length, 3, messages.join('\n'));
  });
});
