/**
 * Merging providers' entries into the local index text (pec-spec §7.1–§7.3) record by record, each
 * record kept byte for byte as it came (RFC 2849 records separated by blank lines), so that nothing
 * a provider published is re-encoded. A provider is identified by `providerName` (caseIgnoreMatch,
 * pec-spec §7.2) and owns its main entry and its `providerUnit` entries; this provider's own
 * entries are never taken from outside.
 */
import { createProviderIndex, parseLdif } from '@pec/core';

export interface LdifRecordText {
  /** The record's lines, LF line ends, no `version:` line, no trailing blank line. */
  readonly text: string;
  /** Lower-cased `providerName` when the record is a provider entry. */
  readonly provider?: string;
}

export interface MergeResult {
  /** The new local index text. */
  readonly text: string;
  /** Names of the providers whose entries were added or replaced, as written in the records. */
  readonly providers: readonly string[];
  /** Names of the providers removed (`replaceOthers`). */
  readonly removed: readonly string[];
  /** Provider entries skipped because they carry this provider's name. */
  readonly skippedOwn: number;
}

export interface MergeOptions {
  /** This provider's name: entries with it are kept from `local`, never taken from `incoming`. */
  readonly ownName: string;
  /**
   * false (import): incoming providers replace their previous entries, the others stay.
   * true (refresh of the whole index): the local copy keeps only its own entries and takes every
   * other provider from `incoming`, so that providers dropped from the index disappear here too.
   */
  readonly replaceOthers?: boolean;
}

/** Splits LDIF text into its records; the `version:` line and blank records are dropped. */
export function splitLdifRecords(text: string): LdifRecordText[] {
  const records: LdifRecordText[] = [];
  for (const block of text.replace(/^\uFEFF/, '').split(/\r?\n(?:\r?\n)+/)) {
    const lines = block.split(/\r?\n/).filter((line) => line !== '' && !/^version:/i.test(line));
    // A block of comments alone (or nothing) is not a record.
    if (!lines.some((line) => !line.startsWith('#'))) continue;
    const recordText = lines.join('\n');
    const [record] = createProviderIndex(parseLdif(recordText)).providers;
    records.push(
      record === undefined ? { text: recordText } : { text: recordText, provider: record.name.toLowerCase() },
    );
  }
  return records;
}

/** The records as an LDIF file: one blank line between records, LF, final newline. */
export function joinLdifRecords(records: readonly LdifRecordText[]): string {
  return records.length === 0 ? '' : `${records.map((r) => r.text).join('\n\n')}\n`;
}

export function mergeProviderEntries(local: string, incoming: string, options: MergeOptions): MergeResult {
  const own = options.ownName.toLowerCase();
  const incomingRecords = splitLdifRecords(incoming).filter((r) => r.provider !== undefined);
  const taken = incomingRecords.filter((r) => r.provider !== own);
  const names = new Set(taken.map((r) => r.provider));
  const localRecords = splitLdifRecords(local);
  const kept = localRecords.filter((r) =>
    options.replaceOthers === true
      ? r.provider === undefined || r.provider === own
      : r.provider === undefined || !names.has(r.provider),
  );
  const displayNames = (records: readonly LdifRecordText[]): string[] => [
    ...new Map(
      records.flatMap((r) => {
        const name = createProviderIndex(parseLdif(r.text)).providers[0]?.name;
        return r.provider === undefined || name === undefined ? [] : [[r.provider, name] as const];
      }),
    ).values(),
  ];
  const removedRecords = localRecords.filter(
    (r) => r.provider !== undefined && r.provider !== own && !names.has(r.provider) && !kept.includes(r),
  );
  return {
    text: joinLdifRecords([...kept, ...taken]),
    providers: displayNames(taken),
    removed: displayNames(removedRecords),
    skippedOwn: incomingRecords.length - taken.length,
  };
}
