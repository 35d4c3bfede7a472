/**
 * The `http` section: the webmail's sessions and the proxy in front of `ports.http`.
 */
import { z } from 'zod';

export const httpSchema = z
  .strictObject({
    sessionIdleMinutes: z
      .number()
      .int()
      .min(1)
      .max(1440)
      .default(30)
      .describe('A webmail session without "stay signed in" ends after this many minutes without a request.'),
    sessionLifetimeHours: z
      .number()
      .int()
      .min(1)
      .max(168)
      .default(12)
      .describe(
        'A webmail session without "stay signed in" ends this many hours after sign-in, however active.',
      ),
    sessionStaySignedInDays: z
      .number()
      .int()
      .min(1)
      .max(365)
      .default(30)
      .describe(
        'A "stay signed in" webmail session lasts this many days from sign-in, with no idle timeout; signing ' +
          'out ends it at once.',
      ),
    adminSessionIdleMinutes: z
      .number()
      .int()
      .min(1)
      .max(240)
      .default(15)
      .describe(
        'An administrative (operator or postmaster) session ends after this many minutes without a request.',
      ),
    adminSessionLifetimeHours: z
      .number()
      .int()
      .min(1)
      .max(24)
      .default(8)
      .describe('An administrative session ends this many hours after sign-in, however active.'),
    trustProxy: z
      .boolean()
      .default(false)
      .describe(
        'Believe X-Forwarded-For and X-Forwarded-Proto from the TLS proxy in front of ports.http: the access ' +
          "history and the login throttle then see the browser's address, and session cookies are marked " +
          'Secure when the browser used HTTPS. Turn on only when every request comes through that proxy.',
      ),
    publicUrl: z
      .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
      .optional()
      .describe(
        'The address holders open the webmail at, e.g. https://webmail.example.it; password recovery links ' +
          'start with it. Default: https:// and provider.domain. Never taken from the request, whose Host ' +
          'header a stranger chooses.',
      ),
    recoveryLinkMinutes: z
      .number()
      .int()
      .min(5)
      .max(1440)
      .default(30)
      .describe('A password recovery link works once, for this many minutes.'),
  })
  .prefault({})
  .describe('The webmail and its HTTP API on ports.http.');
