/**
 * startImapServers with the settings of a real provider (initProvider + openProvider on a temporary data
 * folder): both configured listeners come up, the plain one with STARTTLS and LOGINDISABLED, the
 * implicit one with the provider's TLS certificate, and close() says BYE.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { initProvider } from '../../app/init-provider.ts';
import { openProvider } from '../../app/open-provider.ts';
import { createAccountService } from '../../services/accounts/create-account-service.ts';
import { createAuthenticator } from '../../services/accounts/create-authenticator.ts';
import { createMailboxAccess } from '../../services/mailbox-access/create-mailbox-access.ts';
import { createChangeFeed } from '../../services/notifications/change-feed.ts';
import { startImapServers, type RunningImapServers } from './start-imap-servers.ts';
import { openImapConversation } from './testing/imap-conversation.ts';

describe('startImapServers', () => {
  let root = '';
  let ctx: Awaited<ReturnType<typeof openProvider>>;
  let running: RunningImapServers;
  let ca = '';

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'pec-imap-start-'));
    const dataDir = join(root, 'data');
    const init = await initProvider({
      dataDir,
      domain: 'pec.example.it',
      ports: { smtp: 0, submission: 0, submissions: 0, imap: 0, imaps: 0, pop3: 0, pop3s: 0, http: 0 },
    });
    ca = await readFile(init.layout.caCertFile, 'utf8');
    ctx = await openProvider({ dataDir });
    await createAccountService({ storage: ctx.storage }).createMailbox({
      address: 'utente@pec.example.it',
      password: 'a good long password',
    });
    const mailboxes = createMailboxAccess({
      storage: ctx.storage,
      blobs: ctx.blobs,
      changes: createChangeFeed(),
      clock: ctx.clock,
    });
    const authenticator = createAuthenticator({
      accounts: ctx.storage.accounts,
      throttleStore: ctx.storage.loginThrottle,
      clock: ctx.clock,
    });
    const { config } = ctx.config;
    running = await startImapServers(
      {
        host: config.listen.host,
        imapPort: config.ports.imap,
        imapsPort: config.ports.imaps,
        tls: { cert: ctx.tls.cert, key: ctx.tls.key },
        maxMessageBytes: config.limits.maxMessageBytes,
      },
      { mailboxes, authenticator, clock: ctx.clock },
      { limits: { authFailureDelayMs: 0 } },
    );
  });
  after(async () => {
    await running.close();
    await ctx.close();
    await rm(root, { recursive: true, force: true });
  });

  it('opens the STARTTLS and the implicit TLS endpoints', async () => {
    assert.deepEqual(
      running.endpoints.map((endpoint) => [endpoint.name, endpoint.tls, endpoint.host]),
      [
        ['imap', 'starttls', '127.0.0.1'],
        ['imaps', 'implicit', '127.0.0.1'],
      ],
    );
    const [plain, implicit] = running.endpoints;
    assert.ok(plain !== undefined && implicit !== undefined && plain.port > 0 && implicit.port > 0);
    const c = await openImapConversation({ port: plain.port, ca });
    await c.expect(/^\* OK \[CAPABILITY .*STARTTLS LOGINDISABLED\]/);
    await c.transact('a STARTTLS', /^a OK/);
    await c.startTls();
    await c.transact('b LOGIN utente@pec.example.it "a good long password"', /^b OK /);
    c.close();
    const d = await openImapConversation({ port: implicit.port, ca, implicitTls: true });
    await d.expect(/^\* OK \[CAPABILITY .*AUTH=PLAIN/);
    await d.transact('a LOGIN utente@pec.example.it "a good long password"', /^a OK /);
    await d.transact('b LIST "" INBOX', /^\* LIST .* INBOX$/, /^b OK/);
    const closing = running.close();
    await d.expect(/^\* BYE Server shutting down\.$/);
    await closing;
  });
});
