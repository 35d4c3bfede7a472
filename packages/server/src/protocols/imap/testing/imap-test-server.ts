/**
 * Test-only IMAP server over real storage: a temporary SQLite database and blob folder (or stores the
 * test opens, such as PostgreSQL), one domain with mailboxes made by the account service, the real
 * Authenticator, the mailbox-access service with its change feed, and both listeners (STARTTLS and
 * implicit TLS) on loopback with a development certificate. Not used by production code.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDevelopmentPki } from '@pec/core';
import type { BlobStore } from '../../../ports/blob-store.ts';
import type { Clock } from '../../../ports/clock.ts';
import type { Storage } from '../../../ports/storage.ts';
import { createAccountService } from '../../../services/accounts/create-account-service.ts';
import { createAuthenticator } from '../../../services/accounts/create-authenticator.ts';
import type { LoginThrottleSettings } from '../../../services/accounts/create-login-throttle.ts';
import { createMailboxAccess } from '../../../services/mailbox-access/create-mailbox-access.ts';
import type { MailboxAccess } from '../../../services/mailbox-access/mailbox-access.ts';
import { storeMessage } from '../../../services/mailboxes/store-message.ts';
import { createChangeFeed, type ChangeFeed } from '../../../services/notifications/change-feed.ts';
import { openSqliteStores } from '../../../storage/sqlite/open-sqlite-stores.ts';
import { createConnectionLimiter } from '../connection-limiter.ts';
import { createConnectionGuard, defaultConnectionGuardSettings } from '../../connection-guard.ts';
import { defaultImapLimits, type ImapLimits } from '../imap-limits.ts';
import { createImapListener, type ImapListener } from '../listener.ts';
import { bindEvents } from '../../../ports/event-log.ts';

export interface TestAccount {
  readonly address: string;
  readonly password: string;
  readonly mailboxId: number;
}

export interface ImapTestServer {
  readonly plainPort: number;
  readonly tlsPort: number;
  /** PEM CA of the server certificate. */
  readonly ca: string;
  readonly accounts: readonly [TestAccount, TestAccount];
  readonly storage: Storage;
  readonly blobs: BlobStore;
  readonly mailboxes: MailboxAccess;
  readonly changes: ChangeFeed;
  readonly errors: { message: string; error: unknown }[];
  /** Files a message as the delivery point does (store, then publish `exists`); returns its UID. */
  deliver(
    account: TestAccount,
    folderName: string,
    bytes: string | Uint8Array,
    flags?: readonly string[],
  ): Promise<number>;
  readonly listeners: readonly [ImapListener, ImapListener];
  close(): Promise<void>;
}

export interface ImapTestServerOptions {
  readonly limits?: Partial<ImapLimits>;
  /** Throttling of the real authenticator (defaults of createLoginThrottle otherwise). */
  readonly throttle?: LoginThrottleSettings;
  /** The storage's clock (it stamps save dates, RFC 8514); the system clock otherwise. */
  readonly storageClock?: Clock;
  /**
   * The test accounts' passwords stored as argon2id hashes of the smallest cost (8 KiB, one pass)
   * instead of the production cost: for benchmarks that log in thousands of clients. Verification
   * reads the cost from each stored PHC string, so the product's code and parameters are unchanged.
   */
  readonly cheapPasswordHashes?: boolean;
  /**
   * Opens the storage and blob store in the server's temporary folder instead of SQLite there
   * (e.g. PostgreSQL, for what only a pool of connections shows); `storageClock` is then unused.
   */
  readonly openStores?: (dir: string) => Promise<{ readonly storage: Storage; readonly blobs: BlobStore }>;
}

/** The smallest argon2id cost the library accepts: for test accounts only, never for a real box. */
const cheapHashParameters = { memoryCost: 8, timeCost: 1, parallelism: 1 } as const;

/** Test limits: no failure delay, otherwise the defaults. */
export const testImapLimits: ImapLimits = { ...defaultImapLimits, authFailureDelayMs: 0 };

