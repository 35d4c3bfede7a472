/**
 * Port for the operator's event log: one typed catalogue of what the provider reports (connections,
 * logins, submissions, receptions, PEC artefacts, relay, jobs, listeners, our own failures), so
 * that logs and metrics come from the same events. Adapters: telemetry/ (pino JSON lines, the
 * metrics sink, an in-memory sink for tests) and `nullEventLog` below. docs/logging.md lists every
 * event with its level, fields and when it is emitted.
 *
 * Rules. Every event names what it concerns: the PEC identificativo (`id`) or the session
 * (`session`), bound once per session with `child`. Expected network conditions (a client gone,
 * a failed TLS handshake) are `connection.lost`: one short line, never a stack. Only
 * `error.unexpected` carries an error with its stack: it means a bug of ours or a broken
 * dependency. This is not the registro dei log (ports/legal-log.ts), which is evidence.
 */

/** The adapter a session belongs to. */
export type EventProtocol = 'smtp-submission' | 'smtp-mx' | 'imap' | 'pop3' | 'http';

/** PEC artefacts, named as the legal log names them (services/log-register/legal-log-events.ts). */
export type ArtefactType =
  | 'acceptance'
  | 'non-acceptance'
  | 'transport-envelope'
  | 'take-charge'
  | 'delivery-receipt'
  | 'delivery-error'
  | 'timeout-first-notice'
  | 'timeout-final-notice'
  | 'virus-detection'
  | 'anomaly-envelope'
  | 'dsn';

/** Fields that `child` binds once for a session and that every event may carry. */
export interface EventBindings {
  /** Session id: unique per connection within the process. */
  readonly session?: string;
  readonly protocol?: EventProtocol;
  readonly remoteAddress?: string;
  /** The PEC identificativo (or Message-ID) concerned. */
  readonly id?: string;
}

/** The catalogue, keyed by `event`. Fields beyond the bindings are listed per event. */
export type LogEvent = EventBindings &
  (
    | {
        readonly event: 'listener.started';
        readonly listener: string;
        readonly host: string;
        readonly port: number;
      }
    | { readonly event: 'listener.stopped'; readonly listener: string }
    | { readonly event: 'connection.opened'; readonly tls: boolean }
    | { readonly event: 'connection.closed' }
    /** Turned away before a session: too many connections, or the server is stopping. */
    | { readonly event: 'connection.rejected'; readonly reason: 'too-many-connections' | 'shutting-down' }
    /** An expected network condition: reset, timeout, early close, failed TLS handshake. No stack. */
    | { readonly event: 'connection.lost'; readonly code: string; readonly message: string }
    /**
     * The operator's log passed on only so many `connection.lost` and `connection.rejected` events of
     * one listener in a second: this many more were left out (the metrics count them all).
     */
    | { readonly event: 'connection.suppressed'; readonly suppressed: number; readonly windowMs: number }
    | { readonly event: 'command.handled'; readonly command: string }
    | { readonly event: 'auth.succeeded'; readonly user: string }
    | { readonly event: 'auth.failed'; readonly user: string; readonly reason: string }
    /** The access point took a message in charge (pec-spec §2.2): the 250 reply follows. */
    | { readonly event: 'submission.accepted'; readonly user: string; readonly recipients: number }
    /** Refused at MAIL, RCPT or DATA (`reason`: the refusal's reason code); `id` when a notice was issued. */
    | {
        readonly event: 'submission.refused';
        readonly stage: 'mail-from' | 'rcpt-to' | 'data';
        readonly reason: string;
      }
    /** The MX answered a message at the end of DATA (pec-spec §2.3). */
    | {
        readonly event: 'reception.completed';
        readonly outcome: 'accepted' | 'refused';
        readonly classification: string;
        /** When refused: the refusal reason (docs/refusals.md). */
        readonly reason?: string;
      }
    /** A valid transport envelope from another provider was taken in charge (pec-spec §2.3). */
    | { readonly event: 'envelope.received'; readonly sender: string }
    /** The delivery point stored an envelope in a recipient's mailbox (pec-spec §2.4). */
    | { readonly event: 'envelope.delivered'; readonly recipients: number }
    /** A receipt, notice or envelope was signed and committed (pec-spec §3). */
    | { readonly event: 'artefact.issued'; readonly type: ArtefactType }
    /** One relay attempt to a peer and what came of it, per group of recipients (pec-spec §2.2 step 8). */
    | {
        readonly event: 'relay.attempted';
        readonly jobId: number;
        readonly peer: string;
        readonly outcome: 'relayed' | 'deferred' | 'failed' | 'expired';
        readonly recipients: number;
        readonly detail: string;
      }
    | {
        readonly event: 'job.completed';
        readonly jobId: number;
        readonly kind: string;
        readonly durationMs: number;
      }
    /** An outbox job threw: it is retried or parked (ports/queue-store.ts). */
    | {
        readonly event: 'job.failed';
        readonly jobId?: number;
        readonly kind?: string;
        readonly error: unknown;
      }
    | { readonly event: 'index.updated'; readonly detail: string }
    /** A signer's revocation status could not be obtained and the lenient policy accepted it (decision 0009). */
    | { readonly event: 'revocation.warning'; readonly detail: string }
    /**
     * The spam filter scored a message (decision 0034): `action` is what was done with it for its
     * recipients (`filed` = not spam, `spam-folder`, `labelled` = a PEC marked $Junk in place, `refused`).
     */
    | {
        readonly event: 'antispam.scored';
        readonly score: number;
        readonly symbols: readonly string[];
        readonly action: 'filed' | 'spam-folder' | 'labelled' | 'refused';
      }
    /** The spam filter could not answer: the message flows unscored (fail open, decision 0034). */
    | { readonly event: 'antispam.unavailable'; readonly reason: string }
    | { readonly event: 'signature.created'; readonly durationMs: number }
    /** The reception point verified and classified a message (pec-spec §8.4). */
    | { readonly event: 'signature.verified'; readonly durationMs: number; readonly verdict: string }
    | {
        readonly event: 'storage.transaction';
        readonly durationMs: number;
        readonly outcome: 'committed' | 'rolled-back';
      }
    | { readonly event: 'idle.started' }
    | { readonly event: 'idle.ended' }
    /** A failure of ours (a bug, a broken dependency): logged with its stack. */
    | { readonly event: 'error.unexpected'; readonly where: string; readonly error: unknown }
  );

