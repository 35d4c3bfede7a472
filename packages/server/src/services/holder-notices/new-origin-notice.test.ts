import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AccessLogEntry } from '../../ports/access-log.ts';
import type { Mailbox } from '../../ports/account-store.ts';
import { createNewOriginNotice } from './new-origin-notice.ts';

const box = { id: 7, address: 'mario@pec.example.it', contactEmail: 'mario@example.com' } as Mailbox;
const entry = (id: number, minutes: number): AccessLogEntry => ({
  id,
  mailboxId: 7,
  address: box.address,
  at: new Date(Date.UTC(2026, 11, 7, 9) + minutes * 60_000),
  protocol: 'imap',
  remoteAddress: '203.0.113.7',
  clientId: 'Thunderbird',
  outcome: 'success',
});

describe('new sign-in notice', () => {
  it('mails the contact address at most once an hour per box, with when, how and from where', async () => {
    const queued: { payload: unknown }[] = [];
    const mails: string[] = [];
    const notice = createNewOriginNotice({
      storage: {
        accounts: { getMailbox: (id: number) => Promise.resolve(id === 7 ? box : undefined) },
        queue: {
          enqueue: (job: { payload: unknown }) => {
            queued.push(job);
            return Promise.resolve();
          },
        },
      } as unknown as Parameters<typeof createNewOriginNotice>[0]['storage'],
      blobs: {
        put: (bytes: Uint8Array) => {
          mails.push(Buffer.from(bytes).toString('utf8').replace(/=\r\n/g, ''));
          return Promise.resolve(String(mails.length));
        },
      },
      settings: { providerName: 'Test PEC', from: 'noreply@pec.example.it', lifetimeMs: 3_600_000 },
    });
    await notice(entry(1, 0));
    await notice(entry(2, 59)); // within the hour: no second mail
    await notice(entry(3, 61));
    assert.equal(queued.length, 2);
    assert.match(mails[0] ?? '', /To: mario@example\.com/);
    assert.match(mails[0] ?? '', /2026-12-07 09:00 UTC, IMAP, Thunderbird, address 203\.0\.113\.7/);
    await notice({ ...entry(4, 200), mailboxId: null });
    assert.equal(queued.length, 2, 'an attempt without a box sends nothing');
  });
});
