/**
 * The `clients` section: what mail clients are told to connect to (Thunderbird autoconfig, Outlook
 * autodiscover, the Apple profile, the RFC 6186 SRV records of `pec domain dns`). Behind NAT or a
 * TCP proxy the public name and ports differ from what the listeners bind; by default the
 * documents name `provider.hostname` and the ports the listeners actually bound.
 */
import { z } from 'zod';

const publicPort = (what: string) =>
  z
    .number()
    .int()
    .min(1)
    .max(65535)
    .optional()
    .describe(`${what} Default: the port the listener bound (ports.*).`);

export const clientsSchema = z
  .strictObject({
    host: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Host name mail clients connect to for IMAP, POP3 and SMTP submission; it must be a name of the TLS ' +
          'certificate. Default: provider.hostname.',
      ),
    ports: z
      .strictObject({
        imaps: publicPort('Public port of IMAP over implicit TLS (993 in production).'),
        imap: publicPort('Public port of IMAP with STARTTLS (143 in production).'),
        pop3s: publicPort('Public port of POP3 over implicit TLS (995 in production).'),
        pop3: publicPort('Public port of POP3 with STLS (110 in production).'),
        submissions: publicPort('Public port of SMTP submission over implicit TLS (465 in production).'),
        submission: publicPort('Public port of SMTP submission with STARTTLS (587 in production).'),
        https: publicPort('Public HTTPS port of the TLS proxy in front of ports.http (443 in production).'),
      })
      .prefault({})
      .describe('Public ports the client documents advertise, when they differ from the bound ones.'),
  })
  .prefault({})
  .describe(
    'What client autoconfiguration advertises (/.well-known/autoconfig, /autodiscover, the Apple profile, ' +
      '`pec domain dns`).',
  );

export type ClientsConfig = z.output<typeof clientsSchema>;
