/**
 * The reader: any raw message in, a typed description out (pec-spec §2.3, §3, §4, §8.4). It never
 * throws on real-world input: every oddity becomes an entry of `errors`. Signature checks run on the
 * raw bytes; nothing is re-serialised. A standalone daticert.xml is also described.
 */
import { getHeader } from '../../mail/header-block.ts';
import { summarizeMessage, type MessageSummary } from '../../mail/message-summary.ts';
import { parseMimeTree, type MimeNode } from '../../mail/parse-mime-tree.ts';
import { readBodyBytes } from '../../mail/read-text-body.ts';
import { decodeEncodedWords } from '../../mail/decode-encoded-words.ts';
import { parseAddress } from '../../mail/parse-address-list.ts';
import {
  absentSignatureReport,
  type SignatureReport,
  type VerifyOptions,
} from '../../smime/signature-report.ts';
import { verifySignedMessage } from '../../smime/verify-signed-message.ts';
import { parseDaticert, type DaticertFields } from '../daticert/parse-daticert.ts';
import { stripAngleBrackets } from '../identifiers/message-id.ts';
import { pecHeaders, readerTypes, transportValues, type MessageKind } from '../vocabulary.ts';
import { classifyMessage } from './classify-message.ts';
import { locatePecParts } from './locate-pec-parts.ts';

export interface DaticertReport extends DaticertFields {
  readonly wellFormed: boolean;
  readonly problems: readonly string[];
}

export interface PartDescription {
  readonly path: string;
  readonly contentType: string;
  readonly filename: string | undefined;
  readonly size: number;
}

export interface PecMessageDescription {
  readonly type: MessageKind;
  /** The PEC header fields as written (`X-Trasporto`, `X-Ricevuta`, `X-TipoRicevuta`, …). */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly subject: string | undefined;
  /** The `From:` address of the message itself (the provider's service address on PEC messages). */
  readonly from: string | undefined;
  readonly messageId: string | undefined;
  readonly signature: SignatureReport;
  readonly daticert: DaticertReport | null;
  /** The PEC identifier of the transport envelope, without angle brackets (pec-spec §6.1). */
  readonly identificativo: string | undefined;
  /** The original Message-ID, with angle brackets. */
  readonly msgid: string | undefined;
  /** The carried original (postacert.eml), summarised. */
  readonly original: MessageSummary | null;
  /** The top-level parts of the signed body. */
  readonly parts: readonly PartDescription[];
  readonly errors: readonly string[];
}

export interface ReadOptions extends VerifyOptions {
  /** Skip signature verification (fast listing). */
  readonly skipSignature?: boolean;
  /**
   * The signature of the signed-data that encapsulates this message (a `.p7m`, RFC 5652 §5.2): it
   * signs these very bytes, so it stands for the message's own and is not looked for again.
   */
  readonly enclosingSignature?: SignatureReport;
}

/** A standalone daticert.xml (UTF-8 or, with a byte-order mark, UTF-16) rather than a message. */
function looksLikeXml(bytes: Uint8Array): boolean {
  const encoding =
    bytes[0] === 0xfe && bytes[1] === 0xff
      ? 'utf-16be'
      : bytes[0] === 0xff && bytes[1] === 0xfe
        ? 'utf-16le'
        : 'latin1';
  const head = new TextDecoder(encoding)
    .decode(bytes.subarray(0, 128))
    .replace(/^\uFEFF|^ï»¿/, '')
    .trimStart();
  return head.startsWith('<?xml') || head.startsWith('<postacert');
}

function describeParts(body: MimeNode): PartDescription[] {
  const nodes = body.contentType.type === 'multipart' ? body.children : [body];
  return nodes.map((node) => ({
    path: node.path,
    contentType: node.contentType.value,
    filename: node.filename,
    size: node.bodyEnd - node.bodyStart,
  }));
}

