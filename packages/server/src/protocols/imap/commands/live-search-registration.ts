/**
 * SEARCH and SORT with `RETURN (UPDATE)` (RFC 5267 §4.3): the tag must not name a live search
 * already (BAD, as Dovecot answers), and past the session's limit the search runs without updates,
 * announced by `* NO [NOUPDATE "tag"]` before its result (RFC 5267 §4.3.1).
 */
import { ImapCommandError, type CommandContext } from '../command-descriptor.ts';
import type { LiveSearchInput } from '../live-searches.ts';

/** Throws BAD when `tag` already names a live search of this session. */
export function checkLiveSearchTag(ctx: CommandContext, tag: string): void {
  if (ctx.session.liveSearches.has(tag)) throw new ImapCommandError('BAD', 'Duplicate search update tag.');
}

/** Registers the live result, or tells the client it gets none. */
export function registerLiveSearch(ctx: CommandContext, input: LiveSearchInput): void {
  if (ctx.session.liveSearches.add(input, ctx.limits.maxLiveSearches)) return;
  ctx.send({
    kind: 'untagged',
    status: 'NO',
    code: { kind: 'NOUPDATE', tag: input.tag },
    text: 'Too many live searches: this one is not updated.',
  });
}
