// Live updates: the server-sent event stream of the session's mailbox (GET /api/events, same
// origin, so CSP connect-src 'self' allows it) invalidates what each change touches, so mail
// delivered by SMTP or marks set from an IMAP client appear without a reload.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { eventsUrl } from '../../api/actions.ts';
import type { MailboxEvent } from '../../api/contract.ts';
import { refreshMailbox } from './cache.ts';

/** After the stream failed for good (say, a 401), how long before trying again. */
const reopenMs = 15_000;

export function useLiveUpdates(): void {
  const client = useQueryClient();
  useEffect(() => {
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const open = () => {
      source = new EventSource(eventsUrl);
      source.addEventListener('mailbox', (message) => {
        let event: MailboxEvent;
        try {
          event = JSON.parse(String(message.data)) as MailboxEvent;
        } catch {
          return;
        }
        void refreshMailbox(client, event.kind === 'folders' ? [] : [event.folderId]);
      });
      source.addEventListener('resync', () => {
        void refreshMailbox(client);
      });
      source.addEventListener('error', () => {
        // The browser retries by itself unless the stream failed for good.
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          timer = setTimeout(open, reopenMs);
        }
      });
    };
    open();
    return () => {
      clearTimeout(timer);
      source?.close();
    };
  }, [client]);
}
