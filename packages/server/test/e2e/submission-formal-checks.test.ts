/**
 * The access point's checks as a client meets them: SMTP conversations over real sockets against a
 * real provider (SQLite, development PKI, in this process), one per rule of pec-spec §2.2 and
 * decision 0004. Refusals before DATA leave no notice; formal errors and viruses after DATA get
 * `550 5.6.0` / `554 5.7.1` with the identifier, and the signed non-acceptance notice is in the
 * sender's INBOX. Legal floors (DM 2/11/2005 art. 12, pec-spec §6.5): 50 recipients and a 30 MiB
 * recipients × size product are accepted, with the limits set exactly at those floors.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readPecMessage } from '@pec/core';
import { exportMailbox } from '../../src/app/export-mailbox.ts';
import { initProvider } from '../../src/app/init-provider.ts';
import { openProvider } from '../../src/app/open-provider.ts';
import type { ProviderContext } from '../../src/app/provider-context.ts';
import { createProviderServices, serveProvider } from '../../src/app/serve.ts';
import type { RunningProvider } from '../../src/app/serve.ts';
import type { ConfiguredVirusScanner } from '../../src/antivirus/create-virus-scanner.ts';
import { openSmtpTranscript } from '../../src/protocols/smtp/testing/smtp-transcript.ts';
import type { SmtpTranscript } from '../../src/protocols/smtp/testing/smtp-transcript.ts';
import { createAccountService } from '../../src/services/accounts/create-account-service.ts';

const domain = 'pec.checks.localhost';
const at = (local: string) => `${local}@${domain}`;
const password = 'Password-Checks-1';
const mebibyte = 1024 * 1024;
const legalProduct = 30 * mebibyte;
const virusMarker = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$TEST-VIRUS-MARKER';

/** Flags any message containing the marker, as clamd would flag EICAR (decision 0005). */
const markerScanner: ConfiguredVirusScanner = {
  kind: 'clamd',
  scan: (bytes) =>
    Promise.resolve(
      Buffer.from(bytes).includes(virusMarker)
        ? { infected: true, signature: 'Test.Marker' }
        : { infected: false },
    ),
  checkHealth: () => Promise.resolve('test scanner'),
};

interface Draft {
  readonly headers: string;
  readonly body?: string;
}

function render(draft: Draft): string {
  return `${draft.headers}Subject: verifica\r\nMessage-ID: <${Math.random()}@client.test>\r\n\r\n${draft.body ?? 'Testo\r\n'}`;
}

/** A body of about `bytes` bytes in 76-character lines (a big attachment, as far as size goes). */
function bulk(bytes: number): string {
  const line = `${'A'.repeat(76)}\r\n`;
  return line.repeat(Math.ceil(bytes / line.length));
}

