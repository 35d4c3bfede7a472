/**
 * The one vocabulary of listening sockets, for every adapter (SMTP submission and MX, IMAP, POP3,
 * HTTP): what each listener reports once bound and what `pec serve` prints.
 */

/** The configuration port a listener binds (`ports.<name>`). */
export type ListenerName =
  'submission' | 'submissions' | 'smtp' | 'imap' | 'imaps' | 'pop3' | 'pop3s' | 'http';

export interface ListenerAddress {
  readonly name: ListenerName;
  readonly protocol: 'smtp' | 'imap' | 'pop3' | 'http';
  /** `starttls`: plain until the client upgrades; `implicit`: TLS from the first byte. */
  readonly tls: 'starttls' | 'implicit' | 'none';
  /** The bound address (a port configured as 0 is resolved). */
  readonly host: string;
  readonly port: number;
}

/** The TLS material and floor every TLS listener uses (pec-spec §8.6). */
export interface ListenerTls {
  /** PEM certificate chain. */
  readonly cert: string;
  /** PEM private key. */
  readonly key: string;
  readonly minVersion?: 'TLSv1.2' | 'TLSv1.3';
}
