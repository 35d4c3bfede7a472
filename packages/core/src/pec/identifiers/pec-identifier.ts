/**
 * The PEC identifier (`identificativo`, pec-spec §6.1): `[alphanumeric]@[provider mail domain]`,
 * unique per provider. We use the opec-like shape of real providers, with only [A-Za-z0-9.]
 * before the `@`, and the Italian legal time of the transaction (pec-spec §6.2):
 *
 *   opec1.<YYYYMMDDhhmmss>.<node>.<sequence>.1.<nonce>@<domain>
 *
 * `opec1` is fixed (1 = version of this format); node and sequence are decimal integers without
 * leading zeros; nonce is [A-Za-z0-9]{1,32}, `0` when not given. Fields are dot-separated and
 * dot-free, so the string is unique for each distinct (node, sequence) whatever the rest.
 */
import { stripAngleBrackets } from './message-id.ts';
import { toItalianDateTime } from '../time/italian-time.ts';

export interface PecIdentifierInput {
  /** The issuing node's message counter: a non-negative integer, never reused by that node. */
  readonly sequence: number | bigint;
  /** The transaction's single time reference (pec-spec §6.2). */
  readonly instant: Date;
  /** Non-negative safe integer naming the issuing node or process. */
  readonly node: number;
  /** The provider mail domain (pec-spec §6.1), a host name. */
  readonly domain: string;
  /** Optional extra field, [A-Za-z0-9]{1,32}; `0` when absent. */
  readonly nonce?: string | undefined;
}

/** The parts of an identifier in our format. */
export interface PecIdentifierParts {
  /** YYYYMMDDhhmmss, Italian legal time. */
  readonly stamp: string;
  readonly node: number;
  readonly sequence: bigint;
  readonly nonce: string;
  readonly domain: string;
}

/** The fixed first field of our identifiers. */
export const pecIdentifierPrefix = 'opec1';
const nonceSyntax = /^[A-Za-z0-9]{1,32}$/;
const label = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const domainSyntax = new RegExp(`^${label}(?:\\.${label})*$`);
const ourFormat = /^opec1\.(\d{14})\.(0|[1-9]\d*)\.(0|[1-9]\d*)\.1\.([A-Za-z0-9]{1,32})@(.+)$/;
const pecIdentifierSyntax = /^[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*@(.+)$/;

/** True for a host name of dot-separated LDH labels, at most 253 characters. */
function isHostName(domain: string): boolean {
  return domain.length <= 253 && domainSyntax.test(domain);
}

function checkedSequence(sequence: number | bigint): bigint {
  if (typeof sequence === 'bigint') {
    if (sequence < 0n) throw new RangeError('PEC identifier: sequence must not be negative');
    return sequence;
  }
  if (!Number.isSafeInteger(sequence) || sequence < 0) {
    throw new RangeError(`PEC identifier: sequence ${sequence} is not a non-negative safe integer`);
  }
  return BigInt(sequence);
}

/**
 * Builds an identifier in our opec format (see the module comment). Throws RangeError for a
 * negative or non-integer node or sequence, an invalid Date, a nonce outside [A-Za-z0-9]{1,32},
 * or a domain that is not a host name.
 */
export function formatPecIdentifier(input: PecIdentifierInput): string {
  const sequence = checkedSequence(input.sequence);
  if (!Number.isSafeInteger(input.node) || input.node < 0) {
    throw new RangeError(`PEC identifier: node ${input.node} is not a non-negative safe integer`);
  }
  const nonce = input.nonce ?? '0';
  if (!nonceSyntax.test(nonce)) {
    throw new RangeError('PEC identifier: nonce must be 1–32 characters of [A-Za-z0-9]');
  }
  if (!isHostName(input.domain)) {
    throw new RangeError(`PEC identifier: ${JSON.stringify(input.domain)} is not a host name`);
  }
  const { day, time } = toItalianDateTime(input.instant);
  const [dd = '', mm = '', yyyy = ''] = day.split('/');
  const stamp = `${yyyy}${mm}${dd}${time.replaceAll(':', '')}`;
  return `${pecIdentifierPrefix}.${stamp}.${input.node}.${sequence}.1.${nonce}@${input.domain}`;
}

/** The parts of an identifier written by `formatPecIdentifier`, or undefined for any other shape. */
export function parsePecIdentifier(id: string): PecIdentifierParts | undefined {
  const match = ourFormat.exec(stripAngleBrackets(id));
  if (match === null) return undefined;
  const [, stamp = '', node = '', sequence = '', nonce = '', domain = ''] = match;
  const nodeNumber = Number(node);
  if (!Number.isSafeInteger(nodeNumber) || !isHostName(domain)) return undefined;
  return { stamp, node: nodeNumber, sequence: BigInt(sequence), nonce, domain };
}

/**
 * True for a PEC identifier as pec-spec §6.1 describes it, bare or in angle brackets:
 * dot-separated alphanumeric runs, `@`, a host name. Real providers' opec values pass; use
 * `isValidMessageIdentifier` for the looser RFC 5322 grammar of arbitrary Message-IDs.
 */
export function isValidPecIdentifier(id: string): boolean {
  const opens = id.startsWith('<');
  if (opens !== id.endsWith('>')) return false;
  const match = pecIdentifierSyntax.exec(opens ? id.slice(1, -1) : id);
  return match !== null && isHostName(match[1] ?? '');
}
