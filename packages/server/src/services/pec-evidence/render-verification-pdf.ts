/**
 * verification.pdf: the verification report for people (pdf-lib, its standard Helvetica fonts, A4).
 * The same facts as verification.json, in the same order; the document dates are the report's, so
 * the same report renders the same PDF.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { VerificationReport } from './verification-report.ts';

const pageSize: [number, number] = [595.28, 841.89];
const margin = 50;
const bodySize = 9.5;
const lineGap = 3.5;

/** Standard fonts write WinAnsi: anything outside Latin-1 becomes `?`. */
export function printable(text: string): string {
  return text.normalize('NFC').replace(/[^\x20-\x7e\xa0-\xff]/g, '?');
}

export class Writer {
  private page: PDFPage;
  private y: number;
  private readonly doc: PDFDocument;
  private readonly regular: PDFFont;
  private readonly bold: PDFFont;

  constructor(doc: PDFDocument, regular: PDFFont, bold: PDFFont) {
    this.doc = doc;
    this.regular = regular;
    this.bold = bold;
    this.page = doc.addPage(pageSize);
    this.y = pageSize[1] - margin;
  }

  private wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const lines: string[] = [];
    let line = '';
    for (const word of printable(text).split(/\s+/)) {
      let piece = word;
      // A word wider than the line (a hash, an identificativo) is cut where it overflows.
      while (font.widthOfTextAtSize(piece, size) > width) {
        let cut = piece.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(piece.slice(0, cut), size) > width) cut--;
        if (line !== '') lines.push(line);
        lines.push(piece.slice(0, cut));
        line = '';
        piece = piece.slice(cut);
      }
      const candidate = line === '' ? piece : `${line} ${piece}`;
      if (font.widthOfTextAtSize(candidate, size) > width) {
        lines.push(line);
        line = piece;
      } else line = candidate;
    }
    if (line !== '') lines.push(line);
    return lines;
  }

  text(text: string, options: { bold?: boolean; size?: number; indent?: number; gray?: boolean } = {}): void {
    const font = options.bold === true ? this.bold : this.regular;
    const size = options.size ?? bodySize;
    const indent = options.indent ?? 0;
    for (const line of this.wrap(text, font, size, pageSize[0] - 2 * margin - indent)) {
      if (this.y - size < margin) {
        this.page = this.doc.addPage(pageSize);
        this.y = pageSize[1] - margin;
      }
      this.y -= size;
      this.page.drawText(line, {
        x: margin + indent,
        y: this.y,
        size,
        font,
        color: options.gray === true ? rgb(0.35, 0.35, 0.35) : rgb(0, 0, 0),
      });
      this.y -= lineGap;
    }
  }

  space(points: number): void {
    this.y -= points;
  }
}

const resultLabel = { pass: 'PASS', fail: 'FAIL', 'not-checked': 'NOT CHECKED' } as const;

export async function renderVerificationPdf(report: VerificationReport): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const generated = new Date(report.generatedAt);
  doc.setTitle(`PEC evidence ${report.identifier}`);
  doc.setAuthor(printable(report.provider));
  doc.setProducer('pec-platform');
  doc.setCreator('pec-platform evidence pack');
  doc.setCreationDate(generated);
  doc.setModificationDate(generated);
  const w = new Writer(
    doc,
    await doc.embedFont(StandardFonts.Helvetica),
    await doc.embedFont(StandardFonts.HelveticaBold),
  );

  w.text('PEC evidence pack: verification report', { bold: true, size: 16 });
  w.space(6);
  w.text(`Provider: ${report.provider}`);
  w.text(`Holder: ${report.holder}`);
  w.text(`Identificativo: ${report.identifier}`);
  w.text(`Subject: ${report.subject ?? ''}`);
  w.text(`Accepted at: ${report.acceptedAt}`);
  w.text(`Report generated at: ${report.generatedAt}`);
  w.text(`Overall: ${report.allPassed ? 'every check passed' : 'at least one check failed'}`, { bold: true });
  w.space(4);
  w.text(report.method, { gray: true });
  w.space(8);

  w.text('Recipients', { bold: true, size: 12 });
  for (const recipient of report.recipients) {
    w.text(`${recipient.address} (${recipient.kind}): ${recipient.status}`, { bold: true, indent: 8 });
    for (const step of recipient.steps) {
      w.text(`${step.at}  ${step.step}${step.detail === null ? '' : ` - ${step.detail}`}`, { indent: 20 });
    }
  }
  w.space(8);

  w.text('Files', { bold: true, size: 12 });
  for (const file of report.files) {
    w.space(4);
    w.text(
      `${file.name} (${file.role}${file.pecType === null ? '' : `, ${file.pecType}`}, ${String(file.size)} bytes)`,
      {
        bold: true,
        indent: 8,
      },
    );
    w.text(`SHA-256 ${file.sha256}`, { indent: 20, gray: true });
    for (const check of file.checks) {
      w.text(`${resultLabel[check.result]}  ${check.check}: ${check.detail}`, { indent: 20 });
    }
  }
  return doc.save({ useObjectStreams: false });
}
