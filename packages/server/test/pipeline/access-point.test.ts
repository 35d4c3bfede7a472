import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { getHeader, parseDaticert, parseMimeTree, readPecMessage } from '@pec/core';
import { refusalReply } from '../../src/protocols/smtp/refusal-reply.ts';
import type { Submission } from '../../src/services/pipeline/access-point/access-point.ts';
import {
  SubmissionRefusedError,
  createAccessPoint,
} from '../../src/services/pipeline/access-point/create-access-point.ts';
import { legalLogEvents } from '../../src/services/log-register/legal-log-events.ts';
import { storeMessage } from '../../src/services/mailboxes/store-message.ts';
import {
  createTestProvider,
  daticertOf,
  folderMessages,
  opensslVerifyProblem,
  renderTestMessage,
  xmllintProblem,
  type TestMessageInput,
  type TestProvider,
} from './create-test-provider.ts';
import { accessPointDependencies } from '../../src/app/service-dependencies.ts';

const mario = 'mario.rossi@pec.example.it';
const anna = 'anna.bianchi@pec.example.it';
const luca = 'luca.verdi@pec.example.it';
const providerName = 'Example PEC S.p.A.';

function submission(raw: Uint8Array, rcptTo: readonly string[], from = mario, user = from): Submission {
  return { authenticatedUser: user, mailFrom: from, rcptTo, raw, remoteAddress: '127.0.0.1', secure: true };
}

interface FormalCase {
  readonly name: string;
  readonly message: TestMessageInput;
  readonly rcptTo: readonly string[];
  readonly description: string;
}

const formalCases: readonly FormalCase[] = [
  { name: 'From missing', message: { from: null }, rcptTo: [anna], description: 'campo From assente' },
  {
    name: 'From with two addresses',
    message: { from: `${mario}, ${luca}` },
    rcptTo: [anna],
    description: 'il campo From deve contenere un solo indirizzo valido',
  },
  {
    name: 'From not an address',
    message: { from: 'Mario Rossi <mario.rossi@>' },
    rcptTo: [anna],
    description: 'il campo From deve contenere un solo indirizzo valido',
  },
  {
    name: 'From differs from MAIL FROM',
    message: { from: luca },
    rcptTo: [anna],
    description: 'il mittente (From) non coincide con il mittente della sessione SMTP (MAIL FROM)',
  },
  {
    name: 'To missing',
    message: { to: null, cc: anna },
    rcptTo: [anna],
    description: 'campo To assente o privo di indirizzi',
  },
  {
    name: 'invalid recipient',
    message: { to: `${anna}, someone@bad_domain` },
    rcptTo: [anna, 'someone@bad_domain'],
    description: 'indirizzo destinatario non valido: someone@bad_domain',
  },
  {
    name: 'RCPT TO lacks a Cc recipient',
    message: { cc: luca },
    rcptTo: [anna],
    description:
      'i destinatari della sessione SMTP (RCPT TO) non coincidono con i destinatari dei campi To e Cc',
  },
  {
    name: 'RCPT TO has an extra recipient',
    message: {},
    rcptTo: [anna, luca],
    description:
      'i destinatari della sessione SMTP (RCPT TO) non coincidono con i destinatari dei campi To e Cc',
  },
  {
    name: 'Bcc present',
    message: { bcc: luca },
    rcptTo: [anna],
    description: 'destinatari in copia nascosta (Bcc) non ammessi',
  },
  {
    name: 'size × recipients over the limit',
    message: { cc: luca, body: `${'x'.repeat(75)}\r\n`.repeat(40) },
    rcptTo: [anna, luca],
    description: 'dimensione del messaggio per numero di destinatari superiore al limite di 5000 byte',
  },
  {
    name: 'too many recipients',
    message: { cc: `${luca}, ${mario}` },
    rcptTo: [anna, luca, mario],
    description: 'numero di destinatari superiore al limite di 2',
  },
];

