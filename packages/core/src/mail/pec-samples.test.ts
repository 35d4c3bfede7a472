// Parses every file of the shared PEC sample corpus (MANIFEST.md describes each one). File contents
// are personal data: assertions only, nothing of them is printed.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { daticertElements, pecFileNames } from '../pec/vocabulary.ts';
import { summarizeMessage } from './message-summary.ts';
import { parseMimeTree } from './parse-mime-tree.ts';
import type { MimeNode } from './parse-mime-tree.ts';
import { readTextBody } from './read-text-body.ts';

const samplesDir =
  process.env['PEC_SAMPLES_DIR'] ??
  join(import.meta.dirname, '..', '..', '..', '..', '..', 'shared', 'pec-samples');

interface ManifestEntry {
  readonly path: string;
  readonly kind: string;
  readonly type: string;
  readonly parts: readonly string[];
}

/** Reads the per-file sections of MANIFEST.md: `### \`dir/\``, `#### \`file\``, `* **Class:** …`. */
function readManifest(text: string): ManifestEntry[] {
  const entries: ManifestEntry[] = [];
  let dir = '';
  let current: { path: string; kind: string; type: string; parts: string[] } | undefined;
  for (const line of text.split('\n')) {
    const dirMatch = /^### `([^`]+)\/`/.exec(line);
    const fileMatch = /^#### `([^`]+)`/.exec(line);
    if (dirMatch !== null) {
      dir = dirMatch[1] ?? '';
    } else if (fileMatch !== null) {
      current = { path: `${dir}/${fileMatch[1] ?? ''}`, kind: '', type: '', parts: [] };
      entries.push(current);
    } else if (current !== undefined) {
      const field = /^\* \*\*([^*]+):\*\* (.*)$/.exec(line);
      if (field?.[1] === 'Class') current.kind = field[2] ?? '';
      if (field?.[1] === 'Type') current.type = field[2] ?? '';
      if (field?.[1] === 'Top-level parts') current.parts = (field[2] ?? '').split(/,\s*/);
    }
  }
  return entries;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** Parts within the first two levels below the root, embedded messages counting as a level. */
function shallowParts(root: MimeNode, levels: number): MimeNode[] {
  if (levels === 0) return [];
  return root.children.flatMap((child) => [child, ...shallowParts(child, levels - 1)]);
}

const available = existsSync(join(samplesDir, 'MANIFEST.md'));
const manifest = available ? readManifest(readFileSync(join(samplesDir, 'MANIFEST.md'), 'utf8')) : [];
/** Real or derived (tampered but complete) messages; not fragments, redacted or synthetic ones. */
const complete = manifest.filter(
  (e) => /^(REAL|DERIVED)/.test(e.kind) && !/FRAGMENT/.test(e.kind) && existsSync(join(samplesDir, e.path)),
);
const withDaticert = complete.filter((e) => e.parts.includes(pecFileNames.daticert));
const envelopes = complete.filter(
  (e) => e.type.startsWith('busta di trasporto') && e.parts.includes(pecFileNames.original),
);

describe('PEC sample corpus', { skip: available ? false : `no samples at ${samplesDir}` }, () => {
  it('selects enough samples from the manifest for the checks below to mean something', () => {
    assert.ok(withDaticert.length >= 28, `daticert samples: ${withDaticert.length}`);
    assert.ok(envelopes.length >= 22, `envelope samples: ${envelopes.length}`);
  });

  it('parses every file without throwing and with consistent ranges', () => {
    const files = walk(samplesDir).filter((f) => !f.endsWith('MANIFEST.md'));
    assert.ok(files.length >= 40);
    for (const file of files) {
      const bytes = readFileSync(file);
      const root = parseMimeTree(bytes);
      const check = (node: MimeNode): void => {
        assert.ok(node.start <= node.bodyStart && node.bodyEnd <= node.end, relative(samplesDir, file));
        for (const child of node.children) {
          assert.ok(child.start >= node.bodyStart && child.end <= node.bodyEnd, relative(samplesDir, file));
          check(child);
        }
      };
      check(root);
      summarizeMessage(bytes, root);
    }
  });

  it('finds a daticert.xml with a <postacert> root in every real envelope and receipt', () => {
    for (const entry of withDaticert) {
      const bytes = readFileSync(join(samplesDir, entry.path));
      const root = parseMimeTree(bytes);
      const daticert = shallowParts(root, 2).find((n) => n.filename === pecFileNames.daticert);
      assert.ok(daticert !== undefined, `daticert part in ${entry.path}`);
      assert.ok(
        readTextBody(bytes, daticert).includes(`<${daticertElements.root}`),
        `daticert content in ${entry.path}`,
      );
    }
  });

  it('finds postacert.eml with exactly one embedded message that has a subject in every envelope', () => {
    for (const entry of envelopes) {
      const bytes = readFileSync(join(samplesDir, entry.path));
      const root = parseMimeTree(bytes);
      const original = shallowParts(root, 2).find((n) => n.filename === pecFileNames.original);
      assert.ok(original !== undefined, `postacert part in ${entry.path}`);
      assert.equal(original.children.length, 1, `embedded message in ${entry.path}`);
      const inner = original.children[0];
      assert.ok(inner !== undefined);
      const summary = summarizeMessage(bytes, inner);
      assert.ok(summary.subject !== undefined, `subject of the original in ${entry.path}`);
      assert.ok(summary.from !== undefined, `sender of the original in ${entry.path}`);
      // The envelope itself is a dated message from the provider.
      const outer = summarizeMessage(bytes, root);
      assert.ok(outer.date !== undefined, `envelope date in ${entry.path}`);
      assert.ok(outer.attachments.some((a) => a.filename === pecFileNames.original));
    }
  });
});
