/**
 * What the POP3 adapter needs from the application (house style: the protocol layer talks to
 * services, never to storage): the shared Authenticator (which also feeds the access history
 * through its `onLogin` hook) and the maildrop service. No other adapter is imported here.
 */
import type { Authenticator } from '../../services/accounts/authenticator.ts';
import type { MaildropService } from '../../services/maildrop/maildrop.ts';

export interface Pop3Services {
  readonly authenticator: Authenticator;
  readonly maildrops: MaildropService;
}
