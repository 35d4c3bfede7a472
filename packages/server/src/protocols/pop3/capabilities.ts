/**
 * The CAPA list (RFC 2449 §5–§6, RFC 2595 §4, RFC 5034 §3, RFC 3206 §6). Login capabilities (USER,
 * SASL PLAIN) appear only under TLS and STLS only where it can be used, so a client is never told
 * to send a password in the clear (pec-spec §8.6). EXPIRE NEVER: the provider deletes nothing on
 * its own; the holder decides what leaves the mailbox.
 */
import { saslMechanisms } from './commands/auth.ts';

export interface CapabilityTransport {
  readonly secure: boolean;
  readonly canStartTls: boolean;
}

export function pop3Capabilities(transport: CapabilityTransport): string[] {
  return [
    'TOP',
    'UIDL',
    'RESP-CODES',
    'AUTH-RESP-CODE',
    'PIPELINING',
    'EXPIRE NEVER',
    ...(transport.secure ? ['USER', `SASL ${saslMechanisms.join(' ')}`] : []),
    ...(transport.canStartTls ? ['STLS'] : []),
    'IMPLEMENTATION PEC-POP3',
  ];
}
