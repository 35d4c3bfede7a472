/**
 * The `antispam` section: rspamd scoring of incoming mail (decision 0034).
 */
import { z } from 'zod';

export const antispamSchema = z
  .strictObject({
    rspamd: z
      .strictObject({
        url: z
          .url({ protocol: /^https?$/ })
          .optional()
          .describe(
            "URL of rspamd's normal worker (e.g. http://127.0.0.1:11333), asked over its HTTP protocol " +
              "(POST /checkv2). Absent: no message is scored and the holders' antispam settings have no effect.",
          ),
        timeoutMs: z
          .number()
          .int()
          .min(100)
          .max(60_000)
          .default(5000)
          .describe(
            'Milliseconds to wait for one score; past it the message flows unscored (fail open, logged, ' +
              'counted in pec_antispam_scans_total{outcome="unavailable"}).',
          ),
        password: z
          .string()
          .min(1)
          .optional()
          .describe("Sent as rspamd's Password header, when the worker requires one."),
      })
      .prefault({})
      .describe('rspamd, the spam filter.'),
  })
  .prefault({})
  .describe(
    'Spam scoring of incoming mail (decision 0034): ordinary mail goes to Spam or is refused by each ' +
      "holder's choice; a signed PEC is never refused, only labelled.",
  );
