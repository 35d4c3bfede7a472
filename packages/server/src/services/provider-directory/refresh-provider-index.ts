/**
 * One refresh of the local index copy from `index.refreshUrl` (pec-spec §7.3, §12 item 12): fetch,
 * verify the signed LDIF (decode-index-document.ts, signature required), parse, and only then
 * replace the local copy atomically. The downloaded index is the whole directory: every other
 * provider's entries are taken from it (a provider dropped there disappears here); this provider's
 * own entry is kept. A failure of any step keeps the previous copy and says why.
 */
import { createProviderIndex, parseLdif, type ProviderIndex } from '@pec/core';
import { decodeIndexDocument } from './decode-index-document.ts';
import { fetchIndexDocument } from './fetch-index-document.ts';
import { localIndexWithOwnEntry, type LocalIndexOptions } from './import-provider-entries.ts';
import { mergeProviderEntries } from './merge-provider-entries.ts';
import { writeIndexFile } from './write-index-file.ts';

export interface RefreshOptions extends LocalIndexOptions {
  readonly url: string;
  /** Default: fetchIndexDocument. */
  readonly fetchDocument?: (url: string) => Promise<Uint8Array>;
  /** Evaluation time for a signature without signingTime. */
  readonly at?: Date;
}

export type RefreshResult =
  | {
      readonly ok: true;
      /** Providers now listed besides this one. */
      readonly providers: readonly string[];
      /** Providers the refresh removed. */
      readonly removed: readonly string[];
      /** Subject of the signer of the downloaded index. */
      readonly signer: string | undefined;
      readonly index: ProviderIndex;
    }
  | { readonly ok: false; readonly reason: string };

export async function refreshProviderIndex(options: RefreshOptions): Promise<RefreshResult> {
  const step = async <T>(what: string, run: () => Promise<T>): Promise<T | { failed: string }> => {
    try {
      return await run();
    } catch (error) {
      return { failed: `${what}: ${error instanceof Error ? error.message : String(error)}` };
    }
  };
  const failed = (value: unknown): value is { failed: string } =>
    typeof value === 'object' && value !== null && 'failed' in value;

  const local = await step('reading the local copy', () => localIndexWithOwnEntry(options));
  if (failed(local)) return { ok: false, reason: local.failed };
  const fetch = options.fetchDocument ?? ((url: string) => fetchIndexDocument(url));
  const bytes = await step(`fetching ${options.url}`, () => fetch(options.url));
  if (failed(bytes)) return { ok: false, reason: bytes.failed };
  const document = await step('verifying the signed index', () =>
    decodeIndexDocument(bytes, {
      requireSignature: true,
      knownIndex: createProviderIndex(parseLdif(local)),
      ...(options.trustAnchors === undefined ? {} : { trustAnchors: options.trustAnchors }),
      ...(options.at === undefined ? {} : { at: options.at }),
    }),
  );
  if (failed(document)) return { ok: false, reason: document.failed };
  const merged = mergeProviderEntries(local, document.ldif, {
    ownName: options.ownName,
    replaceOthers: true,
  });
  const written = await step('writing the local copy', () => writeIndexFile(options.indexFile, merged.text));
  if (failed(written)) return { ok: false, reason: written.failed };
  return {
    ok: true,
    providers: merged.providers,
    removed: merged.removed,
    signer: document.signer?.subject,
    index: createProviderIndex(parseLdif(merged.text)),
  };
}
