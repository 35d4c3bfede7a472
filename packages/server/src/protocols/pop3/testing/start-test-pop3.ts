/**
 * Test-only POP3 provider: SQLite storage and blobs in a temp folder, real accounts, the real
 * Authenticator recording into the access history, the maildrop service with a change feed, and
 * both listeners on 127.0.0.1 port 0 with a development PKI certificate. Not used by production code.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDevelopmentPki } from '@pec/core';
import type { BlobStore } from '../../../ports/blob-store.ts';
import { bindEvents } from '../../../ports/event-log.ts';
import { inboxName } from '../../../ports/mailbox-store.ts';
import type { Storage } from '../../../ports/storage.ts';
import {
  createAccessHistory,
  type AccessHistory,
} from '../../../services/access-history/create-access-history.ts';
import { createAccountService } from '../../../services/accounts/create-account-service.ts';
import { createAuthenticator } from '../../../services/accounts/create-authenticator.ts';
import { storeMessage } from '../../../services/mailboxes/store-message.ts';
import { createMaildropService } from '../../../services/maildrop/create-maildrop-service.ts';
import { createChangeFeed, type ChangeFeed } from '../../../services/notifications/change-feed.ts';
import { openSqliteStores } from '../../../storage/sqlite/open-sqlite-stores.ts';
import type { Pop3Limits } from '../pop3-limits.ts';
import type { ListenerName } from '../../listener-address.ts';
import { createPop3Server } from '../pop3-listener.ts';

export interface TestPop3 {
  readonly dir: string;
  readonly storage: Storage;
  readonly blobs: BlobStore;
  readonly history: AccessHistory;
  readonly changes: ChangeFeed;
  /** PEM of the CA that signed the listeners' certificate (for localhost and 127.0.0.1). */
  readonly ca: string;
  readonly host: string;
  readonly plainPort: number;
  readonly tlsPort: number;
  readonly errors: unknown[];
  /** Creates a mailbox with INBOX and the other standard folders; returns its id. */
  addMailbox(address: string, password: string): Promise<number>;
  /** Stores `bytes` in the mailbox's INBOX; returns the UID. */
  deliver(address: string, bytes: Uint8Array): Promise<number>;
  /** The INBOX UIDs of a mailbox, ascending. */
  inboxUids(address: string): Promise<number[]>;
  /** INBOX flags of a mailbox by UID. */
  inboxFlags(address: string): Promise<Map<number, readonly string[]>>;
  /** Closes the POP3 server only (storage stays open for checks). */
  stopServer(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestPop3(limits: Partial<Pop3Limits> = {}): Promise<TestPop3> {
  const dir = await mkdtemp(join(tmpdir(), 'pec-pop3-'));
  const { storage, blobs } = await openSqliteStores({
    file: join(dir, 'pec.db'),
    blobsDir: join(dir, 'blobs'),
  });
  const accounts = createAccountService({ storage });
  const history = createAccessHistory({ log: storage.accessLog, accounts: storage.accounts });
  const authenticator = createAuthenticator({
    accounts: storage.accounts,
    throttleStore: storage.loginThrottle,
    onLogin: history.recordLogin,
  });
  const changes = createChangeFeed();
  const maildrops = createMaildropService({ storage, blobs, changes });
  const pki = await createDevelopmentPki({ domain: 'pec.test', providerName: 'Test PEC', now: new Date() });
  const errors: unknown[] = [];
  const server = createPop3Server({
    host: '127.0.0.1',
    plainPort: 0,
    implicitTlsPort: 0,
    tls: { cert: pki.tlsCertificate, key: pki.tlsPrivateKey },
    services: { authenticator, maildrops },
    limits: { authFailureDelayMs: 0, ...limits },
    events: bindEvents((event) => {
      if (event.event === 'error.unexpected') errors.push(event.error);
    }, {}),
  });
  const endpoints = await server.listen();
  const port = (name: ListenerName) => endpoints.find((e) => e.name === name)?.port ?? 0;

  async function mailboxId(address: string): Promise<number> {
    const mailbox = await storage.accounts.findMailboxByAddress(address);
    if (mailbox === undefined) throw new Error(`no mailbox ${address}`);
    return mailbox.id;
  }

  return {
    dir,
    storage,
    blobs,
    history,
    changes,
    ca: pki.caCertificate,
    host: '127.0.0.1',
    plainPort: port('pop3'),
    tlsPort: port('pop3s'),
    errors,
    async addMailbox(address, password) {
      if ((await storage.accounts.getDomain(address.split('@')[1] ?? '')) === undefined) {
        await accounts.addDomain(address.split('@')[1] ?? '');
      }
      return (await accounts.createMailbox({ address, password })).id;
    },
    async deliver(address, bytes) {
      const stored = await storeMessage(storage, blobs, {
        mailboxId: await mailboxId(address),
        folderName: inboxName,
        internalDate: new Date(),
        bytes,
      });
      return stored.message.uid;
    },
    async inboxUids(address) {
      const inbox = await storage.mailboxes.getFolder(await mailboxId(address), inboxName);
      if (inbox === undefined) return [];
      return (await storage.mailboxes.listMessageStates(inbox.id)).map((m) => m.uid);
    },
    async inboxFlags(address) {
      const inbox = await storage.mailboxes.getFolder(await mailboxId(address), inboxName);
      if (inbox === undefined) return new Map();
      return new Map((await storage.mailboxes.listMessageStates(inbox.id)).map((m) => [m.uid, m.flags]));
    },
    stopServer: () => server.close(),
    async close() {
      await server.close();
      await storage.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
