/**
 * The MX as `pec serve` runs it (app/serve.ts): createProviderServices builds the reception point,
 * serveProvider opens `ports.smtp` with STARTTLS offered; ordinary mail for a PEC-only mailbox is
 * refused, accepted ordinary mail becomes an anomaly in the INBOX, and close() frees the port.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { initProvider } from '../../src/app/init-provider.ts';
import { openProvider } from '../../src/app/open-provider.ts';
import type { ProviderContext } from '../../src/app/provider-context.ts';
import { createProviderServices, serveProvider } from '../../src/app/serve.ts';
import { openSmtpTranscript } from '../../src/protocols/smtp/testing/smtp-transcript.ts';
import { createAccountService } from '../../src/services/accounts/create-account-service.ts';
import { dotStuff } from './reception-harness.ts';

const domain = 'pec.mx.localhost';

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => {
      resolve(true);
    });
  });
}

describe('serveProvider opens the MX of the reception point', { timeout: 120_000 }, () => {
  let dir: string;
  let ctx: ProviderContext;
  let ca: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pec-mx-'));
    await initProvider({ dataDir: dir, domain, providerName: 'MX PEC' });
    ctx = await openProvider({
      dataDir: dir,
      overrides: {
        ports: { submission: 0, submissions: 0, smtp: 0, imap: 0, imaps: 0, pop3: 0, pop3s: 0, http: 0 },
      },
    });
    ca = await readFile(join(dir, 'certs', 'ca.pem'), 'utf8');
    const accounts = createAccountService({ storage: ctx.storage, clock: ctx.clock });
    await accounts.createMailbox({ address: `solo.pec@${domain}`, password: 'Password-1234' });
    await accounts.createMailbox({ address: `aperta@${domain}`, password: 'Password-5678' });
    await accounts.setOrdinaryMailPolicy(`aperta@${domain}`, 'accept');
  });
  after(async () => {
    await ctx.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('listens on ports.smtp with STARTTLS, applies the mailbox policies, and stops on close', async () => {
    const running = await serveProvider(ctx, createProviderServices(ctx, { pollMs: 60_000 }), {
      closeTimeoutMs: 200,
    });
    const mx = running.addresses.find((a) => a.name === 'smtp');
    try {
      assert.ok(mx !== undefined, 'no smtp listener');
      assert.equal(mx.tls, 'starttls');
      const t = await openSmtpTranscript({ host: '127.0.0.1', port: mx.port, ca });
      await t.expect(220, /MX PEC PEC reception point/);
      assert.match((await t.send('EHLO relay.example.com', 250)).text, /^STARTTLS$/m);
      await t.startTls();
      await t.send('EHLO relay.example.com', 250);
      for (const [to, code] of [
        [`solo.pec@${domain}`, 550],
        [`aperta@${domain}`, 250],
      ] as const) {
        await t.send('MAIL FROM:<someone@example.com>', 250);
        await t.send(`RCPT TO:<${to}>`, 250);
        await t.send('DATA', 354);
        t.write(
          dotStuff(
            Buffer.from(
              `From: someone@example.com\r\nTo: ${to}\r\nSubject: ciao\r\nMessage-ID: <mx-${code}@example.com>\r\n\r\nCiao\r\n`,
            ),
          ),
        );
        await t.expect(code);
      }
      await t.send(`RCPT TO:<x@example.org>`, 503);
      await t.close();
      const mailbox = await ctx.storage.accounts.findMailboxByAddress(`aperta@${domain}`);
      const inbox = await ctx.storage.mailboxes.getFolder(mailbox!.id, 'INBOX');
      const messages = await ctx.storage.mailboxes.listMessages(inbox!.id);
      assert.deepEqual(
        messages.map((m) => m.pecType),
        ['anomalia'],
      );
    } finally {
      await running.close();
    }
    assert.equal(await refused(mx.port), true);
  });
});