export async function startImapTestServer(options: ImapTestServerOptions = {}): Promise<ImapTestServer> {
  const dir = await mkdtemp(join(tmpdir(), 'pec-imap-'));
  const { storage, blobs } =
    options.openStores === undefined
      ? await openSqliteStores({
          file: join(dir, 'pec.sqlite'),
          blobsDir: join(dir, 'blobs'),
          ...(options.storageClock === undefined ? {} : { clock: options.storageClock }),
        })
      : await options.openStores(dir);
  const accountService = createAccountService({ storage });
  await accountService.addDomain('pec.test');
  const make = async (address: string, password: string): Promise<TestAccount> => {
    const mailbox = await accountService.createMailbox({ address, password, quotaBytes: 10 * 1024 * 1024 });
    if (options.cheapPasswordHashes === true) {
      const { hash } = await import('@node-rs/argon2');
      await storage.accounts.setPasswordHash(mailbox.id, await hash(password, cheapHashParameters));
    }
    return { address, password, mailboxId: mailbox.id };
  };
  const accounts = [
    await make('mario.rossi@pec.test', 'correct horse battery'),
    await make('anna.bianchi@pec.test', 'another long password'),
  ] as const;
  const changes = createChangeFeed();
  const clock = { now: () => new Date() };
  const mailboxes = createMailboxAccess({ storage, blobs, changes, clock });
  const authenticator = createAuthenticator({
    accounts: storage.accounts,
    throttleStore: storage.loginThrottle,
    ...(options.throttle === undefined ? {} : { throttle: options.throttle }),
  });
  const pki = await createDevelopmentPki({ domain: 'pec.test', providerName: 'Test PEC', now: new Date() });
  const limits = { ...testImapLimits, ...options.limits };
  const errors: { message: string; error: unknown }[] = [];
  const context = {
    host: '127.0.0.1',
    tls: { cert: pki.tlsCertificate, key: pki.tlsPrivateKey },
    limits,
    connections: createConnectionGuard({
      ...defaultConnectionGuardSettings,
      maxPerAddress: limits.maxConnectionsPerIp,
      // Every test client comes from 127.0.0.1: the network and server caps follow the per-address one.
      maxPerNetwork: Math.max(defaultConnectionGuardSettings.maxPerNetwork, limits.maxConnectionsPerIp),
      maxTotal: Math.max(defaultConnectionGuardSettings.maxTotal, limits.maxConnectionsPerIp),
    }),
    accountLimiter: createConnectionLimiter(limits.maxConnectionsPerAccount),
    events: bindEvents(
      (event) => {
        if (event.event === 'error.unexpected') errors.push({ message: event.where, error: event.error });
      },
      { protocol: 'imap' },
    ),
    closeTimeoutMs: 500,
  };
  const services = { mailboxes, authenticator, clock };
  const plain = createImapListener(context, services, { port: 0, implicitTls: false });
  const implicit = createImapListener(context, services, { port: 0, implicitTls: true });
  const plainPort = (await plain.listen()).port;
  const tlsPort = (await implicit.listen()).port;
  return {
    plainPort,
    tlsPort,
    ca: pki.caCertificate,
    accounts,
    storage,
    blobs,
    mailboxes,
    changes,
    errors,
    listeners: [plain, implicit],
    async deliver(account, folderName, bytes, flags) {
      const raw = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
      const result = await storeMessage(storage, blobs, {
        mailboxId: account.mailboxId,
        folderName,
        bytes: raw,
        internalDate: new Date(),
        ...(flags === undefined ? {} : { flags }),
      });
      changes.publish(account.mailboxId, {
        kind: 'exists',
        folderId: result.message.folderId,
        uid: result.message.uid,
      });
      return result.message.uid;
    },
    async close() {
      await Promise.all([plain.close(), implicit.close()]);
      await storage.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A small RFC 5322 message for tests. */
export function testMessage(subject: string, body = 'Hello.'): string {
  return (
    `From: Mario Rossi <mario.rossi@pec.test>\r\nTo: anna.bianchi@pec.test\r\nSubject: ${subject}\r\n` +
    `Date: Mon, 3 Mar 2025 10:00:00 +0100\r\nMessage-ID: <${subject.replace(/\W/g, '')}@pec.test>\r\n\r\n${body}\r\n`
  );
}