describe('access point: formal checks (pec-spec §2.2 step 2)', () => {
  let provider: TestProvider;

  before(async () => {
    provider = await createTestProvider({
      limits: { maxRecipients: 2, maxRecipientsTimesSize: 5000, maxMessageBytes: 20_000 },
    });
    for (const address of [mario, anna, luca]) await provider.addMailbox(address);
  });
  after(() => provider.close());

  it('accepts the well-formed case that the failing cases vary', async () => {
    const raw = renderTestMessage({ cc: luca, messageId: '<ok@mua.example>' });
    const outcome = await createAccessPoint(accessPointDependencies(provider.ctx)).submit(
      submission(raw, [anna.toUpperCase(), luca]),
    );
    assert.equal(outcome.kind, 'accepted');
    // Clean up so that every case below starts from an INBOX without notices.
    await provider.ctx.storage.transaction(async (tx) => {
      const inbox = (await tx.mailboxes.getFolder(
        (await tx.accounts.findMailboxByAddress(mario))!.id,
        'INBOX',
      ))!;
      await tx.mailboxes.setFlags(inbox.id, [{ from: 1 }], { mode: 'add', flags: ['\\Deleted'] });
      await tx.mailboxes.expunge(inbox.id);
    });
  });

  for (const testCase of formalCases) {
    it(`${testCase.name} → signed non-acceptance notice`, async () => {
      const before = (await folderMessages(provider, mario)).length;
      const jobsBefore = (await provider.ctx.storage.queue.list()).length;
      const raw = renderTestMessage(testCase.message);
      const outcome = await createAccessPoint(accessPointDependencies(provider.ctx)).submit(
        submission(raw, testCase.rcptTo),
      );
      assert.equal(outcome.kind, 'not-accepted');
      assert.equal(outcome.reason, 'formal');
      assert.equal(outcome.refusal.reason, 'malformed-message');
      assert.equal(outcome.refusal.notice, outcome.identifier);
      const reply = refusalReply(outcome.refusal);
      assert.equal(`${reply.code} ${reply.enhancedCode}`, '550 5.6.0');
      assert.ok(reply.text.includes(outcome.identifier));

      const inbox = await folderMessages(provider, mario);
      assert.equal(inbox.length, before + 1);
      const notice = inbox.at(-1)!;
      assert.equal(notice.message.pecType, 'non-accettazione');
      assert.equal(await opensslVerifyProblem(provider, notice.bytes), undefined);
      const daticertBytes = daticertOf(notice.bytes)!;
      assert.equal(await xmllintProblem(provider, daticertBytes), undefined);
      const daticert = parseDaticert(daticertBytes).daticert;
      assert.equal(daticert.type, 'non-accettazione');
      assert.equal(daticert.error, 'altro');
      assert.equal(daticert.identifier, outcome.identifier);
      assert.equal(daticert.extendedError, `5.6.0 - ${providerName} - ${testCase.description}`);
      const headers = parseMimeTree(notice.bytes).headers;
      assert.equal(getHeader(headers, 'to'), mario);
      assert.equal(getHeader(headers, 'x-verificasicurezza'), undefined);
      assert.equal((await provider.ctx.storage.queue.list()).length, jobsBefore);
      assert.equal(await provider.ctx.storage.tracking.get(outcome.identifier), undefined);
      const logged = await provider.ctx.storage.legalLog.search({ msgid: outcome.identifier });
      assert.deepEqual(
        logged.map((e) => e.eventType),
        [legalLogEvents.nonAcceptanceIssued],
      );
    });
  }

  it('a message over maxMessageBytes is refused at SMTP level, without a notice', async () => {
    const before = (await folderMessages(provider, mario)).length;
    const raw = renderTestMessage({ body: 'y'.repeat(25_000) });
    await assert.rejects(
      createAccessPoint(accessPointDependencies(provider.ctx)).submit(submission(raw, [anna])),
      (error: unknown) =>
        error instanceof SubmissionRefusedError &&
        error.refusal.reason === 'message-too-large' &&
        refusalReply(error.refusal).line.startsWith('552 5.3.4 '),
    );
    assert.equal((await folderMessages(provider, mario)).length, before);
  });

  it('checkRecipient refuses bad syntax and recipients beyond the limit', async () => {
    const ap = createAccessPoint(accessPointDependencies(provider.ctx));
    assert.equal(await ap.checkRecipient(anna, 0), undefined);
    assert.equal(await ap.checkRecipient(anna, 1), undefined);
    assert.deepEqual(await ap.checkRecipient(anna, 2), { reason: 'too-many-recipients', limit: 2 });
    assert.deepEqual(await ap.checkRecipient('no-at-sign', 0), {
      reason: 'invalid-address',
      address: 'no-at-sign',
    });
  });
});

