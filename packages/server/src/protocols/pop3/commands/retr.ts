/**
 * RETR msg (RFC 1939 §7): the whole message, byte-exact as stored (a signed PEC message still
 * verifies), only byte-stuffed and terminated. A message whose bytes are gone (removed by an IMAP
 * session and collected meanwhile) is refused, not served empty.
 */
import { isStorageError } from '../../../ports/storage-error.ts';
import { checkArguments, definePop3Command, openMaildrop } from '../command-descriptor.ts';
import { parseMessageNumber } from '../grammar/parse-pop3-command.ts';

export const retrCommand = definePop3Command({
  keyword: 'RETR',
  states: ['transaction'],
  async run(ctx, command) {
    if (!checkArguments(ctx, command, 1, 1)) return;
    const maildrop = openMaildrop(ctx);
    const message = maildrop.message(parseMessageNumber(command.args[0]) ?? 0);
    if (message === undefined) {
      ctx.err('No such message');
      return;
    }
    let bytes: Buffer | undefined;
    try {
      bytes = await maildrop.read(message.number);
    } catch (error) {
      if (!isStorageError(error, 'not-found')) throw error;
    }
    if (bytes === undefined) {
      ctx.refuse({ reason: 'message-expunged' });
      return;
    }
    await ctx.multiline(`${message.size} octets`, bytes);
  },
});
