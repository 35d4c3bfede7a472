/**
 * The smtp-server hooks of the submission listeners, translated to the service seams and nothing
 * else: AUTH → Authenticator, MAIL FROM → AccessPoint.checkSender, RCPT TO → checkRecipient, end of
 * DATA → AccessPoint.submit. `250` is sent only after `submit` resolved `accepted` (decision 0004);
 * every refusal becomes its reply through ../refusal-reply.ts, and our own failures a logged
 * `internal-error`.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type {
  SMTPServerAddress,
  SMTPServerAuthentication,
  SMTPServerAuthenticationResponse,
  SMTPServerDataStream,
  SMTPServerOptions,
  SMTPServerSession,
} from 'smtp-server';
import type { EventLog } from '../../../ports/event-log.ts';
import type { Authenticator } from '../../../services/accounts/authenticator.ts';
import type { AccessPoint, SubmissionOutcome } from '../../../services/pipeline/access-point/access-point.ts';
import type { Refusal } from '../../../services/refusal/refusal.ts';
import { refusalReply, replyFromError } from '../refusal-reply.ts';
import { acceptedText, SmtpReply } from '../reply.ts';
import { collectMessage } from './collect-message.ts';

export interface SubmissionServices {
  readonly accessPoint: AccessPoint;
  readonly authenticator: Authenticator;
}

export interface SubmissionHookSettings {
  readonly maxMessageBytes: number;
  /** Bound to the listeners (`protocol: 'smtp-submission'`); sessions add their id. */
  readonly events: EventLog;
  /** True once the server is stopping: new transactions get 421. */
  readonly isClosing: () => boolean;
  /** Registers work that `close()` must wait for (a submission in progress). */
  readonly track: <T>(work: Promise<T>) => Promise<T>;
  /**
   * Pause before answering a failed AUTH, times the failures of the session so far (at most 5×), so
   * that guessing on one connection is slow; a timer, never a blocked event loop. Default 1000 ms.
   */
  readonly authFailureDelayMs?: number;
}

/** The growth of the AUTH failure delay stops at this many failures. */
const maxDelaySteps = 5;

export type SubmissionHooks = Required<
  Pick<
    SMTPServerOptions,
    'onConnect' | 'onClose' | 'onSecure' | 'onAuth' | 'onMailFrom' | 'onRcptTo' | 'onData'
  >
>;

type Callback = (error?: Error | null) => void;
type AuthCallback = (error: Error | null | undefined, response?: SMTPServerAuthenticationResponse) => void;

/** The authenticated mailbox of a session: `onAuth` stores the address as `session.user`. */
function sessionUser(session: SMTPServerSession): string | undefined {
  const user: unknown = session.user;
  return typeof user === 'string' && user !== '' ? user : undefined;
}

/** RFC 4954 §6: a transaction before AUTH; over plain text, AUTH is not even offered (pec-spec §8.6). */
function authenticationRequired(secure: boolean): Refusal {
  return { reason: secure ? 'authentication-required' : 'encryption-required' };
}

/** The client sees the identificativo of the notice filed in its INBOX (pec-spec §6.1). */
function notAcceptedReply(outcome: Extract<SubmissionOutcome, { kind: 'not-accepted' }>): SmtpReply {
  return refusalReply({ ...outcome.refusal, notice: outcome.refusal.notice ?? outcome.identifier });
}

/** The identifier of a well-formed `accepted` outcome; a refusal or a bug is thrown instead. */
function acceptedIdentifier(outcome: SubmissionOutcome): string {
  if (outcome.kind === 'accepted' && typeof outcome.identifier === 'string' && outcome.identifier !== '') {
    return outcome.identifier;
  }
  if (outcome.kind === 'not-accepted') throw notAcceptedReply(outcome);
  throw new TypeError('the access point returned an outcome that is neither accepted nor not-accepted');
}