describe('access point: sender checks and virus scan', () => {
  let provider: TestProvider;

  before(async () => {
    provider = await createTestProvider();
    for (const address of [mario, anna]) await provider.addMailbox(address);
  });
  after(() => provider.close());

  it('MAIL FROM must be the authenticated mailbox', async () => {
    const ap = createAccessPoint(accessPointDependencies(provider.ctx));
    assert.equal(await ap.checkSender(mario, mario.toUpperCase()), undefined);
    assert.deepEqual(await ap.checkSender(mario, anna), { reason: 'sender-not-holder', sender: anna });
    await assert.rejects(
      ap.submit(submission(renderTestMessage({ from: anna }), [anna], anna, mario)),
      SubmissionRefusedError,
    );
  });

  it('an over-quota mailbox cannot send but keeps its notices', async () => {
    const full = 'full@pec.example.it';
    const mailbox = await provider.addMailbox(full, { quotaBytes: 100 });
    await storeMessage(provider.ctx.storage, provider.ctx.blobs, {
      mailboxId: mailbox.id,
      folderName: 'INBOX',
      bytes: renderTestMessage({}),
      internalDate: provider.clock.now(),
    });
    const ap = createAccessPoint(accessPointDependencies(provider.ctx));
    assert.deepEqual(await ap.checkSender(full, full), { reason: 'quota-exceeded', operation: 'send' });
    await assert.rejects(
      ap.submit(submission(renderTestMessage({ from: full }), [anna], full)),
      (error: unknown) =>
        error instanceof SubmissionRefusedError && error.refusal.reason === 'quota-exceeded',
    );
  });

  it('expired and suspended mailboxes cannot send', async () => {
    const expired = 'expired@pec.example.it';
    const suspended = 'suspended@pec.example.it';
    await provider.addMailbox(expired, { expiresAt: new Date(provider.clock.now().getTime() - 1000) });
    await provider.addMailbox(suspended, { status: 'suspended' });
    const ap = createAccessPoint(accessPointDependencies(provider.ctx));
    // Super Ricezione: the refusal says until when the box receives (decision 0016).
    assert.deepEqual(await ap.checkSender(expired, expired), {
      reason: 'mailbox-expired',
      expiredOn: '2026-03-10',
      receivesUntil: '2026-06-08',
    });
    assert.deepEqual(await ap.checkSender(suspended, suspended), {
      reason: 'sending-disabled',
      cause: 'suspended',
    });
    assert.deepEqual(await ap.checkSender('nobody@pec.example.it', 'nobody@pec.example.it'), {
      reason: 'sender-unknown',
    });
  });

  it('an infected message gets the virus non-acceptance notice (pec-spec §3.3)', async () => {
    const scanned: number[] = [];
    const ap = createAccessPoint(
      accessPointDependencies(provider.ctx, {
        virusScanner: {
          scan: (bytes) => {
            scanned.push(bytes.length);
            const infected = Buffer.from(bytes).includes('EICAR-TEST');
            return Promise.resolve(infected ? { infected, signature: 'Eicar-Test-Signature' } : { infected });
          },
        },
      }),
    );
    const raw = renderTestMessage({ body: ' EICAR-TEST' });
    const outcome = await ap.submit(submission(raw, [anna]));
    assert.equal(outcome.kind, 'not-accepted');
    assert.equal(outcome.reason, 'virus');
    assert.deepEqual(outcome.refusal, {
      reason: 'virus-found',
      signature: 'Eicar-Test-Signature',
      notice: outcome.identifier,
    });
    assert.equal(refusalReply(outcome.refusal).line.slice(0, 9), '554 5.7.1');
    assert.deepEqual(scanned, [raw.length]);
    const notice = (await folderMessages(provider, mario)).at(-1)!;
    assert.equal(await opensslVerifyProblem(provider, notice.bytes), undefined);
    const read = await readPecMessage(notice.bytes, { trustAnchors: [provider.caDer] });
    assert.equal(read.type, 'non-accettazione');
    assert.equal(read.headers['X-VerificaSicurezza'], 'errore');
    assert.equal(read.daticert?.error, 'virus');
    assert.equal(
      read.daticert.extendedError,
      `5.7.1 - ${providerName} - rilevato virus Eicar-Test-Signature`,
    );
    assert.equal(await xmllintProblem(provider, daticertOf(notice.bytes)!), undefined);
    assert.equal((await folderMessages(provider, anna)).length, 0);
    assert.equal((await provider.ctx.storage.queue.list()).length, 0);

    const clean = await ap.submit(
      submission(renderTestMessage({ messageId: '<clean@mua.example>' }), [anna]),
    );
    assert.equal(clean.kind, 'accepted');
  });
});
