/**
 * The log extract (pec-spec §6.4, §8.5): the registro dei log entries of one message (by
 * identificativo or Message-ID) or of a period (optionally one mailbox, as sender or recipient),
 * with the proof that they are in the chain and were there on the day the TSA sealed it:
 * - every entry with all its fields, its prevHash and hash (recomputable with the canonical
 *   encoding `pec-legal-log/1` of storage/sql/hash-legal-log-entry.ts);
 * - the links (seq, prevHash, hash) from each group's first extracted entry to the chain head a
 *   daily RFC 3161 token sealed; other holders' entries appear only as links, never with content;
 * - each covering token (DER, base64) with its day, sealed head and the TSA's time.
 * An entry is covered by the first day's token whose head is at or after it (a later day's token
 * covers every earlier entry through the chain). Entries newer than the last token are listed as
 * not yet sealed, linked to the current head.
 */
import { stripAngleBrackets, verifyTimeStampToken } from '@pec/core';
import type { Clock } from '../../ports/clock.ts';
import type { LegalLog, LegalLogEntry, LegalLogLink } from '../../ports/legal-log.ts';
import type { LogDayTimestamp, LogTimestampStore } from '../../ports/log-timestamp-store.ts';
import { encodeLegalLogEntry, hashLegalLogEntry } from '../../storage/sql/hash-legal-log-entry.ts';
import { italianDayOf } from './log-days.ts';
import { searchLog } from './search-log.ts';

export interface LogExtractDependencies {
  readonly legalLog: Pick<LegalLog, 'search' | 'links' | 'head'>;
  readonly timestamps: Pick<LogTimestampStore, 'list'>;
  /** DER certificate of the TSA, to check each token at extraction; unchecked without it. */
  readonly tsaCertificate: Uint8Array | undefined;
  readonly clock: Clock;
  readonly provider: { readonly name: string; readonly domain: string };
}

export type LogExtractSelection =
  { readonly message: string } | { readonly from: Date; readonly to: Date; readonly mailbox?: string };

export interface ExtractedEntry {
  readonly seq: number;
  readonly at: string;
  /** The Italian calendar day of `at`. */
  readonly day: string;
  readonly eventType: string;
  readonly msgid: string;
  readonly sender: string;
  readonly recipients: readonly string[];
  readonly subject: string | null;
  readonly relatedMsgids: readonly string[];
  readonly sendingProvider: string | null;
  readonly prevHash: string;
  readonly hash: string;
}

/** One run of the chain, from the first extracted entry it holds to the head that seals it. */
export interface ExtractSeal {
  /** The day whose token seals this run; null when no token covers it yet. */
  readonly day: string | null;
  readonly fromSeq: number;
  readonly throughSeq: number;
  /** The hash the token stamps (the chain head at the day's end), or the current head. */
  readonly headHash: string;
  /** Every link from `fromSeq` through `throughSeq`, in order. */
  readonly links: readonly LegalLogLink[];
  /** The extracted entries this run covers. */
  readonly entrySeqs: readonly number[];
  /** The RFC 3161 token (DER, base64), its TSA time and when we stored it; null when not sealed. */
  readonly token: null | {
    readonly der: string;
    readonly genTime: string;
    readonly storedAt: string;
    /** `openssl ts -verify -digest <headHash> -token_in -in tokens/<day>.tst -CAfile <TSA's CA>`. */
    readonly fileName: string;
  };
}

export type ExtractCheckResult = 'pass' | 'fail' | 'not-checked';

export interface ExtractCheck {
  readonly check: string;
  readonly result: ExtractCheckResult;
  readonly detail: string;
}

export interface LogExtract {
  readonly format: 'pec-log-extract/1';
  readonly generatedAt: string;
  readonly provider: { readonly name: string; readonly domain: string };
  readonly selection:
    | { readonly message: string }
    | { readonly from: string; readonly to: string; readonly mailbox: string | null };
  /** How to recompute an entry's hash. */
  readonly hashEncoding: string;
  readonly entries: readonly ExtractedEntry[];
  readonly seals: readonly ExtractSeal[];
  readonly checks: readonly ExtractCheck[];
  readonly allPassed: boolean;
}

