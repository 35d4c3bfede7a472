/**
 * Replaces the local copy of the index atomically (pec-spec §7.3 item 4: protect the local copy):
 * the new text goes to a temporary file in the same folder, is flushed, then renamed over the old
 * one, so a reader or a crash sees the old copy or the new one, never a mix.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { openSignedLdif } from '@pec/core';
import { isLdifText } from './decode-index-document.ts';

export async function writeIndexFile(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${randomUUID()}.tmp`;
  try {
    await writeFile(temporary, text, { flush: true, mode: 0o644 });
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
}

/** The LDIF of the local copy ('' when it does not exist); a signed local copy must still verify. */
export async function readIndexText(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return '';
    throw error;
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '' || isLdifText(bytes)) return text;
  return (await openSignedLdif(bytes)).ldif;
}
