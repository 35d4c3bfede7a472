/**
 * The files of a log extract (decision 0022): `log-extract.json` (the extract, every link and
 * token), `log-extract.pdf` (for people; the JSON and the tokens attached inside it),
 * `log-extract.pdf.p7m` (the same PDF signed by the provider's key, CMS SignedData with the PDF
 * inside, the form Italian signature tools and `openssl smime -verify -inform DER` open) and
 * `tokens/<day>.tst` (each RFC 3161 token, for `openssl ts -verify`).
 */
import { envelopSignedContent, type Signer } from '@pec/core';
import {
  extractLog,
  type LogExtract,
  type LogExtractDependencies,
  type LogExtractSelection,
} from './extract-log.ts';
import { renderLogExtractPdf, type PdfAttachment } from './render-log-extract-pdf.ts';

export interface LogExtractExportDependencies extends LogExtractDependencies {
  readonly signer: Signer;
}

export interface LogExtractFile {
  /** Relative path inside the extract's folder. */
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly mimeType: string;
}

export interface LogExtractFiles {
  readonly extract: LogExtract;
  readonly json: LogExtractFile;
  readonly pdf: LogExtractFile;
  readonly signedPdf: LogExtractFile;
  readonly tokens: readonly LogExtractFile[];
  /** Every file above, in the order they are written. */
  readonly all: readonly LogExtractFile[];
}

export const logExtractFileNames = {
  json: 'log-extract.json',
  pdf: 'log-extract.pdf',
  signedPdf: 'log-extract.pdf.p7m',
} as const;

export async function exportLogExtract(
  deps: LogExtractExportDependencies,
  selection: LogExtractSelection,
): Promise<LogExtractFiles> {
  const extract = await extractLog(deps, selection);
  const json: LogExtractFile = {
    name: logExtractFileNames.json,
    bytes: new TextEncoder().encode(`${JSON.stringify(extract, null, 2)}\n`),
    mimeType: 'application/json',
  };
  const tokens: LogExtractFile[] = extract.seals.flatMap((seal) =>
    seal.token === null
      ? []
      : [
          {
            name: seal.token.fileName,
            bytes: new Uint8Array(Buffer.from(seal.token.der, 'base64')),
            mimeType: 'application/timestamp-reply',
          },
        ],
  );
  const attachments: PdfAttachment[] = [
    { ...json, description: 'The extract as JSON: entries, chain links, tokens, checks' },
    ...tokens.map((token) => ({
      ...token,
      name: token.name.replace('tokens/', ''),
      description: 'RFC 3161 time-stamp token (DER) of the day the file is named after',
    })),
  ];
  const pdfBytes = await renderLogExtractPdf(extract, attachments);
  const pdf: LogExtractFile = { name: logExtractFileNames.pdf, bytes: pdfBytes, mimeType: 'application/pdf' };
  const signature = await deps.signer.sign(pdfBytes, new Date(extract.generatedAt));
  const signedPdf: LogExtractFile = {
    name: logExtractFileNames.signedPdf,
    bytes: envelopSignedContent(signature, pdfBytes),
    mimeType: 'application/pkcs7-mime',
  };
  return { extract, json, pdf, signedPdf, tokens, all: [json, pdf, signedPdf, ...tokens] };
}
