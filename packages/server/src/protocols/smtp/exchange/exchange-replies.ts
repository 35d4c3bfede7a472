/**
 * The one reply the MX listener chooses itself that is protocol grammar, not a refusal (refusals
 * get theirs in ../refusal-reply.ts, decision 0008): RFC 5321 §4.2 code and RFC 3463 enhanced code.
 */
import { SmtpReply } from '../reply.ts';

export const exchangeReplies = {
  /** DATA without a reverse-path: smtp-server prevents it; a bug of ours if it happens. */
  noTransaction: (): SmtpReply => new SmtpReply(503, '5.5.1', 'Bad sequence of commands: MAIL FROM first'),
} as const;
