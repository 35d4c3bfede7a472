/**
 * Test-only: what each provider filed, read through its own storage from the test process (SQLite
 * allows a reader beside `pec serve`). A scenario marks every mailbox of both providers, acts, then
 * waits for exactly the messages it expects and checks each one with outside oracles: `openssl
 * smime -verify` against the CA of the provider that signed it, `xmllint --dtdvalid` on its
 * daticert, and the reader's classification (pec-spec §3.10, §4.1, §8.4).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  findParts,
  parseMimeTree,
  readBodyBytes,
  readPecMessage,
  readerTypes,
  type MessageKind,
  type PecMessageDescription,
} from '@pec/core';
import type { ProviderContext } from '../../src/app/provider-context.ts';
import { repoRoot } from '../pec-samples-dir.ts';
/** What the observer needs of a provider: a pair member, or an in-process one. */
export interface ObservedProvider {
  readonly spec: { readonly key: string };
  readonly ctx: ProviderContext;
  /** `posta-certificata@<domain>`: the From and signer of everything it generates. */
  readonly serviceAddress: string;
  readonly caFile: string;
  output(): string;
}

const run = promisify(execFile);
export const daticertDtd = join(repoRoot, 'packages/core/src/pec/daticert/daticert.dtd');

export interface StoredCopy {
  /** The provider's key (`a`, `b`). */
  readonly provider: string;
  readonly address: string;
  readonly folder: string;
  readonly uid: number;
  readonly blobKey: string;
  readonly bytes: Buffer;
  /** The reader's description, signature verified. */
  readonly description: PecMessageDescription;
  readonly type: MessageKind;
}

/** Every message already filed, per provider: `address/folder/uid`. */
export type Mark = ReadonlyMap<string, ReadonlySet<string>>;

const descriptions = new Map<string, Promise<PecMessageDescription>>();

function describeCached(blobKey: string, bytes: Buffer): Promise<PecMessageDescription> {
  let found = descriptions.get(blobKey);
  if (found === undefined) {
    found = readPecMessage(bytes);
    descriptions.set(blobKey, found);
  }
  return found;
}

interface Located {
  readonly address: string;
  readonly folder: string;
  readonly uid: number;
  readonly blobKey: string;
}

async function locateAll(p: ObservedProvider): Promise<Located[]> {
  const { storage } = p.ctx;
  const found: Located[] = [];
  for (const mailbox of await storage.accounts.listMailboxes({ limit: 10_000 })) {
    for (const folder of await storage.mailboxes.listFolders(mailbox.id)) {
      for (const message of await storage.mailboxes.listMessages(folder.id, { limit: 10_000 })) {
        found.push({
          address: mailbox.address,
          folder: folder.name,
          uid: message.uid,
          blobKey: message.blobKey,
        });
      }
    }
  }
  return found;
}

const keyOf = (l: Located) => `${l.address}/${l.folder}/${l.uid}`;

export async function markAll(providers: readonly ObservedProvider[]): Promise<Mark> {
  const mark = new Map<string, Set<string>>();
  for (const p of providers) mark.set(p.spec.key, new Set((await locateAll(p)).map(keyOf)));
  return mark;
}

/** The messages filed since `mark`, in every mailbox of every provider. */
export async function filedSince(providers: readonly ObservedProvider[], mark: Mark): Promise<StoredCopy[]> {
  const copies: StoredCopy[] = [];
  for (const p of providers) {
    const seen = mark.get(p.spec.key) ?? new Set();
    for (const l of (await locateAll(p)).filter((x) => !seen.has(keyOf(x)))) {
      const bytes = await p.ctx.blobs.get(l.blobKey);
      const description = await describeCached(l.blobKey, bytes);
      copies.push({ ...l, provider: p.spec.key, bytes, description, type: description.type });
    }
  }
  return copies;
}

/** Polls `filedSince` until `done` holds; fails with what was filed (and the servers' output). */
export async function waitForFiled(
  providers: readonly ObservedProvider[],
  mark: Mark,
  done: (copies: readonly StoredCopy[]) => boolean,
  timeoutMs = 60_000,
): Promise<StoredCopy[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const copies = await filedSince(providers, mark);
    if (done(copies)) return copies;
    if (Date.now() > deadline) {
      throw new Error(
        `not filed in time; filed so far:\n${summarize(copies)}\n` +
          providers.map((p) => `--- ${p.spec.key}\n${p.output()}`).join('\n'),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** `provider:address/folder type` per copy, sorted: the shape a scenario asserts exactly. */
export function summarize(copies: readonly StoredCopy[]): string {
  return copies
    .map((c) => `${c.provider}:${c.address}/${c.folder} ${c.type}`)
    .sort()
    .join('\n');
}

export function partNamed(raw: Uint8Array, filename: string): Buffer | undefined {
  const [part] = findParts(parseMimeTree(raw), (node) => node.filename === filename);
  return part === undefined ? undefined : Buffer.from(readBodyBytes(raw, part));
}

/** `openssl smime -verify` against `caFile`; the stderr of a failure, or undefined. */
export async function opensslProblem(
  work: string,
  bytes: Uint8Array,
  caFile: string,
): Promise<string | undefined> {
  const file = join(work, `verify-${randomUUID()}.eml`);
  await writeFile(file, bytes);
  try {
    const { stderr } = await run('openssl', [
      'smime',
      '-verify',
      '-in',
      file,
      '-CAfile',
      caFile,
      '-purpose',
      'any',
      '-out',
      '/dev/null',
    ]);
    return /Verification successful/.test(stderr) ? undefined : stderr;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

async function assertDaticertValid(work: string, copy: StoredCopy): Promise<void> {
  const xml = partNamed(copy.bytes, 'daticert.xml');
  assert.ok(xml !== undefined, `${copy.type} in ${copy.address}: no daticert.xml`);
  const file = join(work, `daticert-${randomUUID()}.xml`);
  await writeFile(file, xml);
  await run('xmllint', ['--noout', '--dtdvalid', daticertDtd, file]);
}

/**
 * Every generated message: the reader sees a valid signature by `posta-certificata@` of the
 * provider whose CA openssl verifies it with; envelopes, receipts and notices carry a DTD-valid
 * daticert (anomaly envelopes carry none, pec-spec §3.9). Sent copies of originals are skipped.
 */
export async function assertGenuine(
  work: string,
  copies: readonly StoredCopy[],
  providers: readonly ObservedProvider[],
): Promise<void> {
  for (const copy of copies) {
    if (copy.folder === 'Sent' && copy.type === readerTypes.ordinary) continue;
    const what = `${copy.type} in ${copy.provider}:${copy.address}/${copy.folder}`;
    const { signature, from } = copy.description;
    assert.equal(signature.valid, true, `${what}: ${signature.errors.join('; ')}`);
    const issuer = providers.find((p) => from?.toLowerCase() === p.serviceAddress);
    assert.ok(issuer !== undefined, `${what}: From ${from ?? '(none)'} is no provider's service address`);
    assert.equal(signature.signer?.email, issuer.serviceAddress, `${what}: signer`);
    assert.equal(await opensslProblem(work, copy.bytes, issuer.caFile), undefined, what);
    if (copy.type !== readerTypes.anomaly) await assertDaticertValid(work, copy);
  }
}

export function only<T>(items: readonly T[], what: string): T {
  assert.equal(items.length, 1, `exactly one ${what} expected, found ${items.length}`);
  const [item] = items;
  assert.ok(item !== undefined);
  return item;
}
