/**
 * The floors the rules put under a provider's settings, so the schema can refuse a configuration that would
 * make the service unlawful. Sources: DM 2/11/2005 art. 12 (pec-spec §6.5), the timers of RFC 6109 §3.1.6
 * and §2.2.2 (pec-spec §6.3), the 30-month retention of logs and quarantined messages (pec-spec §1.2, §6.4).
 */

const mebibyte = 1024 * 1024;

export const legalMinimums = {
  /** DM 2/11/2005 art. 12 (a): a message must be accepted for at least 50 recipients. */
  maxRecipients: 50,
  /**
   * DM 2/11/2005 art. 12 (b): recipients × size up to 30 MB must be accepted. Read as 30 MiB, the larger
   * of the two readings of "MB", so that either reading is honoured.
   */
  maxRecipientsTimesSize: 30 * mebibyte,
  /** A one-recipient message of 30 MB satisfies art. 12 (b), so the per-message limit cannot be lower. */
  maxMessageBytes: 30 * mebibyte,
  /** RFC 5321 §4.5.3.1.6: a text line of 1000 octets including CRLF must be accepted. */
  maxLineLength: 1000,
  /** RFC 6109 §3.1.6 (pec-spec §6.3): the final timeout notice is sent no earlier than 22 h... */
  deliveryHoursMin: 22,
  /** ...and no later than 24 h after dispatch. */
  deliveryHoursMax: 24,
  /** RFC 6109 §2.2.2 (pec-spec §6.3): idle messages stay in the SMTP queue for 24 h. */
  queueLifetimeHours: 24,
  /** Logs are kept unmodified for 30 months (pec-spec §6.4). */
  logMonths: 30,
  /** Infected messages are kept for 30 months (DPR 68/2005 art. 12, pec-spec §1.2). */
  quarantineMonths: 30,
} as const;