export type LogEventName = LogEvent['event'];

export type EventLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/** The level of each event, for sinks that filter (docs/logging.md). */
export const eventLevels: Readonly<Record<LogEventName, EventLevel>> = {
  'listener.started': 'info',
  'listener.stopped': 'info',
  'connection.opened': 'debug',
  'connection.closed': 'debug',
  'connection.rejected': 'info',
  'connection.lost': 'debug',
  'connection.suppressed': 'warn',
  'command.handled': 'trace',
  'auth.succeeded': 'info',
  'auth.failed': 'warn',
  'submission.accepted': 'info',
  'submission.refused': 'info',
  'reception.completed': 'info',
  'envelope.received': 'info',
  'envelope.delivered': 'info',
  'artefact.issued': 'info',
  'relay.attempted': 'info',
  'antispam.scored': 'info',
  'antispam.unavailable': 'warn',
  'job.completed': 'debug',
  'job.failed': 'error',
  'index.updated': 'info',
  'revocation.warning': 'warn',
  'signature.created': 'trace',
  'signature.verified': 'debug',
  'storage.transaction': 'trace',
  'idle.started': 'debug',
  'idle.ended': 'debug',
  'error.unexpected': 'error',
};

export interface EventLog {
  /** Records one event; never throws and never waits. */
  emit(event: LogEvent): void;
  /** An event log whose events all carry `bindings` (a session, a protocol, an identificativo). */
  child(bindings: EventBindings): EventLog;
}

/** Merges `bindings` into every event before handing it to `emit`: the usual `child`. */
export function bindEvents(emit: (event: LogEvent) => void, bindings: EventBindings): EventLog {
  return {
    emit: (event) => {
      emit({ ...bindings, ...event });
    },
    child: (more) => bindEvents(emit, { ...bindings, ...more }),
  };
}

/** Drops every event: the default of services and listeners built without one. */
export const nullEventLog: EventLog = {
  emit: () => undefined,
  child: () => nullEventLog,
};
