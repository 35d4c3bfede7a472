import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as prettier from 'prettier';
import { z } from 'zod';
import { configSchema } from './config-schema.ts';
import { envOverrides } from './env-overrides.ts';
import { regenerateCommand, renderConfigDocs } from './render-config-docs.ts';

const repositoryRoot = join(import.meta.dirname, '..', '..', '..', '..');
const docsFile = join(repositoryRoot, 'docs', 'config.md');

describe('renderConfigDocs', () => {
  it('matches the committed docs/config.md', async () => {
    const expected = renderConfigDocs();
    if (process.env['UPDATE_DOCS'] === '1') await writeFile(docsFile, expected);
    const committed = await readFile(docsFile, 'utf8').catch(() => '');
    assert.ok(
      committed === expected,
      `docs/config.md is stale: the configuration schema changed. Regenerate it with:\n  ${regenerateCommand}`,
    );
  });

  it('is already formatted the way Prettier formats Markdown', async () => {
    const text = renderConfigDocs();
    const options = (await prettier.resolveConfig(docsFile)) ?? {};
    assert.equal(await prettier.format(text, { ...options, filepath: docsFile }), text);
  });

  it('documents every setting and every environment variable', () => {
    const text = renderConfigDocs();
    type Node = { properties?: Record<string, Node> };
    const root = z.toJSONSchema(configSchema, { io: 'input' }) as Node;
    for (const [section, node] of Object.entries(root.properties ?? {})) {
      assert.ok(text.includes(`\`${section}\``), section);
      for (const field of Object.keys(node.properties ?? {})) {
        assert.ok(text.includes(`#### \`${section}.${field}\``), `${section}.${field}`);
      }
    }
    for (const { variable } of envOverrides) assert.ok(text.includes(`\`${variable}\``), variable);
    assert.match(text, /#### `limits\.maxRecipients`\n\n- Type: integer, at least 50\n- Default: `500`\n/);
    assert.match(text, /#### `provider\.domain`\n\n- Type: .*\n- \*\*Required\.\*\*\n/);
  });
});