export function createSubmissionHooks(
  services: SubmissionServices,
  settings: SubmissionHookSettings,
): SubmissionHooks {
  const { accessPoint, authenticator } = services;
  /** A refusal without a notice (no message yet, or too large: decision 0004) is thrown by `submit`. */
  const submit = accessPoint.submit.bind(accessPoint);
  const { events } = settings;
  const authFailureDelayMs = settings.authFailureDelayMs ?? 1000;
  /** Failed AUTH commands per session id, forgotten when the session closes. */
  const authFailures = new Map<string, number>();
  /** Refusals already reported with their identificativo (a non-acceptance notice was issued). */
  const reported = new WeakSet<SmtpReply>();
  const stages = { 'MAIL FROM': 'mail-from', 'RCPT TO': 'rcpt-to', DATA: 'data' } as const;
  const refused = (what: string, session: SMTPServerSession, reply: SmtpReply, id?: string) => {
    const stage = stages[what as keyof typeof stages] as (typeof stages)[keyof typeof stages] | undefined;
    if (stage === undefined || reported.has(reply)) return;
    reported.add(reply);
    events.emit({
      event: 'submission.refused',
      session: session.id,
      stage,
      reason: reply.reason ?? reply.enhancedCode,
      ...(id === undefined ? {} : { id }),
    });
  };

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
      if (reply.blame === 'server')
        events.emit({ event: 'error.unexpected', session: session.id, where: what, error });
      else refused(what, session, reply);
      onReply(reply);
    });
  };
  const answer = (
    work: Promise<Error | undefined>,
    callback: Callback,
    what: string,
    session: SMTPServerSession,
  ) => {
    settle(
      work,
      what,
      session,
      (refusal) => {
        if (refusal instanceof SmtpReply) refused(what, session, refusal);
        callback(refusal ?? null);
      },
      callback,
    );
  };

  return {
    onConnect(session: SMTPServerSession, callback: Callback) {
      if (settings.isClosing()) {
        events.emit({
          event: 'connection.rejected',
          session: session.id,
          remoteAddress: session.remoteAddress,
          reason: 'shutting-down',
        });
        callback(refusalReply({ reason: 'shutting-down' }));
        return;
      }
      events.emit({
        event: 'connection.opened',
        session: session.id,
        remoteAddress: session.remoteAddress,
        tls: session.secure,
      });
      // Over plain text AUTH is neither offered nor accepted (pec-spec §8.6, RFC 4954 §4);
      // MAIL before it gets 530 from onMailFrom.
      if (!session.secure) session.disabledCommands = ['AUTH'];
      callback();
    },

    onClose(session: SMTPServerSession) {
      authFailures.delete(session.id);
      events.emit({ event: 'connection.closed', session: session.id });
    },

    onSecure(_socket: unknown, session: SMTPServerSession, callback: Callback) {
      session.disabledCommands = undefined;
      callback();
    },

    onAuth(auth: SMTPServerAuthentication, session: SMTPServerSession, callback: AuthCallback) {
      events.emit({ event: 'command.handled', session: session.id, command: 'AUTH' });
      const run = async (): Promise<SMTPServerAuthenticationResponse> => {
        if (!session.secure) throw refusalReply({ reason: 'encryption-required' });
        const username = auth.username ?? '';
        // SMTP submission acts only as the authenticated mailbox: an authzid must name it.
        if (
          auth.authzid !== undefined &&
          auth.authzid !== '' &&
          auth.authcid !== undefined &&
          auth.authcid !== ''
        ) {
          if (auth.authzid.toLowerCase() !== auth.authcid.toLowerCase()) {
            throw refusalReply({ reason: 'foreign-identity' });
          }
        }
        const result = await authenticator.authenticate({
          username,
          password: auth.password ?? '',
          protocol: 'smtp',
          remoteAddress: session.remoteAddress,
          clientId: session.hostNameAppearsAs || undefined,
        });
        if (!result.ok) {
          events.emit({
            event: 'auth.failed',
            session: session.id,
            user: username,
            reason: result.refusal.reason,
          });
          const failures = (authFailures.get(session.id) ?? 0) + 1;
          authFailures.set(session.id, failures);
          await delay(authFailureDelayMs * Math.min(failures, maxDelaySteps));
          throw refusalReply(result.refusal);
        }
        events.emit({ event: 'auth.succeeded', session: session.id, user: result.address });
        return { user: result.address };
      };
      settle(
        run(),
        'AUTH',
        session,
        (response) => {
          callback(null, response);
        },
        callback,
      );
    },

    onMailFrom(address: SMTPServerAddress, session: SMTPServerSession, callback: Callback) {
      events.emit({ event: 'command.handled', session: session.id, command: 'MAIL' });
      const run = async (): Promise<Error | undefined> => {
        if (settings.isClosing()) return refusalReply({ reason: 'shutting-down' });
        const user = sessionUser(session);
        if (user === undefined) return refusalReply(authenticationRequired(session.secure));
        const refusal = await accessPoint.checkSender(user, address.address);
        return refusal === undefined ? undefined : refusalReply(refusal);
      };
      answer(run(), callback, 'MAIL FROM', session);
    },

    onRcptTo(address: SMTPServerAddress, session: SMTPServerSession, callback: Callback) {
      events.emit({ event: 'command.handled', session: session.id, command: 'RCPT' });
      const run = async (): Promise<Error | undefined> => {
        if (sessionUser(session) === undefined) return refusalReply(authenticationRequired(session.secure));
        const refusal = await accessPoint.checkRecipient(address.address, session.envelope.rcptTo.length);
        return refusal === undefined ? undefined : refusalReply(refusal);
      };
      answer(run(), callback, 'RCPT TO', session);
    },

    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      events.emit({ event: 'command.handled', session: session.id, command: 'DATA' });
      const run = async (): Promise<string> => {
        // A stream that breaks off is the connection going away: nothing to answer, nothing of ours failed.
        const collected = await collectMessage(stream, settings.maxMessageBytes).catch((error: unknown) => {
          throw refusalReply({ reason: 'message-incomplete' }, error);
        });
        if (collected.kind === 'too-big') {
          throw refusalReply({
            reason: 'message-too-large',
            limitBytes: settings.maxMessageBytes,
            part: 'message',
          });
        }
        const user = sessionUser(session);
        const mailFrom = session.envelope.mailFrom;
        if (user === undefined || mailFrom === false)
          throw refusalReply(authenticationRequired(session.secure));
        const outcome = await submit({
          authenticatedUser: user,
          mailFrom: mailFrom.address,
          rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: collected.bytes,
          remoteAddress: session.remoteAddress,
          secure: session.secure,
        });
        if (outcome.kind === 'not-accepted') {
          const reply = notAcceptedReply(outcome);
          refused('DATA', session, reply, outcome.identifier);
          throw reply;
        }
        const identifier = acceptedIdentifier(outcome);
        events.emit({
          event: 'submission.accepted',
          session: session.id,
          id: identifier,
          user,
          recipients: session.envelope.rcptTo.length,
        });
        return acceptedText(identifier);
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
