/**
 * `pec index import FILE|DIR` (pec-spec §7.3): other providers' entries, each file plain LDIF or a
 * signed `.p7m` that must verify (decode-index-document.ts), merged into the local copy: a
 * provider's previous entries are replaced by providerName, this provider's own entry is kept,
 * and the file is replaced atomically. All or nothing: one bad file leaves the local copy as it was.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createProviderIndex, parseLdif, type ProviderIndex } from '@pec/core';
import { decodeIndexDocument, IndexDocumentError } from './decode-index-document.ts';
import { mergeProviderEntries, splitLdifRecords } from './merge-provider-entries.ts';
import { readIndexText, writeIndexFile } from './write-index-file.ts';

export interface LocalIndexOptions {
  /** The local copy (config `index.file`). */
  readonly indexFile: string;
  /** This provider's `providerName`: its entries are never replaced from outside. */
  readonly ownName: string;
  /** This provider's entry, added when the local copy lacks it (render-own-provider-entry.ts). */
  readonly ownEntry: () => Promise<string>;
  /** DER trust anchors for signed documents (config `index.trustAnchorFiles`). */
  readonly trustAnchors?: readonly Uint8Array[];
}

export interface ImportedFile {
  readonly file: string;
  readonly signed: boolean;
  /** Providers taken from the file (this provider's own entry is skipped). */
  readonly providers: readonly string[];
}

export interface ImportResult {
  readonly files: readonly ImportedFile[];
  /** The index now in the local copy. */
  readonly index: ProviderIndex;
}

/** The local text, with this provider's own entry first when it was missing. */
export async function localIndexWithOwnEntry(options: LocalIndexOptions): Promise<string> {
  const text = await readIndexText(options.indexFile);
  const own = options.ownName.toLowerCase();
  if (splitLdifRecords(text).some((record) => record.provider === own)) return text;
  const entry = await options.ownEntry();
  return text.trim() === '' ? entry : `${entry.replace(/\n*$/, '')}\n\n${text}`;
}

async function filesOf(path: string): Promise<string[]> {
  const info = await stat(path);
  if (!info.isDirectory()) return [path];
  const names = (await readdir(path, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();
  if (names.length === 0) throw new IndexDocumentError(`no files in ${path}`);
  return names.map((name) => join(path, name));
}

export async function importProviderEntries(options: LocalIndexOptions, path: string): Promise<ImportResult> {
  let text = await localIndexWithOwnEntry(options);
  const knownIndex = createProviderIndex(parseLdif(text));
  const files: ImportedFile[] = [];
  for (const file of await filesOf(path)) {
    let document;
    try {
      document = await decodeIndexDocument(await readFile(file), {
        knownIndex,
        ...(options.trustAnchors === undefined ? {} : { trustAnchors: options.trustAnchors }),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new IndexDocumentError(`${file}: ${reason}; the local index is unchanged`);
    }
    const merged = mergeProviderEntries(text, document.ldif, { ownName: options.ownName });
    text = merged.text;
    files.push({ file, signed: document.signed, providers: merged.providers });
  }
  if (files.every((f) => f.providers.length === 0)) {
    throw new IndexDocumentError(`${path}: only this provider's own entry; nothing to import`);
  }
  await writeIndexFile(options.indexFile, text);
  return { files, index: createProviderIndex(parseLdif(text)) };
}
