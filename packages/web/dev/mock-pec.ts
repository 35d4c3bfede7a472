// Dev mock of the PEC routes (GET …/pec, …/receipts, …/evidence) over the generated mailboxes:
// realistic PEC details for each kind (signature by a provider in the index, daticert facts), a
// dossier for every sent message (one recipient delivered, one PEC recipient with a 12 h warning
// then delivered, one ordinary-mail recipient), and a (tiny, empty) zip for the evidence download.
import type { MessageLink, MessageSummary, PecDetails, ReceiptsDossier } from '../src/api/contract.ts';

const own = 'mario.rossi@pec.example.it';
const receiptKinds = new Set([
  'accettazione',
  'non-accettazione',
  'presa-in-carico',
  'avvenuta-consegna',
  'errore-consegna',
  'preavviso-errore-consegna',
  'rilevazione-virus',
]);

export function isMockReceipt(summary: MessageSummary): boolean {
  return receiptKinds.has(summary.pecType);
}

/** An empty zip archive (end-of-central-directory record only). */
const emptyZip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(18)]);

function link(folderId: string, summary: MessageSummary): MessageLink {
  return {
    folderId,
    uid: summary.uid,
    pecType: summary.pecType,
    subject: summary.subject,
    date: summary.date,
  };
}

function identifierOf(summary: MessageSummary): string {
  const stamp = summary.date.replace(/[-:T]/g, '').slice(0, 14);
  return `opec2101.${stamp}.${String(4000 + (summary.uid % 997))}.${String(summary.uid)}.1.66@pec.example.it`;
}

