/**
 * The smtp-server hooks of the MX listener, translated to the reception point's seam and nothing
 * else: RCPT TO → ReceptionPoint.checkRecipient, end of DATA → the size and line limits, then
 * ReceptionPoint.receive. No AUTH (RFC 5321 relay from other providers and the Internet). `250` is
 * sent only after `receive` resolved `accepted` (decision 0007); refusals become replies through
 * ../refusal-reply.ts, our own failures a logged `internal-error`.
 */
import type {
  SMTPServerAddress,
  SMTPServerDataStream,
  SMTPServerOptions,
  SMTPServerSession,
} from 'smtp-server';
import type { ReceptionPoint } from '../../../services/pipeline/reception-point/reception-point.ts';
import { refusalReply, replyFromError } from '../refusal-reply.ts';
import type { SmtpReply } from '../reply.ts';
import { collectMessage } from '../submission/collect-message.ts';
import { checkMessageLimits, type MessageLimits } from './check-message-limits.ts';
import { exchangeReplies } from './exchange-replies.ts';

/** Where the listener reports what an operator needs to see: our own failures above all. */
export interface ExchangeLogger {
  info(message: string): void;
  error(message: string, error: unknown): void;
}

export interface ExchangeHookSettings {
  readonly maxMessageBytes: number;
  readonly limits: MessageLimits;
  readonly log: ExchangeLogger;
  /** True once the server is stopping: new transactions get 421. */
  readonly isClosing: () => boolean;
  /** Registers work that `close()` must wait for (a message being received). */
  readonly track: <T>(work: Promise<T>) => Promise<T>;
}

export type ExchangeHooks = Required<
  Pick<SMTPServerOptions, 'onConnect' | 'onMailFrom' | 'onRcptTo' | 'onData'>
>;

type Callback = (error?: Error | null) => void;

export function createExchangeHooks(
  receptionPoint: ReceptionPoint,
  settings: ExchangeHookSettings,
): ExchangeHooks {
  /** Runs a hook's work; a thrown reply or refusal is sent, anything else is logged as ours. */
  const settle = <T>(
    work: Promise<T>,
    what: string,
    session: SMTPServerSession,
    onValue: (value: T) => void,
    onReply: (reply: SmtpReply) => void,
  ) => {
    work.then(onValue, (error: unknown) => {
      const reply = replyFromError(error);
      if (reply.blame === 'server') settings.log.error(`${what} failed (session ${session.id})`, error);
      onReply(reply);
    });
  };

  return {
    onConnect(_session: SMTPServerSession, callback: Callback) {
      callback(settings.isClosing() ? refusalReply({ reason: 'shutting-down' }) : null);
    },

    onMailFrom(_address: SMTPServerAddress, _session: SMTPServerSession, callback: Callback) {
      // Any reverse-path, the null one included (RFC 5321 §4.5.5): DSNs and notices arrive here.
      callback(settings.isClosing() ? refusalReply({ reason: 'shutting-down' }) : null);
    },

    onRcptTo(address: SMTPServerAddress, session: SMTPServerSession, callback: Callback) {
      const run = async (): Promise<Error | null> => {
        const refusal = await receptionPoint.checkRecipient(address.address, session.envelope.rcptTo.length);
        return refusal === undefined ? null : refusalReply(refusal);
      };
      settle(run(), 'RCPT TO', session, callback, callback);
    },

    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const run = async (): Promise<string> => {
        const collected = await collectMessage(stream, settings.maxMessageBytes);
        if (collected.kind === 'too-big') {
          throw refusalReply({
            reason: 'message-too-large',
            limitBytes: settings.maxMessageBytes,
            part: 'message',
          });
        }
        const limit = checkMessageLimits(collected.bytes, settings.limits);
        if (limit !== undefined) throw refusalReply(limit);
        const mailFrom = session.envelope.mailFrom;
        if (mailFrom === false) throw exchangeReplies.noTransaction();
        const outcome = await receptionPoint.receive({
          mailFrom: mailFrom.address,
          rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: collected.bytes,
          remoteAddress: session.remoteAddress,
          secure: session.secure,
        });
        if (outcome.kind === 'refused') {
          const reply = refusalReply(outcome.refusal);
          settings.log.info(`refused ${outcome.classification} from ${session.remoteAddress}: ${reply.text}`);
          throw reply;
        }
        const detail = outcome.detail === undefined ? '' : ` (${outcome.detail})`;
        settings.log.info(
          `received ${outcome.classification} ${outcome.reference} from ${session.remoteAddress}${detail}`,
        );
        return outcome.text;
      };
      settle(
        settings.track(run()),
        'DATA',
        session,
        (text) => {
          callback(null, text);
        },
        callback,
      );
    },
  };
}
