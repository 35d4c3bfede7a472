/**
 * SUBSCRIBE and UNSUBSCRIBE (RFC 9051 §6.3.7–6.3.8): the subscription list is the client's. Like
 * Dovecot, subscribing needs an existing folder (else NO [NONEXISTENT]); unsubscribing any name is OK,
 * and the list outlives DELETE.
 */
import { defineCommand, type CommandContext, type CommandNamed } from '../command-descriptor.ts';

async function setSubscribed(
  ctx: CommandContext,
  command: CommandNamed<'SUBSCRIBE' | 'UNSUBSCRIBE'>,
): Promise<undefined> {
  const subscribed = command.name === 'SUBSCRIBE';
  await ctx.services.mailboxes.folders.setSubscribed(ctx.session.user.mailboxId, command.mailbox, subscribed);
  return undefined;
}

export const subscribe = defineCommand({
  name: 'SUBSCRIBE',
  states: ['authenticated', 'selected'],
  run: setSubscribed,
});

export const unsubscribe = defineCommand({
  name: 'UNSUBSCRIBE',
  states: ['authenticated', 'selected'],
  run: setSubscribed,
});
