/**
 * The smtp-server hooks of the submission listeners, translated to the service seams and nothing
 * else: AUTH → Authenticator, MAIL FROM → AccessPoint.checkSender, RCPT TO → checkRecipient, end of
 * DATA → AccessPoint.submit. `250` is sent only after `submit` resolved `accepted` (decision 0004);
 * every failure becomes a refusal with its own text, and our own failures a logged 451 4.3.0.
 */
import type {
  SMTPServerAddress,
  SMTPServerAuthentication,
  SMTPServerAuthenticationResponse,
  SMTPServerDataStream,
  SMTPServerOptions,
  SMTPServerSession,
} from 'smtp-server';
import type { Authenticator, LoginResult } from '../../../services/accounts/authenticator.ts';
import type { AccessPoint, SubmissionOutcome } from '../../../services/pipeline/access-point/access-point.ts';
import { SubmissionRefusedError } from '../../../services/pipeline/access-point/create-access-point.ts';
import { acceptedText, replyFromError, replyFromRefusal, smtpReplies, SmtpReply } from '../reply.ts';
import { collectMessage } from './collect-message.ts';

export interface SubmissionServices {
  readonly accessPoint: AccessPoint;
  readonly authenticator: Authenticator;
}

/** Where the listeners report what an operator needs to see: our own failures above all. */
export interface SubmissionLogger {
  info(message: string): void;
  error(message: string, error: unknown): void;
}

export interface SubmissionHookSettings {
  readonly maxMessageBytes: number;
  readonly log: SubmissionLogger;
  /** True once the server is stopping: new transactions get 421. */
  readonly isClosing: () => boolean;
  /** Registers work that `close()` must wait for (a submission in progress). */
  readonly track: <T>(work: Promise<T>) => Promise<T>;
}

export type SubmissionHooks = Required<
  Pick<SMTPServerOptions, 'onConnect' | 'onSecure' | 'onAuth' | 'onMailFrom' | 'onRcptTo' | 'onData'>
>;

type Callback = (error?: Error | null) => void;
type AuthCallback = (error: Error | null | undefined, response?: SMTPServerAuthenticationResponse) => void;

/** The authenticated mailbox of a session: `onAuth` stores the address as `session.user`. */
function sessionUser(session: SMTPServerSession): string | undefined {
  const user: unknown = session.user;
  return typeof user === 'string' && user !== '' ? user : undefined;
}

function loginRefusal(result: Exclude<LoginResult, { ok: true }>): SmtpReply {
  switch (result.reason) {
    case 'invalid-credentials':
      return smtpReplies.badCredentials();
    case 'throttled':
      return smtpReplies.authThrottled();
    case 'disabled':
      return smtpReplies.mailboxDisabled();
  }
}

function notAcceptedReply(outcome: Extract<SubmissionOutcome, { kind: 'not-accepted' }>): SmtpReply {
  const text = outcome.text.includes(outcome.identifier)
    ? outcome.text
    : `${outcome.text} (identificativo ${outcome.identifier})`;
  const reply = replyFromRefusal({ smtpCode: outcome.smtpCode, enhancedCode: outcome.enhancedCode, text });
  if (reply.code < 500) throw new RangeError(`a non-acceptance must be permanent, got ${reply.code}`);
  return reply;
}

/** The identifier of a well-formed `accepted` outcome; a refusal or a bug is thrown instead. */
function acceptedIdentifier(outcome: SubmissionOutcome): string {
  if (outcome.kind === 'accepted' && typeof outcome.identifier === 'string' && outcome.identifier !== '') {
    return outcome.identifier;
  }
  if (outcome.kind === 'not-accepted') throw notAcceptedReply(outcome);
  throw new TypeError('the access point returned an outcome that is neither accepted nor not-accepted');
}

/** `submit`, with the access point's SMTP-level refusal (no notice: decision 0004) as a reply. */
function submitVia(accessPoint: AccessPoint): AccessPoint['submit'] {
  return async (submission) => {
    try {
      return await accessPoint.submit(submission);
    } catch (error) {
      if (error instanceof SubmissionRefusedError) throw replyFromRefusal(error.refusal);
      throw error;
    }
  };
}

