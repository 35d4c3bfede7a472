/** DELE msg (RFC 1939 §5): marks a message deleted; it goes only at QUIT (UPDATE state). */
import { checkArguments, definePop3Command, openMaildrop } from '../command-descriptor.ts';
import { parseMessageNumber } from '../grammar/parse-pop3-command.ts';

export const deleCommand = definePop3Command({
  keyword: 'DELE',
  states: ['transaction'],
  run(ctx, command) {
    if (!checkArguments(ctx, command, 1, 1)) return;
    const maildrop = openMaildrop(ctx);
    const number = parseMessageNumber(command.args[0]);
    const known = number !== undefined && number <= maildrop.messages.length;
    if (number === undefined || !maildrop.markDeleted(number)) {
      ctx.err(known ? `Message ${number} already deleted` : 'No such message');
      return;
    }
    ctx.ok(`Message ${number} deleted`);
  },
});
