/**
 * What a mail client needs to reach a mailbox, in no document's words: one host and the servers
 * in order of preference (implicit TLS first, RFC 8314 §5.1 and §4.1). Built by the composition
 * root from the listeners actually bound and the `clients` settings; rendered by the Thunderbird,
 * Outlook and Apple documents of this folder.
 */

export type ClientProtocol = 'imap' | 'pop3' | 'smtp';

/** `tls`: TLS from the first byte; `starttls`: plain until STARTTLS/STLS (login only after it, pec-spec §8.6). */
export type ClientSecurity = 'tls' | 'starttls';

export interface ClientServer {
  readonly protocol: ClientProtocol;
  readonly host: string;
  readonly port: number;
  readonly security: ClientSecurity;
}

export interface ClientSettings {
  /** The provider's name, shown by clients. */
  readonly providerName: string;
  /** The provider's service domain (the emailProvider id). */
  readonly providerDomain: string;
  /** Incoming and outgoing servers, preferred first. */
  readonly servers: readonly ClientServer[];
}

/** The servers of one protocol, preferred first. */
export function serversOf(settings: ClientSettings, protocol: ClientProtocol): ClientServer[] {
  return settings.servers.filter((server) => server.protocol === protocol);
}

/** Escapes text for XML character data and attribute values (XML 1.0 §2.4). */
export function xmlText(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}
