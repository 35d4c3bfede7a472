/**
 * The log extract for people (pdf-lib, standard Helvetica, A4), headings in Italian and English:
 * what was selected, the entries with their hashes, each daily seal (day, sealed head, TSA time,
 * number of links) and the checks made at extraction. The machine-readable extract (JSON, with every
 * link) and each RFC 3161 token are attached to the PDF as embedded files, so the signed PDF carries
 * the whole proof. The document dates are the extract's: the same extract renders the same PDF.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { Writer, printable } from '../pec-evidence/render-verification-pdf.ts';
import type { LogExtract } from './extract-log.ts';

export interface PdfAttachment {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly mimeType: string;
  readonly description: string;
}

const resultLabel = { pass: 'OK', fail: 'FALLITO / FAILED', 'not-checked': 'NON VERIFICATO / NOT CHECKED' };

function selectionLine(extract: LogExtract): string {
  const s = extract.selection;
  if ('message' in s) return `Messaggio / Message: ${s.message}`;
  const mailbox = s.mailbox === null ? '' : `, casella / mailbox ${s.mailbox}`;
  return `Periodo / Period: ${s.from} - ${s.to}${mailbox}`;
}

export async function renderLogExtractPdf(
  extract: LogExtract,
  attachments: readonly PdfAttachment[],
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const generated = new Date(extract.generatedAt);
  doc.setTitle('Estratto del registro dei log / Log register extract');
  doc.setAuthor(printable(extract.provider.name));
  doc.setProducer('pec-platform');
  doc.setCreator('pec-platform log extract');
  doc.setCreationDate(generated);
  doc.setModificationDate(generated);
  const w = new Writer(
    doc,
    await doc.embedFont(StandardFonts.Helvetica),
    await doc.embedFont(StandardFonts.HelveticaBold),
  );

  w.text('Estratto del registro dei log / Log register extract', { bold: true, size: 16 });
  w.space(6);
  w.text(`Gestore / Provider: ${extract.provider.name} (${extract.provider.domain})`);
  w.text(selectionLine(extract));
  w.text(`Generato il / Generated at: ${extract.generatedAt}`);
  w.text(`Voci / Entries: ${extract.entries.length}`);
  w.text(
    extract.allPassed
      ? 'Esito / Result: tutte le verifiche superate / every check passed'
      : 'Esito / Result: almeno una verifica fallita / at least one check failed',
    { bold: true },
  );
  w.space(4);
  w.text(
    "Ogni voce riporta l'hash del proprio contenuto e quello della voce precedente (catena di hash). " +
      'Ogni giorno la testa della catena è marcata temporalmente (RFC 3161). Ogni voce è coperta dalla ' +
      'marca del primo giorno la cui testa la segue; i collegamenti fino a quella testa sono nel file ' +
      'JSON allegato, le marche nei file .tst allegati. / Each entry carries the hash of its content ' +
      'and of the previous entry (hash chain); each day the chain head is time-stamped (RFC 3161). The ' +
      'links up to the sealed head are in the attached JSON, the tokens in the attached .tst files.',
    { gray: true },
  );
  w.text(`Hash: ${extract.hashEncoding}`, { gray: true });
  w.space(8);

  w.text('Verifiche / Checks', { bold: true, size: 12 });
  for (const check of extract.checks) {
    w.text(`${resultLabel[check.result]}  ${check.check}: ${check.detail}`, { indent: 8 });
  }
  w.space(8);

  w.text('Marche temporali giornaliere / Daily time stamps', { bold: true, size: 12 });
  if (extract.seals.length === 0) w.text('Nessuna / None', { indent: 8 });
  for (const seal of extract.seals) {
    w.space(3);
    w.text(seal.day === null ? 'Non ancora marcate / Not yet sealed' : `Giorno / Day ${seal.day}`, {
      bold: true,
      indent: 8,
    });
    w.text(
      `Voci / Entries ${seal.entrySeqs.join(', ')}; collegamenti / links ${seal.fromSeq}-${seal.throughSeq} (${seal.links.length})`,
      { indent: 20 },
    );
    w.text(`Testa / Head ${seal.throughSeq}: ${seal.headHash}`, { indent: 20, gray: true });
    if (seal.token !== null) {
      w.text(`TSA genTime ${seal.token.genTime}; file ${seal.token.fileName}`, { indent: 20 });
    }
  }
  w.space(8);

  w.text('Voci / Entries', { bold: true, size: 12 });
  for (const entry of extract.entries) {
    w.space(3);
    w.text(`${entry.seq}  ${entry.at}  ${entry.eventType}`, { bold: true, indent: 8 });
    w.text(`msgid ${entry.msgid}`, { indent: 20 });
    w.text(`${entry.sender} -> ${entry.recipients.join(', ')}`, { indent: 20 });
    if (entry.subject !== null) w.text(`Oggetto / Subject: ${entry.subject}`, { indent: 20 });
    if (entry.relatedMsgids.length > 0) {
      w.text(`Collegati / Related: ${entry.relatedMsgids.join(' ')}`, { indent: 20 });
    }
    if (entry.sendingProvider !== null) {
      w.text(`Gestore mittente / Sending provider: ${entry.sendingProvider}`, { indent: 20 });
    }
    w.text(`prevHash ${entry.prevHash}`, { indent: 20, gray: true });
    w.text(`hash ${entry.hash}`, { indent: 20, gray: true });
  }

  for (const file of attachments) {
    await doc.attach(file.bytes, file.name, {
      mimeType: file.mimeType,
      description: file.description,
      creationDate: generated,
      modificationDate: generated,
    });
  }
  return doc.save({ useObjectStreams: false });
}
