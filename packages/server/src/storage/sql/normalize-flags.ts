/**
 * Canonical form of an IMAP flag list (RFC 9051 §2.3.2): system flags in their standard case,
 * keywords as given, duplicates removed case-insensitively, `\Recent` dropped because it is session
 * state and cannot be stored (RFC 3501 §2.3.2; gone in RFC 9051).
 */

const systemFlags = ['\\Answered', '\\Flagged', '\\Deleted', '\\Seen', '\\Draft'];
const systemByLower = new Map(systemFlags.map((flag) => [flag.toLowerCase(), flag]));

export const seenFlag = '\\Seen';
export const deletedFlag = '\\Deleted';

export function normalizeFlags(flags: readonly string[]): string[] {
  const seen = new Set<string>();
  const system: string[] = [];
  const keywords: string[] = [];
  for (const flag of flags) {
    const lower = flag.toLowerCase();
    if (lower === '\\recent' || flag === '' || seen.has(lower)) continue;
    seen.add(lower);
    const canonical = systemByLower.get(lower);
    if (canonical !== undefined) system.push(canonical);
    else keywords.push(flag);
  }
  system.sort((a, b) => systemFlags.indexOf(a) - systemFlags.indexOf(b));
  return [...system, ...keywords];
}

/** Applies a STORE-style update to a normalized list. */
export function applyFlagUpdate(
  current: readonly string[],
  mode: 'add' | 'remove' | 'replace',
  flags: readonly string[],
): string[] {
  if (mode === 'replace') return normalizeFlags(flags);
  if (mode === 'add') return normalizeFlags([...current, ...flags]);
  const removed = new Set(flags.map((flag) => flag.toLowerCase()));
  return current.filter((flag) => !removed.has(flag.toLowerCase()));
}

export function hasFlag(flags: readonly string[], flag: string): boolean {
  const lower = flag.toLowerCase();
  return flags.some((candidate) => candidate.toLowerCase() === lower);
}
