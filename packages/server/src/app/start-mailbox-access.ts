/**
 * Mailbox access for clients (issue 5): IMAP (STARTTLS and implicit TLS) and POP3 (STLS and
 * implicit TLS) over one change feed, which every committed append (deliveries, receipts,
 * notices) also feeds, so IDLE clients see new PEC mail at once (RFC 2177).
 */
import type { EventLog } from '../ports/event-log.ts';
import { startImapServers } from '../protocols/imap/start-imap-servers.ts';
import { startPop3Servers } from '../protocols/pop3/start-pop3-servers.ts';
import type { Authenticator } from '../services/accounts/authenticator.ts';
import { createMailboxAccess } from '../services/mailbox-access/create-mailbox-access.ts';
import { createMaildropService } from '../services/maildrop/create-maildrop-service.ts';
import { createChangeFeed } from '../services/notifications/change-feed.ts';
import type { ProviderContext } from './provider-context.ts';
import type { ListenerAddress } from './serve.ts';

export interface RunningMailboxAccess {
  readonly addresses: readonly ListenerAddress[];
  close(): Promise<void>;
}

export async function startMailboxAccess(
  ctx: ProviderContext,
  authenticator: Authenticator,
  events?: EventLog,
): Promise<RunningMailboxAccess> {
  const changes = createChangeFeed();
  const stopWatching = ctx.storage.watchAppends((message) => {
    changes.publish(message.mailboxId, { kind: 'exists', folderId: message.folderId, uid: message.uid });
  });
  const mailboxes = createMailboxAccess({
    storage: ctx.storage,
    blobs: ctx.blobs,
    changes,
    clock: ctx.clock,
  });
  const maildrops = createMaildropService({ storage: ctx.storage, blobs: ctx.blobs, changes });
  const imap = await startImapServers(
    ctx,
    { mailboxes, authenticator, clock: ctx.clock },
    events === undefined ? {} : { events },
  ).catch((error: unknown) => {
    stopWatching();
    throw error;
  });
  const pop3 = await startPop3Servers(ctx, {
    authenticator,
    maildrops,
    ...(events === undefined ? {} : { events }),
  }).catch(async (error: unknown) => {
    stopWatching();
    await imap.close();
    throw error;
  });
  const addresses: ListenerAddress[] = [
    ...imap.endpoints.map(
      (e) => ({ name: e.name, protocol: 'imap', tls: e.tls, host: e.host, port: e.port }) as const,
    ),
    ...pop3.endpoints.map(
      (e) =>
        ({
          name: e.kind === 'plain' ? 'pop3' : 'pop3s',
          protocol: 'pop3',
          tls: e.kind === 'plain' ? 'starttls' : 'implicit',
          host: e.host,
          port: e.port,
        }) as const,
    ),
  ];
  let closed: Promise<void> | undefined;
  return {
    addresses,
    close() {
      closed ??= Promise.all([imap.close(), pop3.close()]).then(() => {
        stopWatching();
      });
      return closed;
    },
  };
}
