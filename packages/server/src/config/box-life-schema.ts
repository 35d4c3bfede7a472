/**
 * The `boxLife` section: the calendar of a box after its expiry and the prices of what an operator
 * sells mid-term (decision 0016). The grace period of Super Ricezione itself stays in
 * `superReception.graceDaysAfterExpiry`.
 */
import { z } from 'zod';

export const boxLifeSchema = z
  .strictObject({
    deletionDaysAfterDeactivation: z
      .number()
      .int()
      .min(0)
      .max(3650)
      .default(7)
      .describe(
        'Days between the deactivation of an expired box and the deletion of its contents for good; its ' +
          'address stays reserved to its holder.',
      ),
    noticeDaysBeforeExpiry: z
      .array(z.number().int().min(1).max(365).describe('Days before expiry.'))
      .default([60, 30, 15, 7, 1])
      .describe('Days before expiry at which the holder is told by e-mail that the box expires.'),
    autoRenewDaysBeforeExpiry: z
      .number()
      .int()
      .min(0)
      .max(60)
      .default(7)
      .describe(
        'Days before expiry of the first charge of an automatic renewal; it is retried daily until the box ' +
          'is deactivated.',
      ),
    extraSpaceCentsPerGiBYear: z
      .number()
      .int()
      .min(0)
      .default(300)
      .describe(
        'Price of 1 GiB of extra box space for one year, in euro cents; mid-term purchases are prorated.',
      ),
    newPecNoticesPerHour: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(20)
      .describe(
        'E-mail notices of new PEC a box sends in one hour; the PEC beyond are told in one "and N more" ' +
          'notice when the hour is over.',
      ),
    noticeFrom: z
      .string()
      .optional()
      .describe(
        'Sender address of the notices sent to holders as ordinary e-mail; default noreply@ the provider domain.',
      ),
  })
  .prefault({})
  .describe("The box's life: notices before expiry, deletion after deactivation, renewals and extra space.");

export type BoxLifeConfig = z.output<typeof boxLifeSchema>;
