/**
 * Mailbox access for clients as components: IMAP (STARTTLS and implicit TLS) and POP3 (STLS and
 * implicit TLS) over one change feed, which every committed append (deliveries, receipts,
 * notices) also feeds, so IDLE clients see new PEC mail at once (RFC 2177); and the indexer that
 * fills the search text index with what is filed, off every reply path (decision 0049).
 */
import type { ListenerAddress, ListenerTls } from '../protocols/listener-address.ts';
import type { EventLog } from '../ports/event-log.ts';
import { startImapServers } from '../protocols/imap/start-imap-servers.ts';
import { startPop3Servers } from '../protocols/pop3/start-pop3-servers.ts';
import type { Authenticator } from '../services/accounts/authenticator.ts';
import { createMailboxAccess } from '../services/mailbox-access/create-mailbox-access.ts';
import { createMessageTextIndexer } from '../services/mailbox-access/create-message-text-indexer.ts';
import { createMaildropService } from '../services/maildrop/create-maildrop-service.ts';
import { createChangeFeed } from '../services/notifications/change-feed.ts';
import type { Component } from './component.ts';
import { backgroundComponent, listenerComponent } from './listener-component.ts';
import { coordinationOf } from './open-coordination.ts';
import { listenerConnectionSettings } from './service-dependencies.ts';
import type { ProviderContext } from './provider-context.ts';

/** The components of mailbox access, in start order: the text indexer, the append watch, IMAP, POP3. */
export function mailboxAccessComponents(
  ctx: ProviderContext,
  authenticator: Authenticator,
  bound: ListenerAddress[],
  events?: EventLog,
): Component[] {
  const { config } = ctx.config;
  const tls: ListenerTls = { cert: ctx.tls.cert, key: ctx.tls.key, minVersion: config.tls.minVersion };
  // Changes and mailbox locks are shared with the other nodes through the coordination ports.
  const { bus, locks } = coordinationOf(ctx);
  const textIndexer = createMessageTextIndexer({
    texts: ctx.storage.messageTexts,
    blobs: ctx.blobs,
    onError: (error, blobKey) => {
      const where = blobKey === undefined ? 'message-text indexer' : `message-text indexer, blob ${blobKey}`;
      events?.emit({ event: 'error.unexpected', where, error });
    },
  });
  const changes = createChangeFeed({ bus });
  let stopWatching: (() => void) | undefined;
  const appendWatch: Component = {
    name: 'append-watch',
    async start() {
      stopWatching = ctx.storage.watchAppends((message) => {
        changes.publish(message.mailboxId, { kind: 'exists', folderId: message.folderId, uid: message.uid });
      });
      // Listening on the bus before the first session can subscribe.
      await bus.settled();
    },
    stop() {
      stopWatching?.();
      return Promise.resolve();
    },
  };
  const mailboxes = createMailboxAccess({
    storage: ctx.storage,
    blobs: ctx.blobs,
    changes,
    clock: ctx.clock,
    locks,
  });
  const maildrops = createMaildropService({ storage: ctx.storage, blobs: ctx.blobs, changes, locks });
  const imap = listenerComponent(
    'imap',
    async () => {
      const running = await startImapServers(
        {
          host: config.listen.host,
          imapPort: config.ports.imap,
          imapsPort: config.ports.imaps,
          tls,
          maxMessageBytes: config.limits.maxMessageBytes,
        },
        { mailboxes, authenticator, clock: ctx.clock },
        { connections: listenerConnectionSettings(ctx), ...(events === undefined ? {} : { events }) },
      );
      return { addresses: running.endpoints, close: () => running.close() };
    },
    bound,
    events,
  );
  const pop3 = listenerComponent(
    'pop3',
    async () => {
      const running = await startPop3Servers(
        { host: config.listen.host, pop3Port: config.ports.pop3, pop3sPort: config.ports.pop3s, tls },
        {
          authenticator,
          maildrops,
          connections: listenerConnectionSettings(ctx),
          ...(events === undefined ? {} : { events }),
        },
      );
      return { addresses: running.endpoints, close: () => running.close() };
    },
    bound,
    events,
  );
  return [backgroundComponent('message-text-indexer', textIndexer), appendWatch, imap, pop3];
}
