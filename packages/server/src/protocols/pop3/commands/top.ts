/**
 * TOP msg n (RFC 1939 §7, RFC 2449 §6.1): the header, the blank line and the first n body lines,
 * byte-exact. Unlike RETR it does not count as reading the message (no \Seen at QUIT).
 */
import { isStorageError } from '../../../ports/storage-error.ts';
import { checkArguments, definePop3Command, openMaildrop } from '../command-descriptor.ts';
import { parseLineCount, parseMessageNumber } from '../grammar/parse-pop3-command.ts';

export const topCommand = definePop3Command({
  keyword: 'TOP',
  states: ['transaction'],
  async run(ctx, command) {
    if (!checkArguments(ctx, command, 2, 2)) return;
    const maildrop = openMaildrop(ctx);
    const number = parseMessageNumber(command.args[0]);
    const lines = parseLineCount(command.args[1]);
    if (lines === undefined) {
      ctx.err('Syntax error: the line count must be a non-negative number');
      return;
    }
    if (number === undefined || maildrop.message(number) === undefined) {
      ctx.err('No such message');
      return;
    }
    let bytes: Buffer | undefined;
    try {
      bytes = await maildrop.top(number, lines);
    } catch (error) {
      if (!isStorageError(error, 'not-found')) throw error;
    }
    if (bytes === undefined) {
      ctx.refuse({ reason: 'message-expunged' });
      return;
    }
    await ctx.multiline('Top of message follows', bytes);
  },
});
