/**
 * One IMAP connection (RFC 9051 §3, §5.5, §7): reader events → `parseCommand` → the descriptor's
 * state check → `run` → untagged updates → the tagged reply. Commands run one at a time in arrival
 * order (pipelined APPENDs together, replies still in order); input is paused while one runs, so
 * memory stays bounded by the reader's line and literal limits. Errors become replies here and only here (house style principle 9).
 */
import { nullEventLog, type EventLog } from '../../ports/event-log.ts';
import { expectedNetworkCondition } from '../expected-network-condition.ts';
import { observeLogins } from '../observe-logins.ts';
import { imapCapabilities } from './capabilities.ts';
import {
  type CommandContext,
  type CommandDescriptor,
  type CommandName,
  type CommandResult,
} from './command-descriptor.ts';
import { commandTable } from './command-table.ts';
import {
  allowsExpunge,
  commandResultOf,
  isPipelinableAppend,
  stateProblem,
  takeAppends,
  type CommandEvent,
  type StartedCommand,
} from './session-commands.ts';
import { appendPipelined } from './commands/append.ts';
import type { ConnectionLimiter } from './connection-limiter.ts';
import {
  createCommandReader,
  createResponseWriter,
  parseCommand,
  type AppendCommand,
  type ImapResponse,
  type ReaderEvent,
  type StatusResponse,
} from './grammar/index.ts';
import type { ImapLimits } from './imap-limits.ts';
import type { ImapServices } from './imap-services.ts';
import { createSessionUpdates, type ClientLine } from './session-updates.ts';
import { SessionState } from './session-state.ts';
import type { SessionTransport } from './session-transport.ts';

export interface ImapSessionOptions {
  readonly limits: ImapLimits;
  /** Implicit TLS listener. */
  readonly secure: boolean;
  /** Plain listener with TLS material: STARTTLS offered. */
  readonly canStartTls: boolean;
  /** Shared by every session of the server: concurrent sessions per account. */
  readonly accountLimiter: ConnectionLimiter;
  /** Defaults to the full dispatch table (tests may pass a smaller one). */
  readonly commands?: ReadonlyMap<CommandName, CommandDescriptor>;
  /** Bound to this session (`session`, `protocol`, `remoteAddress`). Default: nowhere. */
  readonly events?: EventLog;
}

export interface ImapSession {
  /** Bytes from the client. */
  receive(chunk: Uint8Array): void;
  /** The transport closed (client gone or server shut down): release everything. */
  closed(): void;
  /** Server shutdown: `* BYE` then close. */
  shutdown(reason: string): void;
  readonly state: SessionState;
}

