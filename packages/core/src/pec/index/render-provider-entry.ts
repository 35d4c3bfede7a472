/**
 * Renders one provider record of the index as LDIF (RFC 2849; pec-spec §7.1, §7.2): DN
 * `providerName=<name>,o=postacert`, object classes top + provider, SHA-1 hashes in upper-case hex as
 * in the RFC 6109 example, certificates as `providerCertificate;binary::` base64, lines folded at 76.
 */
import { createHash } from 'node:crypto';
import { indexVocabulary } from '../vocabulary.ts';

export interface ProviderEntryInput {
  readonly name: string;
  /** Secondary environment: the DN gains `providerUnit=<unit>,` and no LDIFLocationURL is written. */
  readonly unit?: string;
  readonly mailReceipt: string;
  readonly managedDomains: readonly string[];
  /** DER signing certificates. */
  readonly certificates: readonly Uint8Array[];
  readonly ldifLocationUrl?: string;
  readonly description?: string;
}

const lineWidth = 76;
const attributes = indexVocabulary.attributes;

/** RFC 4514 §2.4 escaping of an attribute value inside a DN. */
function escapeDnValue(value: string): string {
  return value
    .replace(/([,+"\\<>;=])/g, '\\$1')
    .replace(/^([ #])/, '\\$1')
    .replace(/ $/, '\\ ');
}

/** RFC 2849 SAFE-STRING: ASCII without NUL/CR/LF, not starting with space, ':' or '<', not ending in space. */
function isSafe(value: string): boolean {
  if (value.endsWith(' ')) return false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0 || code === 0x0a || code === 0x0d || code > 0x7f) return false;
    // SAFE-INIT-CHAR also excludes space, ':' and '<'.
    if (i === 0 && (code === 0x20 || code === 0x3a || code === 0x3c)) return false;
  }
  return true;
}

/** Folds a logical line: the first physical line holds 76 characters, continuations a space + 75. */
function fold(line: string): string {
  if (line.length <= lineWidth) return `${line}\n`;
  let out = `${line.slice(0, lineWidth)}\n`;
  for (let i = lineWidth; i < line.length; i += lineWidth - 1)
    out += ` ${line.slice(i, i + lineWidth - 1)}\n`;
  return out;
}

function textLine(name: string, value: string): string {
  return fold(
    isSafe(value) ? `${name}: ${value}` : `${name}:: ${Buffer.from(value, 'utf8').toString('base64')}`,
  );
}

export function renderProviderEntry(provider: ProviderEntryInput): string {
  const providerRdn = `${attributes.providerName}=${escapeDnValue(provider.name)}`;
  const unitRdn =
    provider.unit === undefined ? '' : `${attributes.providerUnit}=${escapeDnValue(provider.unit)},`;
  let out = textLine('dn', `${unitRdn}${providerRdn},${indexVocabulary.base}`);
  out += textLine('objectClass', 'top');
  out += textLine('objectClass', indexVocabulary.providerClass);
  out += textLine(attributes.providerName, provider.name);
  if (provider.unit !== undefined) out += textLine(attributes.providerUnit, provider.unit);
  if (provider.description !== undefined) out += textLine(attributes.description, provider.description);
  out += textLine(attributes.mailReceipt, provider.mailReceipt);
  for (const domain of provider.managedDomains) out += textLine(attributes.managedDomains, domain);
  for (const certificate of provider.certificates) {
    const hash = createHash('sha1').update(certificate).digest('hex').toUpperCase();
    out += textLine(attributes.providerCertificateHash, hash);
  }
  for (const certificate of provider.certificates) {
    out += fold(`${attributes.providerCertificate};binary:: ${Buffer.from(certificate).toString('base64')}`);
  }
  // pec-spec §7.2: LDIFLocationURL must not appear on secondary-environment entries.
  if (provider.ldifLocationUrl !== undefined && provider.unit === undefined) {
    out += textLine(attributes.ldifLocationUrl, provider.ldifLocationUrl);
  }
  return out;
}
