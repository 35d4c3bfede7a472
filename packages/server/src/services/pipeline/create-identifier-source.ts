/**
 * Unique identifiers for what the pipeline issues: the `identificativo` of each accepted message
 * and the own Message-ID of every receipt and notice (pec-spec §6.1). The opec shape comes from
 * `formatPecIdentifier`; uniqueness from the node (the process id), a per-source sequence and a
 * random nonce drawn once per source, so two sources or two runs never collide.
 */
import { randomBytes } from 'node:crypto';
import { formatPecIdentifier } from '@pec/core';

export interface IdentifierSource {
  /** A new identifier stamped with the transaction's time reference (pec-spec §6.2), bare. */
  next(instant: Date): string;
}

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomNonce(length: number): string {
  return Array.from(randomBytes(length), (byte) => alphabet.charAt(byte % alphabet.length)).join('');
}

export function createIdentifierSource(
  domain: string,
  options: { readonly node?: number; readonly nonce?: string } = {},
): IdentifierSource {
  const node = options.node ?? process.pid;
  const nonce = options.nonce ?? randomNonce(12);
  let sequence = 0;
  return {
    next(instant) {
      sequence += 1;
      return formatPecIdentifier({ sequence, instant, node, domain, nonce });
    },
  };
}
