/** Assertions shared by the reception tests: a filed message is a signed anomaly envelope (pec-spec §3.9). */
import assert from 'node:assert/strict';
import { findParts, parseMimeTree, readBodyBytes, readPecMessage } from '@pec/core';
import { folderMessages, opensslVerifyProblem } from '../pipeline/create-test-provider.ts';
import type { ReceptionHarness } from './reception-harness.ts';

/** The postacert.eml bytes of a PEC message. */
export function postacertOf(bytes: Uint8Array): Uint8Array {
  const node = findParts(parseMimeTree(bytes), (n) => n.filename === 'postacert.eml')[0];
  assert.ok(node !== undefined, 'no postacert.eml');
  return readBodyBytes(bytes, node);
}

export function readMessageId(bytes: Uint8Array): string | undefined {
  const text = Buffer.from(bytes).toString('latin1');
  return /^Message-ID: *(\S+)/im.exec(text.slice(0, text.indexOf('\r\n\r\n')))?.[1];
}

/** The newest INBOX message of `address` is a signed anomaly envelope carrying `original` whole. */
export async function assertAnomaly(
  h: ReceptionHarness,
  address: string,
  original: Uint8Array,
  reason: RegExp,
): Promise<void> {
  const inbox = await folderMessages(h.ours, address);
  const last = inbox.at(-1);
  assert.ok(last !== undefined, `${address}: INBOX is empty`);
  assert.equal(last.message.pecType, 'anomalia');
  assert.equal(await opensslVerifyProblem(h.ours, last.bytes), undefined);
  const read = await readPecMessage(last.bytes, { trustAnchors: [h.ours.caDer] });
  assert.equal(read.type, 'anomalia');
  assert.equal(read.signature.valid, true);
  assert.equal(read.daticert, null, 'an anomaly envelope carries no daticert');
  assert.match(read.subject ?? '', /^ANOMALIA MESSAGGIO: /);
  assert.ok(Buffer.from(postacertOf(last.bytes)).equals(Buffer.from(original)), 'original not carried whole');
  const text = Buffer.from(last.bytes).toString('latin1');
  assert.match(decodeQuotedPrintable(text), reason);
  // pec-spec §3.9: the anomaly keeps the original Message-ID.
  const originalId = readMessageId(original);
  if (originalId !== undefined) assert.equal(read.messageId, originalId);
}

function decodeQuotedPrintable(text: string): string {
  return Buffer.from(
    text
      .replace(/=\r\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('latin1');
}
