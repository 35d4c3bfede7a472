/**
 * Session ids for the event log: short, unique within the process and unguessable enough not to
 * be mistaken for one another across restarts (smtp-server makes its own the same way).
 */
import { randomBytes } from 'node:crypto';

export function createSessionId(): string {
  return randomBytes(9).toString('base64url');
}
