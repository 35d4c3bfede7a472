/**
 * What client autoconfiguration advertises, from the configuration (`clients.*`, else
 * `provider.hostname`) and the listeners as bound (a port configured as 0 is the one it got):
 * IMAP, POP3 and submission, implicit TLS preferred (RFC 8314 §4.1, §5.1). Also the DNS records a
 * mail domain should publish for them (RFC 6186, RFC 8314 §5.1, `pec domain dns`).
 */
import type { Config } from '../config/config-schema.ts';
import type {
  ClientProtocol,
  ClientSecurity,
  ClientServer,
  ClientSettings,
} from '../protocols/http/autoconfig/client-settings.ts';
import type { ListenerAddress, ListenerName } from '../protocols/listener-address.ts';

/** The client listeners, in order of preference. */
const clientListeners: readonly {
  readonly name: Exclude<ListenerName, 'smtp' | 'http'>;
  readonly protocol: ClientProtocol;
  readonly security: ClientSecurity;
}[] = [
  { name: 'imaps', protocol: 'imap', security: 'tls' },
  { name: 'imap', protocol: 'imap', security: 'starttls' },
  { name: 'pop3s', protocol: 'pop3', security: 'tls' },
  { name: 'pop3', protocol: 'pop3', security: 'starttls' },
  { name: 'submissions', protocol: 'smtp', security: 'tls' },
  { name: 'submission', protocol: 'smtp', security: 'starttls' },
];

/** The advertised host: `clients.host`, else `provider.hostname`. */
export function clientHost(config: Config): string {
  return config.clients.host ?? config.provider.hostname;
}

/**
 * The settings clients are given. `bound`: the listeners running (their ports when `clients.ports`
 * says nothing); without it, the configured ports (for the CLI, which runs no listener).
 */
export function clientSettings(config: Config, bound?: readonly ListenerAddress[]): ClientSettings {
  const host = clientHost(config);
  const servers: ClientServer[] = [];
  for (const listener of clientListeners) {
    const boundPort = bound?.find((address) => address.name === listener.name)?.port;
    const port =
      config.clients.ports[listener.name] ??
      boundPort ??
      (bound === undefined ? config.ports[listener.name] : undefined);
    if (port === undefined || port === 0) continue;
    servers.push({ protocol: listener.protocol, host, port, security: listener.security });
  }
  return { providerName: config.provider.name, providerDomain: config.provider.domain, servers };
}

/** One DNS record in zone-file presentation (RFC 1035 §5.1). */
export interface DnsRecord {
  readonly name: string;
  readonly type: 'MX' | 'SRV' | 'CNAME';
  readonly value: string;
  /** Why it is there. */
  readonly note: string;
}

const srvServices: Readonly<Record<string, string>> = {
  imaps: '_imaps._tcp',
  imap: '_imap._tcp',
  pop3s: '_pop3s._tcp',
  pop3: '_pop3._tcp',
  submissions: '_submissions._tcp',
  submission: '_submission._tcp',
};

/** The records a mail domain of this provider publishes, from the configured public names and ports. */
export function domainDnsRecords(config: Config, domain: string): DnsRecord[] {
  const host = `${clientHost(config)}.`;
  const mx = `${config.provider.hostname}.`;
  const records: DnsRecord[] = [
    { name: `${domain}.`, type: 'MX', value: `10 ${mx}`, note: 'reception point (pec-spec §2.3)' },
  ];
  for (const listener of clientListeners) {
    const port = config.clients.ports[listener.name] ?? config.ports[listener.name];
    // RFC 6186 §3.4 and RFC 8314 §5.1: implicit TLS first (priority 0), STARTTLS after (10).
    const priority = listener.security === 'tls' ? 0 : 10;
    records.push({
      name: `${srvServices[listener.name] ?? ''}.${domain}.`,
      type: 'SRV',
      value: `${String(priority)} 1 ${String(port)} ${host}`,
      note: `${listener.protocol.toUpperCase()} ${listener.security === 'tls' ? 'implicit TLS' : 'STARTTLS'} (RFC 6186)`,
    });
  }
  const https = config.clients.ports.https ?? 443;
  records.push(
    {
      name: `autoconfig.${domain}.`,
      type: 'CNAME',
      value: host,
      note: 'Thunderbird autoconfig (http://autoconfig.DOMAIN/mail/config-v1.1.xml)',
    },
    {
      name: `_autodiscover._tcp.${domain}.`,
      type: 'SRV',
      value: `0 1 ${String(https)} ${host}`,
      note: 'Outlook autodiscover (/autodiscover/autodiscover.xml)',
    },
  );
  return records;
}
