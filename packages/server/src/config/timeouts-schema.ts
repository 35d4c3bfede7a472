/**
 * The `timeouts` section: the timers of the PEC flow (RFC 6109 §3.1.6, §2.2.2; pec-spec §6.3),
 * with their legal floors and ceilings.
 */
import { z } from 'zod';
import { legalMinimums } from './legal-minimums.ts';

export const timeoutsSchema = z
  .strictObject({
    takeChargeHours: z
      .number()
      .positive()
      .default(12)
      .describe(
        'Hours after dispatch without a take-charge or delivery receipt before the first timeout notice ' +
          '(12 per RFC 6109 §3.1.6, pec-spec §6.3). Must be below deliveryHours.',
      ),
    deliveryHours: z
      .number()
      .min(legalMinimums.deliveryHoursMin, 'must be at least 22: RFC 6109 §3.1.6')
      .max(legalMinimums.deliveryHoursMax, 'must be at most 24: RFC 6109 §3.1.6')
      .default(24)
      .describe(
        'Hours after dispatch without a delivery receipt before the final non-delivery notice: between 22 and 24 ' +
          '(RFC 6109 §3.1.6, pec-spec §6.3).',
      ),
    queueLifetimeHours: z
      .number()
      .min(legalMinimums.queueLifetimeHours, 'must be at least 24: RFC 6109 §2.2.2')
      .max(168)
      .default(24)
      .describe(
        'Hours an undeliverable message stays in the outgoing SMTP queue. At least 24 (RFC 6109 §2.2.2).',
      ),
  })
  .prefault({})
  .superRefine(
    (timeouts, ctx) => {
      // Runs even when a third timer is invalid; compares only the two it needs.
      const { takeChargeHours, deliveryHours } = timeouts as Record<string, unknown>;
      if (typeof takeChargeHours !== 'number' || typeof deliveryHours !== 'number') return;
      if (takeChargeHours >= deliveryHours) {
        ctx.addIssue({
          code: 'custom',
          path: ['takeChargeHours'],
          message: 'must be below timeouts.deliveryHours',
        });
      }
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  )
  .describe('Timers of the PEC flow (pec-spec §6.3).');
