/**
 * One IMAP connection (RFC 9051 §3, §5.5, §7): reader events → `parseCommand` → the descriptor's
 * state check → `run` → untagged updates → the tagged reply. Commands run one at a time in arrival
 * order (pipelined APPENDs together, replies still in order); input is paused while one runs, so
 * memory stays bounded by the reader's line and literal limits. Errors become replies here and only here (house style principle 9).
 */
import { nullEventLog } from '../../ports/event-log.ts';
import { expectedNetworkCondition } from '../expected-network-condition.ts';
import { observeLogins } from '../observe-logins.ts';
import { imapCapabilities } from './capabilities.ts';
import type { CommandResult } from './command-descriptor.ts';
import { commandTable } from './command-table.ts';
import {
  allowsExpunge,
  commandResultOf,
  isPipelinableAppend,
  takeAppends,
  type CommandEvent,
  type StartedCommand,
} from './session-commands.ts';
import { checkCommand } from './check-command.ts';
import { ClientLineRouter } from './client-line-router.ts';
import { createCommandContext } from './create-command-context.ts';
import {
  createCommandReader,
  createResponseWriter,
  type ImapResponse,
  type ReaderEvent,
} from './grammar/index.ts';
import type { ImapServices } from './imap-services.ts';
import type { ImapSession, ImapSessionOptions } from './imap-session.ts';
import { readerErrorReply } from './reader-error-reply.ts';
import { runAppendGroup } from './run-append-group.ts';
import { sessionReaderLimits } from './session-reader-limits.ts';
import { createSessionUpdates, type ClientLine } from './session-updates.ts';
import { SessionState, type AuthenticatedUser } from './session-state.ts';
import type { SessionTransport } from './session-transport.ts';

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
  // Before authentication, lines and literals are only as large as a LOGIN needs (session-reader-limits.ts).
  const reader = createCommandReader(sessionReaderLimits(limits, false));
  let readerAuthenticated = false;
  function applyReaderLimits(): void {
    const authenticated = state.userOrNull !== null;
    if (authenticated === readerAuthenticated) return;
    readerAuthenticated = authenticated;
    reader.setLimits(sessionReaderLimits(limits, authenticated));
  }
  // Raw lines to a waiting AUTHENTICATE/IDLE, everything else to the queue.
  const lines = new ClientLineRouter(() => {
    if (running) transport.pauseInput();
  });
  const queue = lines.queue;
  let running = false;
  let ended = false;
  let badCount = 0;
  let authFailures = 0;
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
    lines.close();
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
      if (running && !lines.waiting) armTimeout();
      else close('Disconnected for inactivity.');
    });
  }

  function readLine(): Promise<ClientLine> {
    if (ended) return Promise.resolve({ kind: 'closed' });
    const line = lines.next();
    transport.resumeInput();
    lines.accept(reader.readContinuationLine());
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

  const contextDeps = {
    state,
    services,
    limits,
    send,
    sendRendered,
    drained: () => transport.drained(),
    capabilities,
    canStartTls: options.canStartTls,
    readLine: () => readLine(),
    updates,
    events,
    enterAuthenticated: (user: AuthenticatedUser) => {
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
      return authFailures >= limits.maxAuthFailuresPerConnection;
    },
  };

  /** Parses and checks a command and makes its context; answered at once when it cannot run. */
  function start(event: CommandEvent): StartedCommand {
    const checked = checkCommand(event, commands, state.state, state.utf8);
    if (checked.kind === 'answered') return checked;
    badCount = 0;
    const { ctx, after } = createCommandContext(contextDeps, checked.commandName);
    const { tag, parsed, descriptor } = checked;
    return { kind: 'run', tag, parsed, descriptor, ctx, after };
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

  /** Pipelined APPENDs filed together, answered in order (run-append-group.ts). */
  async function runAppends(group: readonly CommandEvent[]): Promise<void> {
    await runAppendGroup(group.map(start), {
      events,
      resultOf,
      finish,
      afterEach: applyReaderLimits,
      ended: () => ended,
    });
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
      case 'error': {
        const reply = readerErrorReply(event);
        if (reply.kind === 'close') {
          close(reply.bye);
          return;
        }
        send(reply.response);
        countBad();
        break;
      }
    }
    // The reader pauses right after a pausing command (AUTHENTICATE, IDLE, STARTTLS), so that command
    // is the last queued event: resume only once it has been handled.
    if (reader.paused && queue.length === 0 && !lines.waiting && !ended) lines.accept(reader.resume());
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
      lines.accept(reader.push(chunk));
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
