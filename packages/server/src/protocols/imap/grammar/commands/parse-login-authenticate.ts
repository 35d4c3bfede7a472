/**
 * LOGIN (RFC 9051 §6.2.3) and AUTHENTICATE with its SASL-IR initial response (RFC 9051 §6.2.2,
 * RFC 4959), plus the client's continuation lines during an AUTHENTICATE exchange (base64, or `*` to
 * cancel). Base64 is decoded strictly: padding and alphabet are checked, so garbage is a BAD.
 */

import { ArgCursor } from '../arg-cursor.ts';
import { ImapParseError } from '../imap-parse-error.ts';
import type { ImapValue } from '../imap-value.ts';

export interface LoginCommand {
  readonly name: 'LOGIN';
  readonly userName: string;
  readonly password: string;
}

export interface AuthenticateCommand {
  readonly name: 'AUTHENTICATE';
  /** SASL mechanism, upper-cased (e.g. `PLAIN`, `XOAUTH2`). */
  readonly mechanism: string;
  /** SASL-IR initial response (`=` gives an empty array); null when the client sent none. */
  readonly initialResponse: Uint8Array | null;
}

/** One client line during AUTHENTICATE. */
export type AuthenticateResponse =
  { readonly kind: 'cancel' } | { readonly kind: 'data'; readonly data: Uint8Array };

const base64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict base64 decoding; null when the text is not canonical base64. */
export function decodeBase64(text: string): Uint8Array | null {
  if (!base64Pattern.test(text)) return null;
  return new Uint8Array(Buffer.from(text, 'base64'));
}

export function parseLogin(args: readonly ImapValue[]): LoginCommand {
  const cursor = new ArgCursor(args);
  const userName = cursor.astring('user name');
  const password = cursor.astring('password');
  cursor.end();
  return { name: 'LOGIN', userName, password };
}

export function parseAuthenticate(args: readonly ImapValue[]): AuthenticateCommand {
  const cursor = new ArgCursor(args);
  const mechanism = cursor.keyword('SASL mechanism');
  if (!/^[A-Z0-9_-]{1,20}$/.test(mechanism)) throw new ImapParseError('invalid SASL mechanism name');
  let initialResponse: Uint8Array | null = null;
  if (!cursor.done) {
    const text = cursor.atom('initial response');
    initialResponse = text === '=' ? new Uint8Array(0) : decodeBase64(text);
    if (initialResponse === null) throw new ImapParseError('initial response is not base64');
  }
  cursor.end();
  return { name: 'AUTHENTICATE', mechanism, initialResponse };
}

/** Parses one continuation line of an AUTHENTICATE exchange (RFC 9051 §6.2.2: `*` cancels). */
export function parseAuthenticateResponse(line: string): AuthenticateResponse | null {
  if (line === '*') return { kind: 'cancel' };
  const data = decodeBase64(line);
  return data === null ? null : { kind: 'data', data };
}