describe('submission: every check of the access point over SMTP', { timeout: 300_000 }, () => {
  let dir: string;
  let ctx: ProviderContext;
  let running: RunningProvider;
  let ca: string;
  let exports = 0;

  const login = async (user: string): Promise<SmtpTranscript> => {
    const port = running.addresses.find((a) => a.name === 'submissions')?.port ?? 0;
    const t = await openSmtpTranscript({ host: '127.0.0.1', port, ca, implicitTls: true, timeoutMs: 60_000 });
    await t.expect(220);
    await t.send('EHLO client.test', 250);
    await t.send(`AUTH PLAIN ${Buffer.from(`\0${user}\0${password}`).toString('base64')}`, 235);
    return t;
  };
  /** MAIL, RCPTs (each expected 250), DATA; returns the final reply. */
  const submit = async (
    user: string,
    rcpt: readonly string[],
    content: string,
    code: number,
    text?: RegExp,
  ) => {
    const t = await login(user);
    try {
      await t.send(`MAIL FROM:<${user}>`, 250);
      for (const address of rcpt) await t.send(`RCPT TO:<${address}>`, 250);
      await t.send('DATA', 354);
      t.write(`${content.replace(/^\./gm, '..')}\r\n.\r\n`);
      return await t.expect(code, text);
    } finally {
      await t.close();
    }
  };
  const inbox = async (address: string) => {
    const out = join(dir, `export-${exports++}`);
    const list = await exportMailbox(ctx, { address, outDir: out, folder: 'INBOX' });
    return Promise.all(
      list.map(async (entry) => ({ ...entry, bytes: await readFile(join(out, entry.file)) })),
    );
  };
  /** What the access point itself writes to the sender's INBOX (deliveries add receipts meanwhile). */
  const accessPointNotices = async (address: string) => {
    const messages = await inbox(address);
    const described = await Promise.all(
      messages
        .filter((m) => m.type === 'accettazione' || m.type === 'non-accettazione')
        .map((m) => readPecMessage(m.bytes)),
    );
    return described;
  };
  /** Submits a formally wrong message; checks the 550, then the signed notice carrying its identifier. */
  const expectNonAcceptance = async (rcpt: readonly string[], content: string, reason: RegExp) => {
    const before = (await accessPointNotices(at('mario'))).length;
    const reply = await submit(at('mario'), rcpt, content, 550, /^5\.6\.0 /);
    assert.match(reply.text, reason);
    const identifier = /(opec\S+@pec\.checks\.localhost)/.exec(reply.text)?.[1];
    assert.ok(identifier !== undefined, reply.text);
    const after = await accessPointNotices(at('mario'));
    assert.equal(after.length, before + 1);
    const notice = after.find((d) => d.daticert?.identifier === identifier);
    assert.equal(notice?.type, 'non-accettazione');
    assert.equal(notice.signature.valid, true);
    assert.equal(notice.daticert?.error, 'altro');
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pec-checks-'));
    await initProvider({ dataDir: join(dir, 'data'), domain, providerName: 'Checks PEC' });
    ctx = await openProvider({
      dataDir: join(dir, 'data'),
      overrides: {
        ports: { submission: 0, submissions: 0, smtp: 0, imap: 0, imaps: 0, pop3: 0, pop3s: 0, http: 0 },
        limits: { maxRecipients: 50, maxRecipientsTimesSize: legalProduct, maxMessageBytes: legalProduct },
      },
    });
    ca = await readFile(join(dir, 'data', 'certs', 'ca.pem'), 'utf8');
    const accounts = createAccountService({ storage: ctx.storage, clock: ctx.clock });
    for (const local of ['mario', 'anna', 'bruno', 'sospeso', 'scaduto']) {
      await accounts.createMailbox({ address: at(local), password });
    }
    await accounts.createMailbox({ address: at('pieno'), password, quotaBytes: 1000 });
    await accounts.updateMailbox(at('sospeso'), { status: 'suspended' });
    await accounts.updateMailbox(at('scaduto'), { expiresAt: new Date(Date.now() - 86_400_000) });
    running = await serveProvider(
      ctx,
      createProviderServices(ctx, { pollMs: 50, virusScanner: markerScanner }),
      {
        closeTimeoutMs: 500,
      },
    );
  });
  after(async () => {
    await running.close();
    await ctx.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('accepts a correct message: 250 with the identifier, acceptance receipt in the INBOX', async () => {
    const reply = await submit(
      at('mario'),
      [at('anna'), at('bruno')],
      render({ headers: `From: Mario <${at('mario')}>\r\nTo: ${at('anna')}\r\nCc: ${at('bruno')}\r\n` }),
      250,
      /^2\.0\.0 Accepted as PEC message opec\S+@pec\.checks\.localhost/,
    );
    const identifier = /message (\S+?);/.exec(reply.text)?.[1];
    const receipts = (await accessPointNotices(at('mario'))).filter((d) => d.type === 'accettazione');
    assert.equal(receipts.length, 1);
    assert.equal(receipts[0]?.daticert?.identifier, identifier);
    assert.equal(receipts[0]?.signature.valid, true);
  });

  it('refuses a 100 KB header line (RFC 5322 §2.1.1) with a non-acceptance, as every MX would', async () => {
    await expectNonAcceptance(
      [at('anna')],
      render({ headers: `From: ${at('mario')}\r\nTo: ${at('anna')}\r\nX-Long: ${'x'.repeat(100_000)}\r\n` }),
      /longer than 1000 octets/,
    );
  });

  it('refuses MAIL FROM other than the authenticated mailbox before DATA, with no notice (553 5.7.1)', async () => {
    const before = (await accessPointNotices(at('mario'))).length;
    const t = await login(at('mario'));
    await t.send(
      `MAIL FROM:<${at('anna')}>`,
      553,
      /^5\.7\.1 sender address is not the authenticated mailbox/,
    );
    await t.close();
    assert.equal((await accessPointNotices(at('mario'))).length, before);
  });

  it('refuses a suspended box at AUTH (535), an expired one (550 5.7.1) and one over quota (552 5.2.2)', async () => {
    const port = running.addresses.find((a) => a.name === 'submissions')?.port ?? 0;
    const suspended = await openSmtpTranscript({ host: '127.0.0.1', port, ca, implicitTls: true });
    await suspended.expect(220);
    await suspended.send('EHLO client.test', 250);
    const token = Buffer.from(`\0${at('sospeso')}\0${password}`).toString('base64');
    await suspended.send(`AUTH PLAIN ${token}`, 535, /^5\.7\.8 .*suspended/);
    await suspended.close();
    // An expired box may still log in to read its mail, but not send (Super Ricezione, pec-spec §6.6).
    const expired = await login(at('scaduto'));
    await expired.send(`MAIL FROM:<${at('scaduto')}>`, 550, /^5\.7\.1 mailbox expired/);
    await expired.close();
    // Super Ricezione: the box over quota still receives (pec-spec §6.6) but can no longer send.
    await submit(
      at('mario'),
      [at('pieno')],
      render({ headers: `From: ${at('mario')}\r\nTo: ${at('pieno')}\r\n`, body: bulk(4000) }),
      250,
    );
    const deadline = Date.now() + 30_000;
    while ((await inbox(at('pieno'))).length === 0) {
      assert.ok(Date.now() < deadline, 'not delivered to the box over quota');
      await new Promise((r) => setTimeout(r, 100));
    }
    const t = await login(at('pieno'));
    await t.send(`MAIL FROM:<${at('pieno')}>`, 552, /^5\.2\.2 mailbox over quota/);
    await t.close();
  });

  it('From missing → non-acceptance', async () => {
    await expectNonAcceptance(
      [at('anna')],
      render({ headers: `To: ${at('anna')}\r\n` }),
      /From field is missing/,
    );
  });

  it('From with two addresses → non-acceptance', async () => {
    await expectNonAcceptance(
      [at('anna')],
      render({ headers: `From: ${at('mario')}, ${at('bruno')}\r\nTo: ${at('anna')}\r\n` }),
      /exactly one valid address/,
    );
  });

  it('From different from MAIL FROM → non-acceptance', async () => {
    await expectNonAcceptance(
      [at('anna')],
      render({ headers: `From: ${at('bruno')}\r\nTo: ${at('anna')}\r\n` }),
      /From address differs from the MAIL FROM/,
    );
  });

  it('To missing → non-acceptance', async () => {
    await expectNonAcceptance(
      [at('anna')],
      render({ headers: `From: ${at('mario')}\r\nCc: ${at('anna')}\r\n` }),
      /To field is missing/,
    );
  });

  it('a RCPT TO that is in neither To nor Cc (a hidden recipient) → non-acceptance', async () => {
    await expectNonAcceptance(
      [at('anna'), at('bruno')],
      render({ headers: `From: ${at('mario')}\r\nTo: ${at('anna')}\r\n` }),
      /RCPT TO recipients differ/,
    );
  });

  it('a To recipient without its RCPT TO → non-acceptance', async () => {
    await expectNonAcceptance(
      [at('anna')],
      render({ headers: `From: ${at('mario')}\r\nTo: ${at('anna')}, ${at('bruno')}\r\n` }),
      /RCPT TO recipients differ/,
    );
  });

  it('a Bcc field → non-acceptance', async () => {
    await expectNonAcceptance(
      [at('anna')],
      render({ headers: `From: ${at('mario')}\r\nTo: ${at('anna')}\r\nBcc: ${at('bruno')}\r\n` }),
      /Bcc recipients are not allowed/,
    );
  });

  it('a virus → 554 5.7.1 and the signed non-acceptance for virus', async () => {
    const reply = await submit(
      at('mario'),
      [at('anna')],
      render({ headers: `From: ${at('mario')}\r\nTo: ${at('anna')}\r\n`, body: `${virusMarker}\r\n` }),
      554,
      /^5\.7\.1 /,
    );
    const identifier = /(opec\S+@pec\.checks\.localhost)/.exec(reply.text)?.[1];
    const notice = (await accessPointNotices(at('mario'))).find((d) => d.daticert?.identifier === identifier);
    assert.equal(notice?.type, 'non-accettazione');
    assert.equal(notice.signature.valid, true);
    assert.equal(notice.daticert?.error, 'virus');
    // The infected submission is kept in the quarantine (30 months, DPR 68/2005 art. 12).
    const records = await ctx.storage.quarantine.list();
    assert.ok(
      records.some((r) => r.point === 'access' && r.sender === at('mario')),
      'quarantine record for the infected submission',
    );
  });

  it('refuses a malformed RCPT TO address (501 5.1.3)', async () => {
    const t = await login(at('mario'));
    await t.send(`MAIL FROM:<${at('mario')}>`, 250);
    await t.send('RCPT TO:<not an address@>', 501);
    await t.close();
  });

  it('accepts 50 recipients (the legal floor) and refuses the 51st with 452 4.5.3', async () => {
    const recipients = Array.from({ length: 50 }, (_, i) => `destinatario${i}@pec.esterno.example`);
    const t = await login(at('mario'));
    await t.send(`MAIL FROM:<${at('mario')}>`, 250);
    for (const address of recipients) await t.send(`RCPT TO:<${address}>`, 250);
    await t.send(
      'RCPT TO:<uno.di.troppo@pec.esterno.example>',
      452,
      /^4\.5\.3 too many recipients: at most 50/,
    );
    await t.send('DATA', 354);
    t.write(
      `${render({ headers: `From: ${at('mario')}\r\nTo: ${recipients.join(',\r\n ')}\r\n` })}\r\n.\r\n`,
    );
    await t.expect(250, /Accepted as PEC message/);
    await t.close();
  });

  it('accepts a 30 MiB recipients × size product (the legal floor) and refuses one above it', async () => {
    const external = ['a@pec.esterno.example', 'b@pec.esterno.example', 'c@pec.esterno.example'];
    const body = bulk(14 * mebibyte);
    await submit(
      at('mario'),
      external.slice(0, 2),
      render({ headers: `From: ${at('mario')}\r\nTo: ${external.slice(0, 2).join(', ')}\r\n`, body }),
      250,
    );
    await expectNonAcceptance(
      external,
      render({ headers: `From: ${at('mario')}\r\nTo: ${external.join(', ')}\r\n`, body }),
      /size times recipients exceeds 31457280 bytes/,
    );
  });

  it('refuses a declared SIZE above the limit before DATA (552)', async () => {
    const t = await login(at('mario'));
    await t.send(`MAIL FROM:<${at('mario')}> SIZE=${legalProduct + 1}`, 552);
    await t.close();
  });
});