export function createSubmissionHooks(
  services: SubmissionServices,
  settings: SubmissionHookSettings,
): SubmissionHooks {
  const { accessPoint, authenticator } = services;
  const submit = submitVia(accessPoint);

  /** Runs a hook's work; a thrown refusal is sent as it is, anything else is logged and sent as 451. */
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
        callback(refusal ?? null);
      },
      callback,
    );
  };

  return {
    onConnect(session: SMTPServerSession, callback: Callback) {
      if (settings.isClosing()) {
        callback(smtpReplies.shuttingDown());
        return;
      }
      // Over plain text AUTH is neither offered nor accepted (pec-spec §8.6, RFC 4954 §4);
      // MAIL before it gets 530 from onMailFrom.
      if (!session.secure) session.disabledCommands = ['AUTH'];
      callback();
    },

    onSecure(_socket: unknown, session: SMTPServerSession, callback: Callback) {
      session.disabledCommands = undefined;
      callback();
    },

    onAuth(auth: SMTPServerAuthentication, session: SMTPServerSession, callback: AuthCallback) {
      const run = async (): Promise<SMTPServerAuthenticationResponse> => {
        if (!session.secure) throw smtpReplies.authRequired(false);
        const username = auth.username ?? '';
        // SMTP submission acts only as the authenticated mailbox: an authzid must name it.
        if (
          auth.authzid !== undefined &&
          auth.authzid !== '' &&
          auth.authcid !== undefined &&
          auth.authcid !== ''
        ) {
          if (auth.authzid.toLowerCase() !== auth.authcid.toLowerCase()) {
            throw smtpReplies.foreignAuthorizationIdentity();
          }
        }
        const result = await authenticator.authenticate({
          username,
          password: auth.password ?? '',
          protocol: 'smtp',
          remoteAddress: session.remoteAddress,
          clientId: session.hostNameAppearsAs || undefined,
        });
        if (!result.ok) throw loginRefusal(result);
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
      const run = async (): Promise<Error | undefined> => {
        if (settings.isClosing()) return smtpReplies.shuttingDown();
        const user = sessionUser(session);
        if (user === undefined) return smtpReplies.authRequired(session.secure);
        const refusal = await accessPoint.checkSender(user, address.address);
        return refusal === undefined ? undefined : replyFromRefusal(refusal);
      };
      answer(run(), callback, 'MAIL FROM', session);
    },

    onRcptTo(address: SMTPServerAddress, session: SMTPServerSession, callback: Callback) {
      const run = async (): Promise<Error | undefined> => {
        if (sessionUser(session) === undefined) return smtpReplies.authRequired(session.secure);
        const refusal = await accessPoint.checkRecipient(address.address, session.envelope.rcptTo.length);
        return refusal === undefined ? undefined : replyFromRefusal(refusal);
      };
      answer(run(), callback, 'RCPT TO', session);
    },

    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const run = async (): Promise<string> => {
        // A stream that breaks off is the connection going away: nothing to answer, nothing of ours failed.
        const collected = await collectMessage(stream, settings.maxMessageBytes).catch((error: unknown) => {
          throw new SmtpReply(
            451,
            '4.4.2',
            'The message did not arrive completely; send it again',
            'client',
            error,
          );
        });
        if (collected.kind === 'too-big') throw smtpReplies.messageTooBig(settings.maxMessageBytes);
        const user = sessionUser(session);
        const mailFrom = session.envelope.mailFrom;
        if (user === undefined || mailFrom === false) throw smtpReplies.authRequired(session.secure);
        const outcome = await submit({
          authenticatedUser: user,
          mailFrom: mailFrom.address,
          rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: collected.bytes,
          remoteAddress: session.remoteAddress,
          secure: session.secure,
        });
        const identifier = acceptedIdentifier(outcome);
        settings.log.info(`accepted ${identifier} from ${user} (session ${session.id})`);
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
