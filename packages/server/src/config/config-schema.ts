/**
 * The provider's configuration file (`pec.config.json`) as one zod schema. Every field carries a
 * description, from which `docs/config.md` is generated; every field except `provider.domain` has a
 * default, so a minimal file works. Values below the legal floors are refused (DM 2/11/2005 art. 12,
 * pec-spec §6.3–§6.5); paths are relative to the data folder until `loadConfig` resolves them.
 */
import { z } from 'zod';
import { dataFolderEntries } from './data-folder-layout.ts';
import { legalMinimums } from './legal-minimums.ts';
import { limitsSchema } from './limits-schema.ts';
import { providerSchema } from './provider-schema.ts';
import { relaySchema } from './relay-schema.ts';
import { revocationSchema } from './revocation-schema.ts';
import { logTimestampSchema } from './log-timestamp-schema.ts';
import { httpSchema } from './http-schema.ts';
import { queueSchema } from './queue-schema.ts';
import { boxLifeSchema } from './box-life-schema.ts';
import { billingSchema } from './billing-schema.ts';
import { noticesSchema } from './notices-schema.ts';
import { clientsSchema } from './clients-schema.ts';
import { integrationSchema } from './integration-schema.ts';
import { storageSchema } from './storage-schema.ts';
import { antivirusSchema } from './antivirus-schema.ts';
import { antispamSchema } from './antispam-schema.ts';
import { timeoutsSchema } from './timeouts-schema.ts';
import { relativeOrAbsolutePath } from './relative-or-absolute-path.ts';

const port = (what: string, fallback: number) =>
  z.number().int().min(0).max(65535).default(fallback).describe(`${what} 0 picks a free port (tests).`);

const listenSchema = z
  .strictObject({
    host: z
      .string()
      .min(1)
      .default('127.0.0.1')
      .describe('Address every listener binds to. Use 0.0.0.0 or :: to accept connections from other hosts.'),
  })
  .prefault({})
  .describe('Where the listeners bind.');

const portsSchema = z
  .strictObject({
    smtp: port(
      'SMTP port of the reception point (MX): other providers and ordinary mail arrive here, STARTTLS offered ' +
        'and plain accepted (pec-spec §2.3, §8.6). Production: 25.',
      2525,
    ),
    submission: port(
      'Message submission with STARTTLS and AUTH, the access point for mail clients (pec-spec §2.2, §8.6). ' +
        'Production: 587.',
      5587,
    ),
    submissions: port('Message submission over implicit TLS (RFC 8314). Production: 465.', 5465),
    imap: port('IMAP with STARTTLS (login only after TLS, pec-spec §8.6). Production: 143.', 1143),
    imaps: port('IMAP over implicit TLS. Production: 993.', 1993),
    pop3: port('POP3 with STLS (login only after TLS, pec-spec §8.6). Production: 110.', 1110),
    pop3s: port('POP3 over implicit TLS. Production: 995.', 1995),
    http: port(
      'HTTP for the webmail, the admin console and the API; today /healthz, /readyz and /metrics ' +
        '(docs/logging.md). Put a TLS proxy in front. Production: 443.',
      8080,
    ),
  })
  .prefault({})
  .superRefine(
    (ports, ctx) => {
      // Runs even when another port is invalid, so a clash is reported in the same pass.
      const seen = new Map<number, string>();
      for (const [name, value] of Object.entries(ports as Record<string, unknown>)) {
        if (typeof value !== 'number' || value === 0) continue;
        const other = seen.get(value);
        if (other === undefined) seen.set(value, name);
        else
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message: `port ${value} is already used by ports.${other}`,
          });
      }
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  )
  .describe(
    'TCP ports of the listeners. Defaults are above 1024 so a development server needs no privileges.',
  );

const tlsSchema = z
  .strictObject({
    certFile: relativeOrAbsolutePath(
      'PEM certificate chain served by every TLS listener, leaf first.',
      dataFolderEntries.tlsCertFile,
    ),
    keyFile: relativeOrAbsolutePath('PEM private key of the TLS certificate.', dataFolderEntries.tlsKeyFile),
    minVersion: z
      .enum(['TLSv1.2', 'TLSv1.3'])
      .default('TLSv1.2')
      .describe('Lowest TLS version accepted. Provider manuals require TLS 1.2 (pec-spec §8.6).'),
  })
  .prefault({})
  .describe('Transport security for every listener (pec-spec §8.6).');

const signingSchema = z
  .strictObject({
    certFile: relativeOrAbsolutePath(
      'PEM signing certificate issued to the provider (AgID in production, pec-spec §8.2). Its rfc822Name ' +
        'must be the From address of generated messages.',
      dataFolderEntries.signingCertFile,
    ),
    keyFile: relativeOrAbsolutePath(
      'PEM private key of the signing certificate.',
      dataFolderEntries.signingKeyFile,
    ),
    chainFiles: z
      .array(z.string().min(1).describe('A PEM file of intermediate certificates.'))
      .default([])
      .describe(
        'PEM files of the intermediate certificates to embed in every signature, as real traffic embeds AgID ' +
          'CA1 (pec-spec §8.2). Relative paths are resolved against the data folder.',
      ),
    digestAlgorithm: z
      .enum(['sha256', 'sha1'])
      .default('sha1')
      .describe(
        'Digest of the S/MIME signatures we create. Real PEC traffic still uses sha1 and no rule requires ' +
          'sha256 (pec-spec §8.3); choose sha256 once AgID interoperability tests accept it.',
      ),
  })
  .prefault({})
  .describe('The key that signs envelopes, receipts and notices (pec-spec §8.1).');

