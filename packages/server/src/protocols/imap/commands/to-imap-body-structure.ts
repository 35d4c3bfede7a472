/**
 * The stored MIME tree (ports/mailbox-store.ts `MimeStructure`) as the FETCH BODY / BODYSTRUCTURE value
 * (RFC 9051 §7.5.2, RFC 3501 §7.4.2): media types and parameters as stored, `7bit` for a missing
 * transfer encoding, a `charset us-ascii` default for text parts without parameters (RFC 2045 §5.2,
 * as Dovecot answers), line counts for text and embedded messages, and the embedded message's
 * envelope and structure for message/rfc822 (e.g. a PEC postacert.eml). No message bytes are read.
 */
import type { MimeStructure } from '../../../ports/mailbox-store.ts';
import type { ImapBodyParameter, ImapBodyStructure } from '../grammar/index.ts';
import { toImapEnvelope } from './to-imap-envelope.ts';

/** Parameters as stored; the charset value lower-cased, as Dovecot answers. */
function toParameters(params: Readonly<Record<string, string>>): ImapBodyParameter[] {
  return Object.entries(params).map(([name, value]) => ({
    name,
    value: name === 'charset' ? value.toLowerCase() : value,
  }));
}

function extension(structure: MimeStructure) {
  return {
    disposition:
      structure.disposition === null
        ? null
        : { type: structure.disposition.type, parameters: toParameters(structure.disposition.params) },
    language: structure.language,
    location: structure.location,
  };
}

/** Nesting bound: deeper trees than this are served as opaque parts (the parser caps depth too). */
const maxDepth = 64;

function convert(structure: MimeStructure, depth: number): ImapBodyStructure {
  if (structure.type === 'multipart' && depth < maxDepth) {
    return {
      kind: 'multipart',
      subtype: structure.subtype,
      parts: structure.parts.map((part) => convert(part, depth + 1)),
      parameters: toParameters(structure.params),
      ...extension(structure),
    };
  }
  const isText = structure.type === 'text';
  let parameters = toParameters(structure.params);
  if (isText && parameters.length === 0) parameters = [{ name: 'charset', value: 'us-ascii' }];
  const embedded = structure.message;
  return {
    kind: 'single',
    type: structure.type,
    subtype: structure.subtype,
    parameters,
    id: structure.id,
    description: structure.description,
    encoding: structure.encoding ?? '7bit',
    size: structure.size,
    ...(structure.lines === null ? {} : { lines: structure.lines }),
    ...(embedded === null || depth >= maxDepth
      ? {}
      : {
          message: {
            envelope: toImapEnvelope(embedded.envelope),
            body: convert(embedded.structure, depth + 1),
          },
        }),
    md5: null,
    ...extension(structure),
  };
}

export function toImapBodyStructure(structure: MimeStructure): ImapBodyStructure {
  return convert(structure, 0);
}
