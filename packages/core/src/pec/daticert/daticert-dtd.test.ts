import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { daticertDtd } from './daticert-dtd.ts';

const dtdPath = join(import.meta.dirname, 'daticert.dtd');

/** The declarations of pec-spec §4.1, with comments and layout removed. */
function declarations(dtd: string): string[] {
  return dtd
    .replace(/<!--[\s\S]*?-->/g, '')
    .split(/(?=<!)/)
    .map((d) => d.replace(/\s+/g, ' ').trim())
    .filter((d) => d !== '');
}

describe('daticert DTD', () => {
  it('daticertDtd is byte-identical to daticert.dtd', () => {
    assert.equal(daticertDtd, readFileSync(dtdPath, 'utf8'));
  });

  it('holds exactly the declarations of pec-spec §4.1', () => {
    const spec = readFileSync('/work/shared/pec-spec.md', 'utf8');
    const block = /```dtd\n([\s\S]*?)```/.exec(spec)?.[1];
    assert.ok(block !== undefined, 'DTD block not found in pec-spec.md');
    assert.deepEqual(declarations(daticertDtd), declarations(block));
    assert.equal(declarations(daticertDtd).length, 21); // 17 ELEMENT + 4 ATTLIST
  });

  it('is usable by xmllint and validates the example of pec-spec §4.4', () => {
    const spec = readFileSync('/work/shared/pec-spec.md', 'utf8');
    const example = /### 4\.4[\s\S]*?```xml\n([\s\S]*?)```/.exec(spec)?.[1];
    assert.ok(example !== undefined);
    const run = spawnSync('xmllint', ['--noout', '--dtdvalid', dtdPath, '-'], {
      input: example,
      encoding: 'utf8',
    });
    if (run.error !== undefined) throw new Error(`xmllint is required: ${run.error.message}`);
    assert.equal(run.status, 0, run.stderr);
  });
});
