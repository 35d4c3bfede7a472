// Deterministic fake mailboxes for the dev mock API: plausible Italian PEC traffic, any size.
import type { Address, Attachment, Folder, Message, MessageSummary, PecType } from '../src/api/contract.ts';

/** mulberry32: a small seeded PRNG, so every run and every test sees the same mailbox. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rnd: () => number, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)] as T;
}

const senders: readonly Address[] = [
  { name: 'Tribunale di Milano – Cancelleria civile', address: 'civile.tribunale.milano@giustiziacert.it' },
  { name: 'Agenzia delle Entrate', address: 'dp.milano@pce.agenziaentrate.it' },
  { name: 'INPS – Direzione provinciale', address: 'direzione.provinciale.roma@postacert.inps.gov.it' },
  { name: 'Studio Legale Rossi & Associati', address: 'segreteria@pec.studiorossi.it' },
  { name: 'Comune di Bologna – Protocollo generale', address: 'protocollogenerale@pec.comune.bologna.it' },
  { name: 'Ordine degli Avvocati di Roma', address: 'ordine@pec.ordineavvocatiroma.it' },
  { name: 'Camera di Commercio di Torino', address: 'cciaa.torino@to.legalmail.camcom.it' },
  { name: 'Bianchi Costruzioni S.r.l.', address: 'amministrazione@pec.bianchicostruzioni.it' },
  { name: 'Notaio Maria Conti', address: 'mconti@postacertificata.notariato.it' },
  { name: 'Agenzia delle Entrate-Riscossione', address: 'protocollo@pec.agenziariscossione.gov.it' },
  { name: 'Studio Commercialista Esposito', address: 'studio.esposito@pec.commercialisti.it' },
  { name: 'Ferrari Logistica S.p.A.', address: 'ufficio.legale@pec.ferrarilogistica.it' },
  { name: 'Avv. Giulia Romano', address: 'giulia.romano@pec.avvocatimilano.it' },
  { name: 'Università degli Studi di Padova', address: 'amministrazione.centrale@pec.unipd.it' },
];

const subjects: readonly string[] = [
  'Notifica ai sensi della L. 53/1994 – RG n. {n}/2026',
  'Fattura elettronica n. {n}/2026',
  'Convocazione assemblea ordinaria dei soci',
  'Avviso di pagamento – pratica {n}',
  'Comunicazione di cancelleria – Proc. n. {n}/2025',
  'Diffida e messa in mora',
  'Richiesta di documentazione integrativa',
  'Verbale di conciliazione – causa {n}',
  'Contratto di locazione: registrazione telematica',
  'Deposito atto di citazione – ricevuta',
  'Sollecito di pagamento entro 15 giorni',
  'Trasmissione parere legale sul contratto di fornitura',
  'Istanza di accesso agli atti ex L. 241/1990',
  'Cartella di pagamento n. {n} – avviso',
  'Offerta per la gara d’appalto CIG {n}',
  'Esito della verifica periodica – anno 2026',
];

const ownAddress: Address = { name: 'Mario Rossi', address: 'mario.rossi@pec.example.it' };
const providerAddress: Address = { name: 'Posta certificata', address: 'posta-certificata@pec.example.it' };

const inboxTypes: readonly [PecType, number][] = [
  ['posta-certificata', 0.46],
  ['avvenuta-consegna', 0.2],
  ['accettazione', 0.19],
  ['presa-in-carico', 0.03],
  ['ordinary', 0.05],
  ['anomalia', 0.02],
  ['errore-consegna', 0.02],
  ['preavviso-errore-consegna', 0.01],
  ['non-accettazione', 0.01],
  ['rilevazione-virus', 0.01],
];

const subjectPrefix: Partial<Record<PecType, string>> = {
  'posta-certificata': 'POSTA CERTIFICATA: ',
  accettazione: 'ACCETTAZIONE: ',
  'non-accettazione': 'AVVISO DI NON ACCETTAZIONE: ',
  'presa-in-carico': 'PRESA IN CARICO: ',
  'avvenuta-consegna': 'CONSEGNA: ',
  'errore-consegna': 'AVVISO DI MANCATA CONSEGNA: ',
  'preavviso-errore-consegna': 'AVVISO DI MANCATA CONSEGNA PER SUP. TEMPO MASSIMO: ',
  'rilevazione-virus': 'PROBLEMA DI SICUREZZA: ',
  anomalia: 'ANOMALIA MESSAGGIO: ',
};

function pickType(rnd: () => number): PecType {
  let roll = rnd();
  for (const [type, share] of inboxTypes) {
    if (roll < share) return type;
    roll -= share;
  }
  return 'posta-certificata';
}

const isReceipt = (type: PecType) =>
  type !== 'posta-certificata' && type !== 'ordinary' && type !== 'anomalia';

export interface FolderSpec {
  id: string;
  name: string;
  specialUse: Folder['specialUse'];
  size: number;
  seed: number;
}

export const folderSpecs: readonly FolderSpec[] = [
  { id: 'inbox', name: 'INBOX', specialUse: 'inbox', size: 100_000, seed: 1 },
  { id: 'sent', name: 'Sent', specialUse: 'sent', size: 2_400, seed: 2 },
  { id: 'drafts', name: 'Drafts', specialUse: 'drafts', size: 3, seed: 3 },
  { id: 'archive', name: 'Archive', specialUse: 'archive', size: 12_000, seed: 4 },
  { id: 'junk', name: 'Spam', specialUse: 'junk', size: 14, seed: 5 },
  { id: 'trash', name: 'Trash', specialUse: 'trash', size: 0, seed: 6 },
  { id: 'tribunale', name: 'Tribunale di Milano', specialUse: null, size: 320, seed: 7 },
  { id: 'clienti', name: 'Clienti – pratiche 2026', specialUse: null, size: 1_500, seed: 8 },
];

/** Summaries newest first, uid descending; the first `unread` are unread. */
export function generateSummaries(spec: FolderSpec, now: number): MessageSummary[] {
  const rnd = random(spec.seed);
  const out: MessageSummary[] = [];
  let time = now - 7 * 60_000;
  for (let i = 0; i < spec.size; i += 1) {
    const pecType: PecType =
      spec.specialUse === 'sent' || spec.specialUse === 'drafts' ? 'posta-certificata' : pickType(rnd);
    const base = pick(rnd, subjects).replace('{n}', String(100 + Math.floor(rnd() * 9900)));
    const sender =
      spec.specialUse === 'sent' || spec.specialUse === 'drafts'
        ? ownAddress
        : isReceipt(pecType)
          ? providerAddress
          : pick(rnd, senders);
    const seen = i >= 3 && rnd() > 0.04;
    const flags: MessageSummary['flags'] = seen ? ['seen'] : [];
    if (rnd() < 0.04) flags.push('flagged');
    const size = Math.round(2_000 * Math.exp(rnd() * 7));
    out.push({
      uid: spec.size - i,
      from: sender,
      subject: `${spec.specialUse === 'sent' ? '' : (subjectPrefix[pecType] ?? '')}${base}`,
      date: new Date(time).toISOString(),
      size,
      flags,
      pecType,
      hasAttachments: isReceipt(pecType) || rnd() < 0.55,
    });
    time -= Math.round(60_000 + rnd() * 40 * 60_000);
  }
  return out;
}

