/**
 * LIST/LSUB pattern matching (RFC 9051 §6.3.9, RFC 3501 §6.3.8): `*` matches anything, `%` anything
 * but the hierarchy delimiter; INBOX is matched case-insensitively. Dynamic programming over code
 * points, so hostile patterns (`*a*a*a…`) cost at most pattern × name steps, never backtracking.
 */
import { canonicalFolderName } from '../../../services/mailbox-access/check-folder-name.ts';

export function matchesMailboxPattern(pattern: string, name: string, delimiter: string): boolean {
  const p = Array.from(canonicalFolderName(pattern));
  const n = Array.from(name);
  // reachable[j]: the pattern prefix read so far can match name prefix of length j.
  let reachable = new Array<boolean>(n.length + 1).fill(false);
  reachable[0] = true;
  for (const token of p) {
    const next = new Array<boolean>(n.length + 1).fill(false);
    if (token === '*' || token === '%') {
      let open = false;
      for (let j = 0; j <= n.length; j++) {
        if (reachable[j] === true) open = true;
        if (open) next[j] = true;
        // `%` cannot run across a delimiter: the run closes after one.
        if (token === '%' && n[j] === delimiter) open = false;
      }
    } else {
      for (let j = 0; j < n.length; j++) if (reachable[j] === true && n[j] === token) next[j + 1] = true;
    }
    reachable = next;
    if (!reachable.includes(true)) return false;
  }
  return reachable[n.length] === true;
}
