/**
 * Port for the outbound SMTP client of the relay (pec-spec §2.2 step 8, §8.6): one SMTP
 * transaction to one host, sending the given bytes unchanged (pec-spec §12 pitfall 2) with the
 * given reverse-path and forward-paths (pec-spec §12 pitfall 4), and reporting each recipient's
 * outcome. It never throws for what the peer or the network did: those are outcomes.
 */
import type { RouteTlsPolicy } from './route-store.ts';

export interface RelayRequest {
  readonly host: string;
  readonly port: number;
  /** SMTP reverse-path; the empty string is the null sender of DSNs (RFC 5321 §4.5.5). */
  readonly mailFrom: string;
  readonly rcptTo: readonly string[];
  /** The message, exactly as it must arrive (CRLF line ends); dot-stuffing is the transport's job. */
  readonly bytes: Uint8Array;
  /** `required`: no STARTTLS or an unverifiable certificate fails the attempt (pec-spec §8.6). */
  readonly tls: RouteTlsPolicy;
  /** PEM certificates trusted in addition to the system's when verifying the peer. */
  readonly tlsCa?: readonly string[];
  /** Name for EHLO; default the transport's. */
  readonly heloName?: string;
}

/**
 * `accepted`: the peer took responsibility for this recipient (2xx after the data).
 * `temporary`: try again later (4xx, network or TLS trouble). `permanent`: 5xx, give up.
 */
export type RecipientOutcomeKind = 'accepted' | 'temporary' | 'permanent';

export interface RecipientOutcome {
  readonly address: string;
  readonly outcome: RecipientOutcomeKind;
  /** The SMTP reply code that decided it; null when no reply came (connection, TLS, timeout). */
  readonly code: number | null;
  /** RFC 3463 enhanced status code from the reply, when it had one (e.g. `5.1.1`). */
  readonly enhancedCode: string | null;
  /** The reply text, or what went wrong. */
  readonly text: string;
}

export interface RelayAttempt {
  /**
   * False when no mail transaction started (no connection, greeting refused, EHLO or STARTTLS
   * failed): nothing was sent, and another host of the route may be tried.
   */
  readonly transacted: boolean;
  /** True when the session ran over TLS. */
  readonly encrypted: boolean;
  /** One outcome per requested recipient, in request order. */
  readonly recipients: readonly RecipientOutcome[];
}

export interface RelayTransport {
  send(request: RelayRequest): Promise<RelayAttempt>;
  /** Closes the connections the transport keeps open for reuse, if any. */
  close?(): Promise<void>;
}
