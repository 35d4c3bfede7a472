/**
 * Commands without arguments (RFC 9051 §6.1.1–6.1.3, §6.2.1, §6.3.10, §6.4.1–6.4.3; UNSELECT RFC 3691;
 * NAMESPACE RFC 2342; IDLE RFC 2177): CAPABILITY, NOOP, LOGOUT, STARTTLS, NAMESPACE, CHECK, CLOSE,
 * UNSELECT, IDLE. Any argument is a syntax error.
 */

import { ArgCursor } from '../arg-cursor.ts';
import type { ImapValue } from '../imap-value.ts';

export const simpleCommandNames = [
  'CAPABILITY',
  'NOOP',
  'LOGOUT',
  'STARTTLS',
  'NAMESPACE',
  'CHECK',
  'CLOSE',
  'UNSELECT',
  'IDLE',
] as const;

export type SimpleCommandName = (typeof simpleCommandNames)[number];

export interface SimpleCommand {
  readonly name: SimpleCommandName;
}

export function isSimpleCommandName(name: string): name is SimpleCommandName {
  return (simpleCommandNames as readonly string[]).includes(name);
}

export function parseSimpleCommand(name: SimpleCommandName, args: readonly ImapValue[]): SimpleCommand {
  new ArgCursor(args).end();
  return { name };
}
