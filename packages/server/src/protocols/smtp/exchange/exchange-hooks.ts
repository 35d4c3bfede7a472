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
import type { EventLog } from '../../../ports/event-log.ts';
import type { ReceptionPoint } from '../../../services/pipeline/reception-point/reception-point.ts';
import { refusalReply, replyFromError } from '../refusal-reply.ts';
import type { SmtpReply } from '../reply.ts';
import { collectMessage } from '../submission/collect-message.ts';
import { checkMessageLimits, type MessageLimits } from './check-message-limits.ts';
import { exchangeReplies } from './exchange-replies.ts';

export interface ExchangeHookSettings {
  readonly maxMessageBytes: number;
  readonly limits: MessageLimits;
  /** Bound to the MX (`protocol: 'smtp-mx'`); sessions add their id. */
  readonly events: EventLog;
  /** True once the server is stopping: new transactions get 421. */
  readonly isClosing: () => boolean;
  /** Registers work that `close()` must wait for (a message being received). */
  readonly track: <T>(work: Promise<T>) => Promise<T>;
}

export type ExchangeHooks = Required<
  Pick<SMTPServerOptions, 'onConnect' | 'onClose' | 'onMailFrom' | 'onRcptTo' | 'onData'>
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
      if (reply.blame === 'server') {
        settings.events.emit({ event: 'error.unexpected', session: session.id, where: what, error });
      }
      onReply(reply);
    });
  };

  return {
    onConnect(session: SMTPServerSession, callback: Callback) {
      const closing = settings.isClosing();
      settings.events.emit(
        closing
          ? {
              event: 'connection.rejected',
              session: session.id,
              remoteAddress: session.remoteAddress,
              reason: 'shutting-down',
            }
          : {
              event: 'connection.opened',
              session: session.id,
              remoteAddress: session.remoteAddress,
              tls: session.secure,
            },
      );
      callback(closing ? refusalReply({ reason: 'shutting-down' }) : null);
    },

    onClose(session: SMTPServerSession) {
      settings.events.emit({ event: 'connection.closed', session: session.id });
    },

    onMailFrom(_address: SMTPServerAddress, session: SMTPServerSession, callback: Callback) {
      settings.events.emit({ event: 'command.handled', session: session.id, command: 'MAIL' });
      // Any reverse-path, the null one included (RFC 5321 §4.5.5): DSNs and notices arrive here.
      callback(settings.isClosing() ? refusalReply({ reason: 'shutting-down' }) : null);
    },

    onRcptTo(address: SMTPServerAddress, session: SMTPServerSession, callback: Callback) {
      settings.events.emit({ event: 'command.handled', session: session.id, command: 'RCPT' });
      const run = async (): Promise<Error | null> => {
        const refusal = await receptionPoint.checkRecipient(address.address, session.envelope.rcptTo.length);
        return refusal === undefined ? null : refusalReply(refusal);
      };
      settle(run(), 'RCPT TO', session, callback, callback);
    },

    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      settings.events.emit({ event: 'command.handled', session: session.id, command: 'DATA' });
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
        settings.events.emit({
          event: 'reception.completed',
          session: session.id,
          outcome: outcome.kind,
          classification: outcome.classification,
          ...(outcome.kind === 'accepted' ? { id: outcome.reference } : { reason: outcome.refusal.reason }),
        });
        if (outcome.kind === 'refused') throw refusalReply(outcome.refusal);
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