export const hashEncodingDescription =
  'SHA-256, lower-case hex, over the UTF-8 bytes of the JSON array ["pec-legal-log/1", seq, at ' +
  '(ISO 8601 UTC with milliseconds), eventType, msgid, sender, recipients, subject, relatedMsgids, ' +
  "sendingProvider, prevHash]; each link's prevHash is the previous link's hash.";

const pageSize = 1000;

/** Every entry `query` matches, page by page (search returns at most a page). */
async function searchAll(
  legalLog: LogExtractDependencies['legalLog'],
  query: Parameters<LegalLog['search']>[0],
): Promise<LegalLogEntry[]> {
  const found: LegalLogEntry[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const page = await legalLog.search({ ...query, limit: pageSize, offset });
    found.push(...page);
    if (page.length < pageSize) return found;
  }
}

async function selectEntries(
  deps: LogExtractDependencies,
  selection: LogExtractSelection,
): Promise<LegalLogEntry[]> {
  if ('message' in selection) {
    // searchLog follows the identificativo ↔ Message-ID hop; a message has a few dozen entries.
    return searchLog({ legalLog: deps.legalLog }, { msgid: selection.message, limit: 100_000 });
  }
  const period = { since: selection.from, until: selection.to };
  if (selection.mailbox === undefined) return searchAll(deps.legalLog, period);
  const bySeq = new Map<number, LegalLogEntry>();
  for (const query of [
    { ...period, sender: selection.mailbox },
    { ...period, recipient: selection.mailbox },
  ]) {
    for (const entry of await searchAll(deps.legalLog, query)) bySeq.set(entry.seq, entry);
  }
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

function toExtracted(entry: LegalLogEntry): ExtractedEntry {
  return {
    seq: entry.seq,
    at: entry.at.toISOString(),
    day: italianDayOf(entry.at),
    eventType: entry.eventType,
    msgid: entry.msgid,
    sender: entry.sender,
    recipients: [...entry.recipients],
    subject: entry.subject,
    relatedMsgids: [...entry.relatedMsgids],
    sendingProvider: entry.sendingProvider,
    prevHash: entry.prevHash,
    hash: entry.hash,
  };
}

/** Recomputes an extracted entry's hash from its fields, as a verifier of the JSON would. */
export function recomputeEntryHash(entry: ExtractedEntry): string {
  return hashLegalLogEntry({ ...entry, at: new Date(entry.at) });
}

/** The canonical encoding of an extracted entry (what its hash is over). */
export function encodeExtractedEntry(entry: ExtractedEntry): string {
  return encodeLegalLogEntry({ ...entry, at: new Date(entry.at) });
}

export function tokenFileName(day: string): string {
  return `tokens/${day}.tst`;
}

/** Checks a run: links continuous, entries' hashes in it, ends at the sealed head. */
function checkLinks(seal: ExtractSeal, entries: ReadonlyMap<number, ExtractedEntry>): string[] {
  const problems: string[] = [];
  let expected = seal.fromSeq;
  let previous: LegalLogLink | undefined;
  for (const link of seal.links) {
    if (link.seq !== expected) problems.push(`link ${expected} is missing`);
    if (previous !== undefined && link.prevHash !== previous.hash) {
      problems.push(`link ${link.seq} does not follow link ${previous.seq}`);
    }
    const entry = entries.get(link.seq);
    if (entry !== undefined && (entry.hash !== link.hash || entry.prevHash !== link.prevHash)) {
      problems.push(`entry ${link.seq} differs from its link`);
    }
    previous = link;
    expected = link.seq + 1;
  }
  if (previous?.seq !== seal.throughSeq || previous.hash !== seal.headHash) {
    problems.push(`the links do not end at the sealed head ${seal.throughSeq}`);
  }
  return problems;
}

export async function extractLog(
  deps: LogExtractDependencies,
  selection: LogExtractSelection,
): Promise<LogExtract> {
  const generatedAt = deps.clock.now();
  const found = (await selectEntries(deps, selection)).map(toExtracted);
  const stamps = await deps.timestamps.list();
  const sealOf = (seq: number): LogDayTimestamp | undefined =>
    stamps.find((stamp) => stamp.throughSeq >= seq);

  // Group the entries by the token that covers them (undefined: not sealed yet).
  const groups = new Map<string | null, ExtractedEntry[]>();
  for (const entry of found) {
    const key = sealOf(entry.seq)?.day ?? null;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  const head = await deps.legalLog.head();
  const seals: ExtractSeal[] = [];
  for (const [day, members] of groups) {
    const stamp = day === null ? undefined : stamps.find((s) => s.day === day);
    const fromSeq = Math.min(...members.map((e) => e.seq));
    const throughSeq = stamp?.throughSeq ?? head.seq;
    seals.push({
      day,
      fromSeq,
      throughSeq,
      headHash: stamp?.headHash ?? head.hash,
      links: await deps.legalLog.links(fromSeq, throughSeq),
      entrySeqs: members.map((e) => e.seq),
      token:
        stamp === undefined
          ? null
          : {
              der: Buffer.from(stamp.token).toString('base64'),
              genTime: stamp.genTime.toISOString(),
              storedAt: stamp.storedAt.toISOString(),
              fileName: tokenFileName(stamp.day),
            },
    });
  }

  const checks: ExtractCheck[] = [];
  const badHashes = found.filter((e) => recomputeEntryHash(e) !== e.hash).map((e) => e.seq);
  checks.push({
    check: 'entry hashes',
    result: badHashes.length === 0 ? 'pass' : 'fail',
    detail:
      badHashes.length === 0
        ? `${found.length} entries recomputed`
        : `entries ${badHashes.join(', ')} do not match their fields`,
  });
  const bySeq = new Map(found.map((e) => [e.seq, e]));
  for (const seal of seals) {
    const name = seal.day === null ? 'not yet sealed' : `day ${seal.day}`;
    const problems = checkLinks(seal, bySeq);
    checks.push({
      check: `chain links, ${name}`,
      result: problems.length === 0 ? 'pass' : 'fail',
      detail:
        problems.length === 0
          ? `${seal.links.length} links from entry ${seal.fromSeq} to ${seal.throughSeq}`
          : problems.join('; '),
    });
    const stamp = stamps.find((s) => s.day === seal.day);
    if (stamp === undefined) {
      checks.push({
        check: `time stamp, ${name}`,
        result: 'not-checked',
        detail: 'no daily token covers these entries yet (the day is not over or not stamped)',
      });
    } else if (deps.tsaCertificate === undefined) {
      checks.push({
        check: `time stamp, ${name}`,
        result: 'not-checked',
        detail: 'no TSA certificate configured',
      });
    } else {
      const result = await verifyTimeStampToken(
        stamp.token,
        Buffer.from(stamp.headHash, 'hex'),
        deps.tsaCertificate,
      );
      checks.push({
        check: `time stamp, ${name}`,
        result: result.valid ? 'pass' : 'fail',
        detail: result.valid
          ? `RFC 3161 token of ${stamp.genTime.toISOString()} stamps head ${stamp.throughSeq}`
          : result.errors.join('; '),
      });
    }
  }
  seals.sort((a, b) => a.fromSeq - b.fromSeq);
  return {
    format: 'pec-log-extract/1',
    generatedAt: generatedAt.toISOString(),
    provider: { name: deps.provider.name, domain: deps.provider.domain },
    selection:
      'message' in selection
        ? { message: stripAngleBrackets(selection.message) }
        : {
            from: selection.from.toISOString(),
            to: selection.to.toISOString(),
            mailbox: selection.mailbox ?? null,
          },
    hashEncoding: hashEncodingDescription,
    entries: found,
    seals,
    checks,
    allPassed: checks.every((c) => c.result !== 'fail'),
  };
}
