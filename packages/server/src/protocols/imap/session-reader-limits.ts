/**
 * The command reader's limits for a session's state. Before authentication, lines and literals are
 * only as large as a LOGIN needs (a few KiB): an unauthenticated client must not make the server
 * buffer a message-sized literal. Once authenticated, the configured limits apply.
 */
import type { CommandReaderOptions } from './grammar/index.ts';
import type { ImapLimits } from './imap-limits.ts';

export type SessionReaderLimits = Pick<
  CommandReaderOptions,
  'maxLineBytes' | 'maxLiteralBytes' | 'maxCommandLiteralBytes'
>;

export function sessionReaderLimits(limits: ImapLimits, authenticated: boolean): SessionReaderLimits {
  if (authenticated) {
    return {
      maxLineBytes: limits.maxLineBytes,
      maxLiteralBytes: limits.maxLiteralBytes,
      maxCommandLiteralBytes: limits.maxCommandLiteralBytes,
    };
  }
  return {
    maxLineBytes: Math.min(limits.preAuthMaxLineBytes, limits.maxLineBytes),
    maxLiteralBytes: Math.min(limits.preAuthMaxLiteralBytes, limits.maxLiteralBytes),
    maxCommandLiteralBytes: Math.min(limits.preAuthMaxCommandLiteralBytes, limits.maxCommandLiteralBytes),
  };
}
