/**
 * The replies the MX listener chooses itself (the reception point supplies the others), in the
 * style of ../reply.ts: RFC 5321 §4.2 codes, RFC 3463 enhanced codes in the text, limits from
 * DM 2/11/2005 art. 12 (pec-spec §6.5) and RFC 5321 §4.5.3.1.
 */
import { SmtpReply } from '../reply.ts';

export const exchangeReplies = {
  /** RFC 5321 §4.5.3.1.6: a text line longer than the configured limit (at least 1000 octets). */
  lineTooLong: (limit: number): SmtpReply =>
    new SmtpReply(
      554,
      '5.6.0',
      `Message refused: a line is longer than ${limit} octets (RFC 5321 section 4.5.3.1.6)`,
    ),
  /** The header block is larger than `limits.maxHeaderBytes`. */
  headerTooBig: (limit: number): SmtpReply =>
    new SmtpReply(552, '5.3.4', `Message refused: its header is larger than ${limit} bytes`),
  /** DATA without a reverse-path: smtp-server prevents it; a bug of ours if it happens. */
  noTransaction: (): SmtpReply => new SmtpReply(503, '5.5.1', 'Bad sequence of commands: MAIL FROM first'),
} as const;
