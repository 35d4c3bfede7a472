/**
 * UIDL [msg] (RFC 1939 §7): the unique id of one message, or of every message not marked deleted.
 * Ids are `<uidValidity>.<uid>` of INBOX, so they survive sessions and never name another message.
 */
import { checkArguments, definePop3Command, openMaildrop } from '../command-descriptor.ts';
import { parseMessageNumber } from '../grammar/parse-pop3-command.ts';

export const uidlCommand = definePop3Command({
  keyword: 'UIDL',
  states: ['transaction'],
  async run(ctx, command) {
    if (!checkArguments(ctx, command, 0, 1)) return;
    const maildrop = openMaildrop(ctx);
    const [arg] = command.args;
    if (arg !== undefined) {
      const message = maildrop.message(parseMessageNumber(arg) ?? 0);
      if (message === undefined) ctx.err('No such message');
      else ctx.ok(`${message.number} ${message.uniqueId}`);
      return;
    }
    const lines = maildrop.visible().map((m) => `${m.number} ${m.uniqueId}\r\n`);
    await ctx.multiline('Unique-id listing follows', Buffer.from(lines.join('')));
  },
});
