/**
 * The IMAP dispatch table (house style principle 3: a typed table, never string-built method names):
 * every command descriptor, keyed by the grammar's command name. One line per command; UID variants
 * share their command's descriptor (the typed command carries `uid`).
 */
import type { CommandDescriptor, CommandName } from './command-descriptor.ts';

const descriptors: readonly CommandDescriptor[] = [
  // Session and folder commands (session work) and message commands (message work), one line each.
];

export const commandTable: ReadonlyMap<CommandName, CommandDescriptor> = new Map(
  descriptors.map((descriptor) => [descriptor.name, descriptor]),
);
