/**
 * The `relay` section of the configuration: how the outbound queue reaches other providers and the
 * Internet (pec-spec §2.2 step 8, §2.3, §8.6). Static routes are data, set with `pec route add`;
 * the queue lifetime is `timeouts.queueLifetimeHours`.
 */
import { z } from 'zod';

export const relaySchema = z
  .strictObject({
    certifiedTls: z
      .enum(['required', 'opportunistic'])
      .default('required')
      .describe(
        'TLS towards other PEC providers (transport envelopes for PEC recipients, receipts, notices): required ' +
          'refuses a peer without STARTTLS or whose certificate does not verify (pec-spec §8.6). A static route ' +
          'may set its own policy (pec route add --tls).',
      ),
    externalTls: z
      .enum(['required', 'opportunistic', 'none'])
      .default('opportunistic')
      .describe(
        'TLS towards ordinary Internet mail servers (esterno recipients, forwards, DSNs): opportunistic uses ' +
          'STARTTLS when offered, without verifying the certificate (RFC 7435).',
      ),
    tlsCaFiles: z
      .array(z.string().min(1).describe('A PEM file of CA certificates.'))
      .default([])
      .describe(
        'PEM files of CA certificates trusted, besides the system ones, to verify peers when TLS is required, ' +
          "e.g. a test peer's certs/ca.pem. Relative paths are resolved against the data folder.",
      ),
    dns: z
      .boolean()
      .default(true)
      .describe(
        'Route domains without a static route by their DNS MX records (RFC 5321 §5.1). false: static routes ' +
          'only (closed networks, tests); mail to other domains waits until a route is added.',
      ),
    retryBaseSeconds: z
      .number()
      .int()
      .min(1)
      .default(60)
      .describe(
        'Seconds before the first retry of a deferred recipient; doubled after each further failure.',
      ),
    retryMaxSeconds: z
      .number()
      .int()
      .min(1)
      .default(3600)
      .describe('Longest wait between two attempts for a deferred recipient.'),
    connectionsPerDestination: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(20)
      .describe(
        'SMTP connections one node keeps open at most to one destination host and port. Connections are reused ' +
          'for further messages (RSET between them) instead of opening one, with its TLS handshake, per message; ' +
          "more relays to the same destination wait for a free connection. Stay below the peer's limit per " +
          "client address (ours: `limits.connections.perAddress`, 50); 20 is also Postfix's default per destination.",
      ),
    connectionIdleSeconds: z
      .number()
      .int()
      .min(0)
      .max(300)
      .default(10)
      .describe(
        'Seconds an idle relay connection is kept open for the next message to the same destination before ' +
          'QUIT. 0: one connection per message.',
      ),
  })
  .prefault({})
  .describe('The relay: outbound SMTP to other providers and the Internet (pec-spec §2.2, §2.3, §8.6).');

export type RelayConfig = z.output<typeof relaySchema>;
