import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { configSchema } from './config-schema.ts';
import { applyEnvOverrides, envOverrides } from './env-overrides.ts';

describe('envOverrides', () => {
  it('names only settings that exist, once each, with PEC_ variables', () => {
    type Node = { type?: string; properties?: Record<string, Node> };
    const root = z.toJSONSchema(configSchema, { io: 'input' }) as Node;
    for (const { variable, path, kind } of envOverrides) {
      const node = root.properties?.[path[0]]?.properties?.[path[1]];
      assert.ok(node, `${variable} names ${path.join('.')}, which the schema lacks`);
      assert.match(variable, /^PEC_[A-Z0-9_]+$/);
      assert.equal(kind === 'integer', node.type === 'integer', variable);
    }
    assert.equal(new Set(envOverrides.map((o) => o.variable)).size, envOverrides.length);
    assert.equal(new Set(envOverrides.map((o) => o.path.join('.'))).size, envOverrides.length);
  });

  it('copies the file instead of changing it', () => {
    const raw = { ports: { smtp: 1 } };
    const { raw: result, sources } = applyEnvOverrides(raw, { PEC_PORT_SMTP: '2', PEC_STORAGE: 'postgres' });
    assert.deepEqual(raw, { ports: { smtp: 1 } });
    assert.deepEqual(result, { ports: { smtp: 2 }, storage: { kind: 'postgres' } });
    assert.deepEqual(
      [...sources],
      [
        ['ports.smtp', 'PEC_PORT_SMTP'],
        ['storage.kind', 'PEC_STORAGE'],
      ],
    );
  });

  it('leaves non-object files and sections for validation to report', () => {
    assert.deepEqual(applyEnvOverrides([1], { PEC_PORT_SMTP: '2' }).raw, [1]);
    assert.deepEqual(applyEnvOverrides({ ports: 'none' }, { PEC_PORT_SMTP: '2' }).raw, { ports: 'none' });
    assert.deepEqual(applyEnvOverrides({}, { PEC_PORT_SMTP: '+2' }).raw, { ports: { smtp: '+2' } });
  });
});
