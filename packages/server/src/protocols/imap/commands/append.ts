/**
 * APPEND (RFC 9051 §6.3.12) with MULTIAPPEND (RFC 3502: all messages or none), LITERAL+ and
 * literal8 literals as read by the grammar, flags and internal date, and UIDPLUS APPENDUID
 * (RFC 4315 §3). The bytes are stored exactly as received. A missing folder is `NO [TRYCREATE]`;
 * beyond the box quota the holder gets `NO [OVERQUOTA]` (RFC 9208 §5.1: Super Ricezione is only for
 * incoming PEC, pec-spec). CATENATE (RFC 4469) parts are assembled first (`assemble-catenate.ts`).
 */
import type { AppendInput } from '../../../services/mailbox-access/message-access.ts';
import { defineCommand, ImapCommandError, ok } from '../command-descriptor.ts';
import { assembleCatenate } from './assemble-catenate.ts';

export const append = defineCommand({
  name: 'APPEND',
  states: ['authenticated', 'selected'],
  async run(ctx, command) {
    const now = ctx.services.clock.now();
    const inputs: AppendInput[] = [];
    for (const message of command.messages) {
      const bytes =
        message.catenate === null
          ? message.content
          : await assembleCatenate(
              ctx.services.mailboxes,
              ctx.session.user.mailboxId,
              message.catenate,
              ctx.limits.maxCommandLiteralBytes,
            );
      if (bytes.length === 0) throw new ImapCommandError('NO', 'Cannot save a zero-length message');
      inputs.push({
        bytes,
        flags: message.flags.filter((flag) => flag.toLowerCase() !== '\\recent'),
        internalDate: message.internalDate?.date ?? now,
      });
    }
    // A missing folder is a `no-such-folder` destination: NO [TRYCREATE] (../refusal-response.ts).
    const outcome = await ctx.services.mailboxes.messages.append(
      ctx.session.user.mailboxId,
      command.mailbox,
      inputs,
    );
    return ok('APPEND completed.', {
      kind: 'APPENDUID',
      uidValidity: outcome.uidValidity,
      uids: outcome.uids,
    });
  },
});