function readStandaloneDaticert(bytes: Uint8Array): PecMessageDescription {
  const parsed = parseDaticert(bytes);
  const daticert: DaticertReport = {
    ...parsed.daticert,
    wellFormed: parsed.wellFormed,
    problems: parsed.problems,
  };
  return {
    type: parsed.daticert.type ?? readerTypes.ordinary,
    headers: {},
    subject: parsed.daticert.subject,
    from: undefined,
    messageId: undefined,
    signature: absentSignatureReport(['a standalone daticert.xml carries no signature']),
    daticert,
    identificativo: parsed.daticert.identifier,
    msgid: parsed.daticert.msgid,
    original: null,
    parts: [],
    errors: ['input is a standalone daticert.xml, not a message', ...parsed.problems],
  };
}

/** The PEC parts of a parsed message, its daticert.xml read, and the type they give (pec-spec §3.10). */
function classifyParsed(bytes: Uint8Array, root: MimeNode) {
  const located = locatePecParts(root);
  let daticert: DaticertReport | null = null;
  if (located.daticert !== undefined) {
    const parsed = parseDaticert(readBodyBytes(bytes, located.daticert));
    daticert = { ...parsed.daticert, wellFormed: parsed.wellFormed, problems: parsed.problems };
  }
  return { located, daticert, classification: classifyMessage(root.headers, daticert?.type) };
}

/**
 * The `type` that `readPecMessage(bytes)` gives, from the tree the caller already parsed from these
 * bytes: for a caller that needs only the type, the message is not parsed a second time and its
 * original and parts are not described.
 */
export function readPecType(bytes: Uint8Array, root: MimeNode): MessageKind {
  if (looksLikeXml(bytes)) return parseDaticert(bytes).daticert.type ?? readerTypes.ordinary;
  return classifyParsed(bytes, root).classification.type;
}

export async function readPecMessage(
  bytes: Uint8Array,
  options: ReadOptions = {},
): Promise<PecMessageDescription> {
  if (looksLikeXml(bytes)) return readStandaloneDaticert(bytes);
  const errors: string[] = [];
  const root = parseMimeTree(bytes);
  if (root.headers.fields.length === 0) errors.push('no header fields: not a MIME message');
  const { located, daticert, classification } = classifyParsed(bytes, root);
  errors.push(...located.problems);
  if (daticert !== null && !daticert.wellFormed) {
    errors.push(`daticert.xml is not well formed: ${daticert.problems.join('; ')}`);
  }
  errors.push(...classification.problems);
  const isPec = classification.type !== readerTypes.ordinary;
  if (isPec && classification.type !== readerTypes.anomaly && daticert === null) {
    errors.push('PEC message without daticert.xml');
  }
  if (isPec && located.original === undefined && classification.type === transportValues.certified) {
    errors.push('transport envelope without postacert.eml');
  }

  const signature =
    options.enclosingSignature ??
    (options.skipSignature === true
      ? absentSignatureReport(['signature not checked'])
      : await verifySignedMessage(bytes, options));
  if (isPec && !signature.present) errors.push('PEC message without signature');
  else if (signature.present && !signature.valid) errors.push(...signature.errors);

  const header = (name: string): string | undefined => getHeader(root.headers, name);
  const referenced = header(pecHeaders.referenceMessageId)?.trim();
  const messageId = header('Message-ID')?.trim();
  const identificativo =
    daticert?.identifier ??
    (classification.type === transportValues.certified && messageId !== undefined
      ? stripAngleBrackets(messageId)
      : undefined);
  const rawSubject = header('Subject');

  return {
    type: classification.type,
    headers: {
      [pecHeaders.transport]: classification.transportHeader,
      [pecHeaders.receipt]: classification.receiptHeader,
      [pecHeaders.receiptType]: header(pecHeaders.receiptType)?.trim(),
      [pecHeaders.securityCheck]: header(pecHeaders.securityCheck)?.trim(),
      [pecHeaders.referenceMessageId]: referenced,
      [pecHeaders.originalSender]: header(pecHeaders.originalSender)?.trim(),
    },
    subject: rawSubject === undefined ? undefined : decodeEncodedWords(rawSubject).trim(),
    from: parseAddress(header('From'))?.address,
    messageId,
    signature,
    daticert,
    identificativo,
    msgid: daticert?.msgid ?? referenced,
    original: located.original === undefined ? null : summarizeMessage(bytes, located.original),
    parts: describeParts(located.body),
    errors,
  };
}
