/**
 * The listener port flags shared by `pec init`, `pec start` and `pec serve` (`--smtp-port N`, …):
 * one per entry of the `ports` settings, with the same meaning as the `PEC_PORT_*` variables.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { PortsConfig } from '../../config/config-schema.ts';

export const portFlags = [
  ['smtp', 'smtp-port', 'reception point (MX), production 25'],
  ['submission', 'submission-port', 'SMTP submission with STARTTLS, production 587'],
  ['submissions', 'submissions-port', 'SMTP submission over TLS, production 465'],
  ['imap', 'imap-port', 'IMAP with STARTTLS, production 143'],
  ['imaps', 'imaps-port', 'IMAP over TLS, production 993'],
  ['pop3', 'pop3-port', 'POP3 with STLS, production 110'],
  ['pop3s', 'pop3s-port', 'POP3 over TLS, production 995'],
  ['http', 'http-port', 'webmail, admin and API, production 443 behind a TLS proxy'],
] as const satisfies readonly (readonly [keyof PortsConfig, string, string])[];

type PortOptionName = `${(typeof portFlags)[number][0]}Port`;

export type PortOptions = { readonly [K in PortOptionName]?: number };

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError('a TCP port is 0–65535.');
  return port;
}

/** Adds `--smtp-port <n>` … `--http-port <n>` to the command. */
export function addPortOptions(command: Command): Command {
  for (const [, flag, what] of portFlags) {
    command.addOption(new Option(`--${flag} <n>`, `port of the ${what}`).argParser(parsePort));
  }
  return command;
}

/** The ports given as flags. */
export function portsFromOptions(options: PortOptions): Partial<PortsConfig> {
  const ports: Partial<Record<keyof PortsConfig, number>> = {};
  for (const [name] of portFlags) {
    const value = options[`${name}Port`];
    if (value !== undefined) ports[name] = value;
  }
  return ports;
}

/** The flag and the variable that choose the port of the listener `name`. */
export function howToChangePort(name: string): string {
  const flag = portFlags.find(([n]) => n === name)?.[1] ?? 'PORT-port';
  return `--${flag} N (or PEC_PORT_${name.toUpperCase()}=N)`;
}
