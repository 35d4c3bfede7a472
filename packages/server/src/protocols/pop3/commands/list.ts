/** LIST [msg] (RFC 1939 §5): the size of one message, or of every message not marked deleted. */
import { checkArguments, definePop3Command, openMaildrop } from '../command-descriptor.ts';
import { parseMessageNumber } from '../grammar/parse-pop3-command.ts';

export const listCommand = definePop3Command({
  keyword: 'LIST',
  states: ['transaction'],
  async run(ctx, command) {
    if (!checkArguments(ctx, command, 0, 1)) return;
    const maildrop = openMaildrop(ctx);
    const [arg] = command.args;
    if (arg !== undefined) {
      const message = maildrop.message(parseMessageNumber(arg) ?? 0);
      if (message === undefined) ctx.err('No such message');
      else ctx.ok(`${message.number} ${message.size}`);
      return;
    }
    const { count, octets } = maildrop.stat();
    const lines = maildrop.visible().map((m) => `${m.number} ${m.size}\r\n`);
    await ctx.multiline(
      `${count} message${count === 1 ? '' : 's'} (${octets} octets)`,
      Buffer.from(lines.join('')),
    );
  },
});
