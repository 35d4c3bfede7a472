/**
 * ENABLE (RFC 5161, RFC 9051 §6.3.1): one or more capability names, upper-cased. The session decides
 * which it actually enables and answers `* ENABLED`.
 */

import { ArgCursor } from '../arg-cursor.ts';
import { ImapParseError } from '../imap-parse-error.ts';
import type { ImapValue } from '../imap-value.ts';

export interface EnableCommand {
  readonly name: 'ENABLE';
  readonly capabilities: readonly string[];
}

export function parseEnable(args: readonly ImapValue[]): EnableCommand {
  const cursor = new ArgCursor(args);
  const capabilities: string[] = [];
  while (!cursor.done) capabilities.push(cursor.keyword('capability'));
  if (capabilities.length === 0) throw new ImapParseError('ENABLE needs at least one capability');
  return { name: 'ENABLE', capabilities };
}