export function createImapSession(
  transport: SessionTransport,
  sharedServices: ImapServices,
  options: ImapSessionOptions,
): ImapSession {
  const { limits } = options;
  const commands = options.commands ?? commandTable;
  const events = options.events ?? nullEventLog;
  const log = {
    error: (where: string, error: unknown) => {
      events.emit({ event: 'error.unexpected', where, error });
    },
  };
  // Logins of this session are reported with its id.
  const services: ImapServices = {
    ...sharedServices,
    authenticator: observeLogins(sharedServices.authenticator, events),
  };
  const state = new SessionState(transport.remoteAddress, options.secure);
  const writer = createResponseWriter();
  // Before authentication, lines and literals are only as large as a LOGIN needs (a few KiB): an
  // unauthenticated client must not make the server buffer a message-sized literal.
  const preAuthLimits = {
    maxLineBytes: Math.min(limits.preAuthMaxLineBytes, limits.maxLineBytes),
    maxLiteralBytes: Math.min(limits.preAuthMaxLiteralBytes, limits.maxLiteralBytes),
    maxCommandLiteralBytes: Math.min(limits.preAuthMaxCommandLiteralBytes, limits.maxCommandLiteralBytes),
  };
  const reader = createCommandReader(preAuthLimits);
  let readerAuthenticated = false;
  function applyReaderLimits(): void {
    const authenticated = state.userOrNull !== null;
    if (authenticated === readerAuthenticated) return;
    readerAuthenticated = authenticated;
    reader.setLimits(
      authenticated
        ? {
            maxLineBytes: limits.maxLineBytes,
            maxLiteralBytes: limits.maxLiteralBytes,
            maxCommandLiteralBytes: limits.maxCommandLiteralBytes,
          }
        : preAuthLimits,
    );
  }
  const queue: ReaderEvent[] = [];
  let running = false;
  let ended = false;
  let badCount = 0;
  let authFailures = 0;
  let lineWaiter: ((line: ClientLine) => void) | null = null;
  let releaseAccount: (() => void) | null = null;

  function send(response: ImapResponse | readonly ImapResponse[]): void {
    if (ended || transport.closed) return;
    transport.write(writer.render(response));
  }

  function sendRendered(bytes: Uint8Array): void {
    if (ended || transport.closed || bytes.length === 0) return;
    transport.write(bytes);
  }

  function close(bye?: string): void {
    if (ended) return;
    if (bye !== undefined) send({ kind: 'untagged', status: 'BYE', text: bye });
    ended = true;
    transport.end();
    release();
  }

  const updates = createSessionUpdates({
    state,
    services,
    limits,
    send,
    close,
    log,
    readLine: () => readLine(),
  });

  function release(): void {
    lineWaiter?.({ kind: 'closed' });
    lineWaiter = null;
    updates.stop();
    releaseAccount?.();
    releaseAccount = null;
  }

  function capabilities(): string[] {
    return imapCapabilities({
      authenticated: state.userOrNull !== null,
      secure: state.secure,
      canStartTls: options.canStartTls,
      commands: new Set(commands.keys()),
    });
  }

  function armTimeout(): void {
    const ms = state.userOrNull === null ? limits.preAuthIdleMs : limits.authIdleMs;
    transport.setIdleTimeout(ms, () => {
      // Inactivity is the client's: while a command is being answered (no client line awaited),
      // a slow store or a loaded machine must not cut the client off mid-command.
      if (running && lineWaiter === null) armTimeout();
      else close('Disconnected for inactivity.');
    });
  }

  /** Routes reader events: raw lines to a waiting AUTHENTICATE/IDLE, everything else to the queue. */
  function accept(events: readonly ReaderEvent[]): void {
    for (const event of events) {
      if (lineWaiter !== null && (event.kind === 'continuation-line' || event.kind === 'error')) {
        const waiter = lineWaiter;
        lineWaiter = null;
        // Hold further input until the command decides what comes next (reader is paused again).
        if (running) transport.pauseInput();
        waiter(
          event.kind === 'continuation-line' ? { kind: 'line', text: event.line } : { kind: 'unreadable' },
        );
      } else {
        queue.push(event);
      }
    }
  }

  function readLine(): Promise<ClientLine> {
    if (ended) return Promise.resolve({ kind: 'closed' });
    const line = new Promise<ClientLine>((resolve) => {
      lineWaiter = resolve;
    });
    transport.resumeInput();
    accept(reader.readContinuationLine());
    return line;
  }

  function countBad(): void {
    badCount++;
    if (badCount >= limits.maxBadCommands) close('Too many invalid IMAP commands.');
  }

  function tagged(tag: string, result: CommandResult): void {
    const base = { kind: 'tagged', tag, status: result.status, text: result.text } as const;
    send(result.code === undefined ? base : { ...base, code: result.code });
  }

  const resultOf = (error: unknown): CommandResult => commandResultOf(error, log);

  /** Parses and checks a command and makes its context; answered at once when it cannot run. */
  function start(event: CommandEvent): StartedCommand {
    const parsed = parseCommand(event, { utf8: state.utf8 });
    if (!parsed.ok && parsed.code === 'invalid-name') {
      // A well-formed command naming a mailbox that cannot exist: NO, as Dovecot answers.
      return {
        kind: 'answered',
        tag: parsed.tag,
        result: { status: 'NO', text: parsed.message },
        bad: false,
      };
    }
    if (!parsed.ok) {
      const code =
        parsed.responseCode === null ? undefined : ({ kind: 'other', text: parsed.responseCode } as const);
      const text =
        parsed.code === 'unknown-command'
          ? 'Unknown command.'
          : `Error in IMAP command ${parsed.name}: ${parsed.message}`;
      const result = { status: 'BAD', text, ...(code === undefined ? {} : { code }) } as const;
      return { kind: 'answered', tag: parsed.tag, result, bad: true };
    }
    const descriptor = commands.get(parsed.name);
    const commandName = event.name === 'UID' ? `UID ${parsed.name}` : parsed.name;
    const problem = descriptor === undefined ? 'Unknown command.' : stateProblem(descriptor, state.state);
    if (descriptor === undefined || problem !== null) {
      const result = { status: 'BAD', text: problem ?? 'Unknown command.' } as const;
      return { kind: 'answered', tag: parsed.tag, result, bad: true };
    }
    badCount = 0;
    const after = { close: false, tls: false };
    const ctx: CommandContext = {
      session: state,
      services,
      limits,
      send,
      sendRendered,
      drained: () => transport.drained(),
      capabilities,
      canStartTls: options.canStartTls && !state.secure,
      startTlsAfterReply: () => {
        after.tls = true;
      },
      readLine: async (prompt: StatusResponse) => {
        send(prompt);
        const line = await readLine();
        return line.kind === 'line' ? line.text : null;
      },
      idle: async () => {
        events.emit({ event: 'idle.started' });
        try {
          return await updates.idle();
        } finally {
          events.emit({ event: 'idle.ended' });
        }
      },
      sync: (syncOptions) => updates.sync(syncOptions?.allowExpunge ?? true, syncOptions?.force ?? false),
      enterAuthenticated: (user) => {
        const slot = options.accountLimiter.acquire(String(user.mailboxId));
        if (slot === null) return false;
        releaseAccount = slot;
        state.login(user);
        updates.watch(user.mailboxId);
        armTimeout();
        return true;
      },
      authenticationFailed: () => {
        authFailures++;
        if (authFailures >= limits.maxAuthFailuresPerConnection) after.close = true;
      },
      closeAfterReply: () => {
        after.close = true;
      },
      commandName,
    };
    return { kind: 'run', tag: parsed.tag, parsed, descriptor, ctx, after };
  }

  /** Runs a started command; never rejects (errors become the result). */
  async function execute(command: Extract<StartedCommand, { kind: 'run' }>): Promise<CommandResult> {
    const { ctx, parsed } = command;
    events.emit({ event: 'command.handled', command: ctx.commandName });
    try {
      return (
        (await command.descriptor.run(ctx, parsed)) ?? { status: 'OK', text: `${ctx.commandName} completed.` }
      );
    } catch (error) {
      return resultOf(error);
    }
  }

  /** The untagged updates owed, then the tagged reply, then what the command asked for after it. */
  async function finish(command: StartedCommand, completed: CommandResult): Promise<void> {
    if (command.kind === 'answered') {
      tagged(command.tag, completed);
      if (command.bad) countBad();
      return;
    }
    const { parsed, after } = command;
    let result = completed;
    if (ended) return;
    try {
      if (state.state === 'selected') await updates.sync(allowsExpunge(parsed));
    } catch (error) {
      log.error('imap update sync failed', error);
    }
    // RFC 7162 §3.2.10: after VANISHED the client learns the folder's new HIGHESTMODSEQ in the tagged OK.
    const selectedNow = state.selectedOrNull;
    if (
      updates.takeVanishedSent() &&
      selectedNow !== null &&
      result.status === 'OK' &&
      result.code === undefined
    ) {
      result = { ...result, code: { kind: 'HIGHESTMODSEQ', value: selectedNow.highestModseq } };
    }
    if (state.utf8 && !writer.utf8) writer.enableUtf8();
    tagged(command.tag, result);
    if (after.close) {
      close(state.state === 'logout' ? undefined : 'Too many authentication failures.');
      return;
    }
    if (after.tls) {
      reader.discardBuffered();
      try {
        await transport.startTls();
        state.secure = true;
      } catch (error) {
        const condition = expectedNetworkCondition(error);
        if (condition === undefined) log.error('imap STARTTLS handshake', error);
        else events.emit({ event: 'connection.lost', code: condition.code, message: condition.message });
        close();
      }
    }
  }

  async function runCommand(event: CommandEvent): Promise<void> {
    const command = start(event);
    await finish(command, command.kind === 'run' ? await execute(command) : command.result);
  }

  /**
   * Consecutive APPENDs already received (pipelined, LITERAL+ RFC 7888) run together
   * (commands/append.ts `appendPipelined`): their blobs are written together, then the messages are
   * filed in command order in one transaction, a savepoint each, so UIDs follow the commands on every
   * store and one commit makes them durable instead of one or two fsyncs each; the replies still go
   * out in command order, each after its message is durable. RFC 9051 §5.5 allows running commands
   * together when no result depends on another's: an APPEND's outcome depends only on its own folder,
   * quota and bytes, and filing them in order makes the quota the same as for one after another.
   */
  async function runAppends(group: readonly CommandEvent[]): Promise<void> {
    const started = group.map(start);
    const runnable = started.filter((command) => command.kind === 'run');
    for (const command of runnable)
      events.emit({ event: 'command.handled', command: command.ctx.commandName });
    const filed = appendPipelined(
      runnable.map((command) => ({ ctx: command.ctx, command: command.parsed as AppendCommand })),
    );
    // Each outcome is mapped at once (a later one may fail while an earlier one is being answered).
    const answers = filed.map((result) => result.catch(resultOf));
    let next = 0;
    for (const command of started) {
      const result =
        command.kind === 'run' ? await (answers[next++] as Promise<CommandResult>) : command.result;
      if (ended) return;
      await finish(command, result);
      applyReaderLimits();
    }
  }

  async function handle(event: ReaderEvent): Promise<void> {
    switch (event.kind) {
      case 'command':
        await runCommand(event);
        applyReaderLimits();
        break;
      case 'continue-literal':
        send({ kind: 'continue', text: 'Ready for literal data' });
        break;
      case 'continuation-line':
        break;
      case 'error':
        if (event.code === 'literal-too-large' && event.nonSyncLiteral === true) {
          // RFC 7888 §4: the client sends the bytes anyway; do not read them.
          close(`[TOOBIG] ${event.message}`);
          return;
        }
        if (event.tag === undefined) send({ kind: 'untagged', status: 'BAD', text: event.message });
        else if (event.code === 'literal-too-large') {
          send({
            kind: 'tagged',
            tag: event.tag,
            status: 'NO',
            code: { kind: 'TOOBIG' },
            text: event.message,
          });
        } else send({ kind: 'tagged', tag: event.tag, status: 'BAD', text: event.message });
        countBad();
        break;
    }
    // The reader pauses right after a pausing command (AUTHENTICATE, IDLE, STARTTLS), so that command
    // is the last queued event: resume only once it has been handled.
    if (reader.paused && queue.length === 0 && lineWaiter === null && !ended) accept(reader.resume());
  }

  const isAppend = (event: ReaderEvent | undefined): event is CommandEvent =>
    isPipelinableAppend(event, state.state);

  async function pump(): Promise<void> {
    if (running) return;
    running = true;
    transport.pauseInput();
    try {
      for (let event = queue.shift(); event !== undefined && !ended; event = queue.shift()) {
        const group = isAppend(event) ? takeAppends(event, queue, isAppend) : [];
        if (group.length > 1) await runAppends(group);
        else await handle(event);
      }
    } catch (error) {
      log.error('imap session failed', error);
      close('Internal error.');
    } finally {
      running = false;
    }
    if (!ended) transport.resumeInput();
  }

  send({
    kind: 'untagged',
    status: 'OK',
    code: { kind: 'CAPABILITY', capabilities: capabilities() },
    text: 'PEC IMAP server ready.',
  });
  armTimeout();

  return {
    receive(chunk) {
      if (ended) return;
      accept(reader.push(chunk));
      void pump();
    },
    closed() {
      ended = true;
      release();
    },
    shutdown(reason) {
      close(reason);
    },
    state,
  };
}