const indexSchema = z
  .strictObject({
    file: relativeOrAbsolutePath(
      "Local copy of the providers' index as LDIF. Every lookup uses it, never the central service (pec-spec §7.3).",
      dataFolderEntries.indexFile,
    ),
    refreshUrl: z
      .url({ protocol: /^(https|file)$/, error: 'must be an https:// or file:// URL' })
      .refine((url) => !url.startsWith('file:') || url.startsWith('file:///'), {
        error: 'must be an https:// or file:// URL',
      })
      .optional()
      .describe(
        'HTTPS URL (or file:/// URL, for private deployments) of the index as signed LDIF (.p7m) to fetch periodically ' +
          '(pec-spec §7.3). Its signature is verified before the local copy is replaced; this provider keeps its own ' +
          'entry. Without it the file is maintained by hand (`pec index import`).',
      ),
    trustAnchorFiles: z
      .array(z.string().min(1).describe('A PEM file of trust anchors.'))
      .default([])
      .describe(
        'PEM files of the certificates a signed index must chain to. Empty: the signature must verify, the ' +
          'signer is not checked (rely on HTTPS). Relative paths are resolved against the data folder.',
      ),
    refreshIntervalHours: z
      .number()
      .positive()
      .max(24, 'must be at most 24: the index copy is refreshed daily (pec-spec §7.3)')
      .default(24)
      .describe(
        'Hours between downloads of refreshUrl. At most 24: the rules require a daily refresh (pec-spec §7.3).',
      ),
  })
  .prefault({})
  .describe("The providers' index (Indice dei gestori di PEC, pec-spec §7).");

const retentionSchema = z
  .strictObject({
    logMonths: z
      .number()
      .int()
      .min(legalMinimums.logMonths, 'must be at least 30: logs are kept 30 months (pec-spec §6.4)')
      .default(30)
      .describe('Months the legal log is kept unmodified. At least 30 (pec-spec §6.4).'),
    quarantineMonths: z
      .number()
      .int()
      .min(legalMinimums.quarantineMonths, 'must be at least 30: DPR 68/2005 art. 12')
      .default(30)
      .describe('Months infected messages are kept in quarantine. At least 30 (DPR 68/2005 art. 12).'),
  })
  .prefault({})
  .describe('How long records the rules require are kept.');

const superReceptionSchema = z
  .strictObject({
    graceDaysAfterExpiry: z
      .number()
      .int()
      .min(0)
      .max(3650)
      .default(90)
      .describe(
        'Days after a mailbox expires during which it keeps receiving and stays readable, but cannot send, ' +
          'before it is deactivated. 0 deactivates at expiry.',
      ),
  })
  .prefault({})
  .describe('Super-reception: mailboxes that keep receiving when they can no longer send.');

const nodeSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'letters, digits, dot, dash and underscore, at most 63')
      .optional()
      .describe(
        'Name of this node among the nodes sharing one PostgreSQL storage; default the host name. It must ' +
          'be unique among running nodes and stable across restarts: it owns the outbox leases, which a ' +
          'restarted node takes back at once, and a second node started with a name in use refuses to run.',
      ),
  })
  .prefault({})
  .describe('This process as one of several identical nodes on one PostgreSQL storage.');

export const configSchema = z
  .strictObject({
    version: z.literal(1).default(1).describe('Format version of this file.'),
    provider: providerSchema,
    listen: listenSchema,
    ports: portsSchema,
    storage: storageSchema,
    tls: tlsSchema,
    signing: signingSchema,
    limits: limitsSchema,
    index: indexSchema,
    antivirus: antivirusSchema,
    antispam: antispamSchema,
    timeouts: timeoutsSchema,
    retention: retentionSchema,
    superReception: superReceptionSchema,
    relay: relaySchema,
    node: nodeSchema,
    queue: queueSchema,
    revocation: revocationSchema,
    logTimestamp: logTimestampSchema,
    http: httpSchema,
    boxLife: boxLifeSchema,
    billing: billingSchema,
    clients: clientsSchema,
    integration: integrationSchema,
    notices: noticesSchema,
  })
  .describe('The provider configuration, pec.config.json in the data folder.');

/** A validated configuration with every default filled in. */
export type Config = z.output<typeof configSchema>;
/** What the file may contain: everything but `provider.domain` is optional. */
export type ConfigInput = z.input<typeof configSchema>;
export type PortsConfig = Config['ports'];
export type StorageConfig = Config['storage'];
export type SigningConfig = Config['signing'];
export type LimitsConfig = Config['limits'];