function italianParts(iso: string): { day: string; time: string; zone: string } {
  const date = new Date(iso);
  const local = new Date(date.getTime() + 3_600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return {
    day: `${two(local.getUTCDate())}/${two(local.getUTCMonth() + 1)}/${String(local.getUTCFullYear())}`,
    time: `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}`,
    zone: '+0100',
  };
}

export interface MockPecAnswer {
  readonly status: number;
  readonly body?: unknown;
  readonly zip?: Buffer;
}

export function createMockPec(summaries: ReadonlyMap<string, readonly MessageSummary[]>) {
  const sent = summaries.get('sent') ?? [];
  const inbox = summaries.get('inbox') ?? [];
  const find = (folderId: string, uid: number) => summaries.get(folderId)?.find((m) => m.uid === uid);
  /** The sent message a receipt proves: a stable pick among the sent ones. */
  const provedBy = (receipt: MessageSummary) => sent[receipt.uid % Math.max(1, sent.length)];
  const receiptFor = (message: MessageSummary, kind: string, offset: number) => {
    const candidates = inbox.filter((m) => m.pecType === kind);
    return candidates[(message.uid + offset) % Math.max(1, candidates.length)];
  };

  function details(folderId: string, message: MessageSummary): PecDetails {
    const isSent = folderId === 'sent';
    const proved = isMockReceipt(message) ? provedBy(message) : undefined;
    const when = italianParts(message.date);
    const signed = message.pecType !== 'ordinary' && !isSent;
    const identifier = identifierOf(proved ?? message);
    return {
      kind: message.pecType,
      receiptVariant:
        message.pecType === 'avvenuta-consegna' || message.pecType === 'posta-certificata'
          ? 'completa'
          : null,
      virus: message.pecType === 'rilevazione-virus',
      signature: {
        present: signed,
        valid: signed && message.pecType !== 'anomalia',
        signer: signed ? 'CN=posta-certificata@pec.example.it, O=PEC Example S.p.A., C=IT' : null,
        signerEmail: signed ? 'posta-certificata@pec.example.it' : null,
        provider: signed ? 'PEC Example S.p.A.' : null,
        signingTime: signed ? message.date : null,
        certificateValidAtSigningTime: signed ? true : null,
        chainValid: null,
        revocation: signed
          ? { status: 'good', source: 'crl', checkedAt: message.date, revokedAt: null, detail: null }
          : null,
        digestAlgorithm: signed ? 'sha256' : null,
        errors: [],
      },
      daticert:
        message.pecType === 'ordinary' || isSent || message.pecType === 'anomalia'
          ? null
          : {
              type: message.pecType,
              error: message.pecType === 'errore-consegna' ? 'no-dest' : 'nessuno',
              sender: isMockReceipt(message) ? own : message.from.address,
              recipients: [
                {
                  address: isMockReceipt(message) ? 'segreteria@pec.studiorossi.it' : own,
                  kind: 'certificato',
                },
              ],
              subject: message.subject.replace(/^[A-Z .:]+: /, ''),
              issuer: 'PEC Example S.p.A.',
              ...when,
              identifier,
              msgid: `<${String(message.uid)}.5f3a@studio.example.it>`,
              receiptVariant: message.pecType === 'avvenuta-consegna' ? 'completa' : null,
              delivery: message.pecType === 'avvenuta-consegna' ? 'segreteria@pec.studiorossi.it' : null,
              takenInCharge: [],
              extendedError: message.pecType === 'errore-consegna' ? '5.1.1 - Utente non riconosciuto' : null,
              wellFormed: true,
              problems: [],
            },
      identifier,
      sent: isSent ? { identifier, acceptedAt: message.date } : null,
      proves: proved === undefined ? null : link('sent', proved),
      errors: message.pecType === 'anomalia' ? ['signature of an unknown signer'] : [],
      checkedAt: new Date().toISOString(),
    };
  }

  function dossier(message: MessageSummary): ReceiptsDossier {
    const at = (minutes: number) => new Date(Date.parse(message.date) + minutes * 60_000).toISOString();
    const receipt = (kind: string, offset: number) => {
      const found = receiptFor(message, kind, offset);
      return found === undefined ? null : link('inbox', found);
    };
    const accepted = {
      step: 'accepted' as const,
      at: at(0),
      detail: null,
      receipt: receipt('accettazione', 0),
    };
    return {
      identifier: identifierOf(message),
      subject: message.subject,
      acceptedAt: at(0),
      message: link('sent', message),
      recipients: [
        {
          address: 'segreteria@pec.studiorossi.it',
          kind: 'certificato',
          status: 'delivered',
          steps: [
            accepted,
            { step: 'taken-in-charge', at: at(0.2), detail: null, receipt: null },
            { step: 'delivered', at: at(0.3), detail: null, receipt: receipt('avvenuta-consegna', 0) },
          ],
        },
        {
          address: 'protocollo@pec.comune.bologna.it',
          kind: 'certificato',
          status: 'delivered',
          steps: [
            accepted,
            { step: 'taken-in-charge', at: at(1), detail: null, receipt: null },
            {
              step: 'timeout-12h',
              at: at(720),
              detail: null,
              receipt: receipt('preavviso-errore-consegna', 0),
            },
            { step: 'delivered', at: at(790), detail: null, receipt: receipt('avvenuta-consegna', 1) },
          ],
        },
        {
          address: 'info@fornitore.example.com',
          kind: 'esterno',
          status: 'accepted',
          steps: [accepted],
        },
      ],
      receipts: [],
      envelopeAvailable: true,
    };
  }

  /** Answers a PEC route, or undefined when the path is not one. */
  return function answer(path: string): MockPecAnswer | undefined {
    const match = /^\/messages\/([^/]+)\/(\d+)\/(pec|receipts|evidence)$/.exec(path);
    if (match === null) return undefined;
    const folderId = decodeURIComponent(match[1] ?? '');
    const message = find(folderId, Number(match[2]));
    if (message === undefined) return { status: 404 };
    const route = match[3];
    if (route === 'pec') return { status: 200, body: details(folderId, message) };
    const sentMessage =
      folderId === 'sent' ? message : isMockReceipt(message) ? provedBy(message) : undefined;
    if (sentMessage === undefined) return { status: 404 };
    if (route === 'receipts') return { status: 200, body: dossier(sentMessage) };
    return { status: 200, zip: emptyZip };
  };
}
