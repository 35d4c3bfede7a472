/**
 * GET /api/events: the session's mailbox changes as server-sent events (WHATWG HTML §9.2), fed by
 * the change feed, which the change bus fills from every node sharing the storage: new messages,
 * mark changes, removals and folder changes of the signed-in mailbox only. Each event is a hint to
 * re-read (the feed's contract), so the client refreshes what it shows. A comment every
 * `heartbeatMs` keeps proxies from closing the stream and checks that the session still stands (a
 * signed-out or expired session ends the stream). The feed keeps no history: a client that comes
 * back with Last-Event-ID gets one `resync` event, telling it to re-read everything (decision 0013).
 */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { MailboxChange } from '../../../services/notifications/change-feed.ts';
import type { ApiDependencies } from './api-dependencies.ts';
import { apiRoute, sessionResponses, type ApiRoute } from './api-route.ts';
import { sessionToken } from './session-cookie.ts';
import { signedIn } from './session-mailbox.ts';

/** How often a heartbeat comment goes out. */
export const heartbeatMs = 15_000;
/** How long a browser waits before reconnecting (the `retry` field). */
const retryMs = 3000;

/** What the webmail receives: folder ids as the API spells them. */
export type MailboxEvent =
  | {
      readonly kind: 'exists' | 'flags' | 'expunge';
      readonly folderId: string;
      readonly uids: readonly number[];
    }
  | { readonly kind: 'folders' };

export function mailboxEvent(change: MailboxChange): MailboxEvent {
  switch (change.kind) {
    case 'exists':
      return { kind: 'exists', folderId: String(change.folderId), uids: [change.uid] };
    case 'flags':
    case 'expunge':
      return { kind: change.kind, folderId: String(change.folderId), uids: change.uids };
    default:
      return { kind: 'folders' };
  }
}

const openStreams = new WeakMap<ApiDependencies, Set<ServerResponse>>();

/** Ends every open stream (the listener is closing: an open stream would hold it open). */
export function closeEventStreams(deps: ApiDependencies): void {
  for (const stream of openStreams.get(deps) ?? []) stream.end();
}

export function eventRoutes(deps: ApiDependencies): ApiRoute[] {
  const streams = new Set<ServerResponse>();
  openStreams.set(deps, streams);
  return [
    apiRoute({
      method: 'GET',
      url: '/api/events',
      operationId: 'mailboxEvents',
      summary: "The session's mailbox changes, as server-sent events (event `mailbox`, `resync`).",
      tag: 'mailbox',
      auth: true,
      responses: {
        200: {
          description:
            'An endless stream: `event: mailbox` with JSON data {kind: exists|flags|expunge, folderId, uids} or {kind: folders}; `event: resync` after a reconnection; comments as heartbeats.',
          mediaType: 'text/event-stream',
        },
        ...sessionResponses,
      },
      handler({ session, request, reply }) {
        const { mailboxId } = signedIn(session);
        const token = sessionToken(request);
        const stream = reply.raw;
        const streamId = randomBytes(6).toString('base64url');
        let sequence = 0;
        reply.hijack();
        // The client may have gone while its session was checked (the awaits before this handler):
        // its 'close' has then been emitted already and will not come again, so nothing may be left
        // waiting for it (the heartbeat below would run for ever and keep the process alive).
        if (stream.destroyed) return Promise.resolve(undefined);
        stream.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          'x-accel-buffering': 'no',
        });
        const send = (event: string, data: unknown) => {
          sequence += 1;
          stream.write(
            `id: ${streamId}.${String(sequence)}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`,
          );
        };
        stream.write(`retry: ${String(retryMs)}\n: connected\n\n`);
        if (request.headers['last-event-id'] !== undefined) send('resync', {});

        const unsubscribe = deps.mailboxes.changes.subscribe(mailboxId, (change) => {
          send('mailbox', mailboxEvent(change));
        });
        const heartbeat = setInterval(() => {
          void (async () => {
            const still = token === undefined ? undefined : await deps.sessions.resolve(token);
            if (still?.mailboxId === mailboxId) stream.write(': heartbeat\n\n');
            else stream.end();
          })().catch(() => stream.end());
        }, heartbeatMs);
        streams.add(stream);
        stream.on('close', () => {
          clearInterval(heartbeat);
          unsubscribe();
          streams.delete(stream);
        });
        return Promise.resolve(undefined);
      },
    }),
  ];
}
