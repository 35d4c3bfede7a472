/**
 * CONDSTORE-enabling commands (RFC 7162 §3.1): FETCH with MODSEQ or CHANGEDSINCE, STORE with
 * UNCHANGEDSINCE and SEARCH with MODSEQ turn CONDSTORE on for the session; when that happens with a
 * folder selected, the client is told the folder's HIGHESTMODSEQ in an untagged OK first.
 */
import type { CommandContext } from '../command-descriptor.ts';

export function enableCondstore(ctx: CommandContext): void {
  const { session } = ctx;
  if (session.condstore) return;
  session.enabled.add('CONDSTORE');
  const selected = session.selectedOrNull;
  if (selected === null) return;
  ctx.send({
    kind: 'untagged',
    status: 'OK',
    code: { kind: 'HIGHESTMODSEQ', value: selected.highestModseq },
    text: 'Highest',
  });
}