const attachmentNames = [
  'atto_di_citazione.pdf.p7m',
  'procura_alle_liti.pdf',
  'fattura_2026_0412.xml.p7m',
  'relazione_tecnica.pdf',
  'visura_camerale.pdf',
  'ricevuta_deposito.pdf',
];

/** The full message for a summary (bodies are generated on demand, never stored). */
export function generateMessage(folderId: string, summary: MessageSummary): Message {
  const rnd = random(summary.uid * 7919 + folderId.length);
  const attachments: Attachment[] = [];
  if (summary.pecType !== 'ordinary' && summary.pecType !== 'posta-certificata') {
    attachments.push({ id: 'daticert', name: 'daticert.xml', contentType: 'application/xml', size: 1_480 });
  }
  if (summary.pecType === 'posta-certificata' || summary.pecType === 'avvenuta-consegna') {
    attachments.push({
      id: 'postacert',
      name: 'postacert.eml',
      contentType: 'message/rfc822',
      size: summary.size - 2_000,
    });
  }
  if (summary.hasAttachments && summary.pecType === 'posta-certificata') {
    attachments.push({
      id: 'a1',
      name: pick(rnd, attachmentNames),
      contentType: 'application/pdf',
      size: Math.round(summary.size * 0.7),
    });
  }
  const receipt = isReceipt(summary.pecType);
  const date = new Date(summary.date).toLocaleString('it-IT', { timeZone: 'Europe/Rome' });
  const text = receipt
    ? `Ricevuta di ${summary.pecType}\n\nIl giorno ${date} il messaggio\n«${summary.subject.replace(/^[A-Z .:]+: /, '')}»\nproveniente da "${ownAddress.address}" ed indirizzato a:\n${summary.from.address}\nè stato accettato dal sistema ed inoltrato.\n\nIdentificativo messaggio: opec2101.20261207${String(summary.uid)}.${String(Math.floor(rnd() * 1e6))}@pec.example.it`
    : `Gentile Avvocato,\n\nin riferimento alla pratica in oggetto, si trasmette in allegato la documentazione richiesta.\nSi prega di voler dare riscontro entro 15 giorni dal ricevimento della presente.\n\nDistinti saluti,\n${summary.from.name}`;
  const html =
    !receipt && rnd() < 0.4
      ? `<p>Gentile Avvocato,</p><p>in riferimento alla pratica in oggetto, si trasmette la <strong>documentazione richiesta</strong>.</p><table><tr><th>Documento</th><th>Pagine</th></tr><tr><td>Relazione</td><td>12</td></tr><tr><td>Allegato A</td><td>3</td></tr></table><p style="color:red">Scadenza: 15 giorni.</p><img src="https://tracking.invalid/pixel.gif" alt="" width="1" height="1"><p>Distinti saluti,<br>${summary.from.name}</p><script>alert(1)</script>`
      : null;
  return {
    ...summary,
    folderId,
    to: [ownAddress],
    cc: rnd() < 0.2 ? [{ name: 'Segreteria', address: 'segreteria@pec.example.it' }] : [],
    text,
    html,
    attachments,
    messageId: `<m${String(summary.uid)}.${folderId}@pec.example.it>`,
    references: null,
  };
}
