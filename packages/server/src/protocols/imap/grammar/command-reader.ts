/**
 * Streaming IMAP command reader (RFC 3501 §2.2, §4.3, §7.5; RFC 9051 §2.2.1; LITERAL+/LITERAL-
 * RFC 7888; literal8 RFC 3516): bytes in, `ReaderEvent`s out. Guarantees: never throws on any input;
 * the events depend only on the bytes and the session's calls, never on how the bytes were chunked;
 * memory is bounded by `maxLineBytes` per line and `maxLiteralBytes` per literal; after an error the
 * reader resynchronises at the next line (skipping the payload of a rejected non-synchronising literal).
 */

import {
  CommandTokenizer,
  decodeRange,
  trailingLiteral,
  type LiteralAnnouncement,
} from './command-tokenizer.ts';
import { extractTag } from './extract-tag.ts';
import { ReaderGetters, type ReaderState } from './reader-getters.ts';
import type { ReaderErrorCode, ReaderEvent } from './reader-event.ts';

export type { ReaderErrorCode, ReaderEvent } from './reader-event.ts';

export interface CommandReaderOptions {
  /** Longest accepted line (without its line break), per line segment of a command. */
  readonly maxLineBytes: number;
  /** Largest accepted literal payload. */
  readonly maxLiteralBytes: number;
  /** Largest accepted `{n+}` payload; 4096 when LITERAL- is advertised (RFC 7888 §4). Default: maxLiteralBytes. */
  readonly maxNonSyncLiteralBytes?: number;
  /**
   * Largest sum of the literal payloads of one command (default: unbounded). Many small literals
   * must not add up to more than one large literal would be allowed to (RFC 9051 §7.5 leaves the
   * cap to the server; Dovecot bounds a whole command the same way).
   */
  readonly maxCommandLiteralBytes?: number;
  /**
   * Commands after which the reader pauses until the session calls `resume`, `readContinuationLine`
   * or `discardBuffered`. Default: AUTHENTICATE, IDLE, STARTTLS, COMPRESS (their next bytes are not
   * commands, or must be dropped: RFC 3501 §6.2.1 STARTTLS buffer, RFC 2177 IDLE/DONE).
   */
  readonly pauseAfter?: readonly string[];
}

export interface CommandReader {
  /** Feeds bytes; returns the events they complete. */
  push(chunk: Uint8Array): ReaderEvent[];
  /** Delivers the next line raw as a `continuation-line` event, then pauses again. */
  readContinuationLine(): ReaderEvent[];
  /** Leaves a pause and parses buffered bytes as commands again. */
  resume(): ReaderEvent[];
  /**
   * Changes the line and literal limits for the commands that follow (a session raises them once
   * authenticated: before that, nothing larger than a LOGIN is needed).
   */
  setLimits(
    limits: Pick<
      CommandReaderOptions,
      'maxLineBytes' | 'maxLiteralBytes' | 'maxNonSyncLiteralBytes' | 'maxCommandLiteralBytes'
    >,
  ): void;
  /** Drops every buffered, unprocessed byte (after STARTTLS, RFC 3501 §6.2.1); returns how many. */
  discardBuffered(): number;
  /** True after a `pauseAfter` command or a continuation line, until the session decides. */
  readonly paused: boolean;
  readonly bufferedBytes: number;
}

const LF = 0x0a;
const CR = 0x0d;
const TAIL_BYTES = 40;
const defaultPauseAfter = ['AUTHENTICATE', 'IDLE', 'STARTTLS', 'COMPRESS'];
/** One set for every reader that keeps the default (a set per session was about 140 bytes). */
const defaultPauseAfterSet: ReadonlySet<string> = new Set(defaultPauseAfter);
/**
 * The input buffer of a reader with nothing buffered: an idle session (IDLE waiting for DONE, or
 * between commands) holds no buffer of its own; one is allocated when bytes arrive.
 */
const noBytes = new Uint8Array(0);
/** The first buffer a reader allocates; it doubles as a line or pipelined commands need. */
const initialBufferBytes = 1024;

type Mode =
  | { readonly kind: 'line' }
  | {
      readonly kind: 'literal';
      readonly literal: LiteralAnnouncement;
      readonly buffer: Uint8Array;
      filled: number;
    }
  | { readonly kind: 'skip-line'; readonly lookForLiteral: boolean }
  | { readonly kind: 'skip-literal'; remaining: number };

function error(code: ReaderErrorCode, message: string, tag: string | undefined): ReaderEvent {
  return tag === undefined ? { kind: 'error', code, message } : { kind: 'error', tag, code, message };
}

export function createCommandReader(options: CommandReaderOptions): CommandReader {
  let maxLine = options.maxLineBytes;
  let maxLiteral = options.maxLiteralBytes;
  let maxNonSync = Math.min(options.maxNonSyncLiteralBytes ?? maxLiteral, maxLiteral);
  let maxCommandLiterals = options.maxCommandLiteralBytes ?? Number.POSITIVE_INFINITY;
  /** Literal payload bytes announced so far by the command being assembled. */
  let commandLiteralBytes = 0;
  const pauseAfter =
    options.pauseAfter === undefined
      ? defaultPauseAfterSet
      : new Set(options.pauseAfter.map((n) => n.toUpperCase()));

  let buf = noBytes;
  let start = 0;
  let end = 0;
  let scanFrom = 0;
  let mode: Mode = { kind: 'line' };
  let paused = false;
  let continuationWanted = false;
  const tokenizer = new CommandTokenizer();
  /** Tag of the command being assembled after its first segment, or null at a command boundary. */
  let commandTag: string | null = null;
  let rawParts: string[] = [];
  let tail = noBytes;
  let tailLength = 0;

  function append(chunk: Uint8Array, from: number): void {
    const needed = chunk.length - from;
    if (needed <= 0) return;
    if (end + needed > buf.length) {
      const live = end - start;
      const target =
        live + needed > buf.length
          ? new Uint8Array(Math.max(initialBufferBytes, buf.length * 2, live + needed))
          : buf;
      target.set(buf.subarray(start, end), 0);
      buf = target;
      scanFrom -= start;
      start = 0;
      end = live;
    }
    buf.set(chunk.subarray(from), end);
    end += needed;
  }

  function rememberTail(bytes: Uint8Array, from: number, to: number): void {
    const take = Math.min(to - from, TAIL_BYTES);
    if (take <= 0) return;
    const keep = Math.min(tailLength, TAIL_BYTES - take);
    const next = new Uint8Array(TAIL_BYTES);
    next.set(tail.subarray(tailLength - keep, tailLength), 0);
    next.set(bytes.subarray(to - take, to), keep);
    tail = next;
    tailLength = keep + take;
  }

  function endCommand(): void {
    commandTag = null;
    commandLiteralBytes = 0;
    rawParts = [];
    tokenizer.reset();
  }

  /** Abandons the current command after an error, skipping a following non-sync literal if announced. */
  function abandon(literal: LiteralAnnouncement | null): void {
    endCommand();
    mode = literal?.nonSync === true ? { kind: 'skip-literal', remaining: literal.size } : { kind: 'line' };
  }

  function onLine(lineStart: number, lineEnd: number, events: ReaderEvent[]): void {
    if (continuationWanted) {
      continuationWanted = false;
      paused = true;
      if (lineEnd - lineStart > maxLine) {
        events.push(error('line-too-long', 'continuation line too long', undefined));
      } else {
        events.push({ kind: 'continuation-line', line: decodeRange(buf, lineStart, lineEnd) });
      }
      return;
    }
    const tag = commandTag ?? extractTag(buf, lineStart, Math.min(lineEnd, lineStart + maxLine));
    if (lineEnd - lineStart > maxLine) {
      events.push(error('line-too-long', `line longer than ${maxLine} bytes`, tag));
      abandon(trailingLiteral(buf, Math.max(lineStart, lineEnd - TAIL_BYTES), lineEnd));
      return;
    }
    if (commandTag === null && lineEnd === lineStart) return; // blank lines between commands are ignored
    rawParts.push(decodeRange(buf, lineStart, lineEnd));
    const result = tokenizer.feedSegment(buf, lineStart, lineEnd);
    if (result.kind === 'error') {
      events.push(error('syntax', result.message, tag));
      abandon(trailingLiteral(buf, lineStart, lineEnd));
      return;
    }
    if (result.kind === 'literal') {
      onLiteralAnnounced(result.literal, tag, events);
      return;
    }
    finishCommand(tag, events);
  }

  function onLiteralAnnounced(
    literal: LiteralAnnouncement,
    tag: string | undefined,
    events: ReaderEvent[],
  ): void {
    const first = tokenizer.first;
    if (commandTag === null && (tag === undefined || first?.kind !== 'atom' || tokenizer.topLevelCount < 2)) {
      events.push(error('syntax', 'literal before the command name', tag));
      abandon(literal);
      return;
    }
    const limit = literal.nonSync ? maxNonSync : maxLiteral;
    const overTotal = literal.size <= limit && commandLiteralBytes + literal.size > maxCommandLiterals;
    if (literal.size > limit || overTotal) {
      const message = overTotal
        ? `literals of this command exceed ${maxCommandLiterals} bytes in total`
        : `literal of ${literal.size} bytes exceeds ${limit}`;
      const event = error('literal-too-large', message, tag);
      events.push(
        literal.nonSync
          ? {
              kind: 'error',
              code: 'literal-too-large',
              message,
              nonSyncLiteral: true,
              ...(tag === undefined ? {} : { tag }),
            }
          : event,
      );
      abandon(literal);
      return;
    }
    commandTag = tag ?? '';
    commandLiteralBytes += literal.size;
    if (!literal.nonSync) events.push({ kind: 'continue-literal', tag: commandTag, size: literal.size });
    mode = { kind: 'literal', literal, buffer: new Uint8Array(literal.size), filled: 0 };
  }

  function finishCommand(tag: string | undefined, events: ReaderEvent[]): void {
    const values = tokenizer.finish();
    const raw = rawParts.join('\r\n');
    endCommand();
    if (typeof values === 'string') {
      events.push(error('syntax', values, tag));
      return;
    }
    const [tagValue, nameValue, ...args] = values;
    if (tagValue?.kind !== 'atom' || tag === undefined || tagValue.value !== tag) {
      events.push(error('syntax', 'missing or invalid tag', undefined));
      return;
    }
    if (nameValue?.kind !== 'atom' || !/^[A-Za-z][A-Za-z0-9.-]*$/.test(nameValue.value)) {
      events.push(error('syntax', 'missing or invalid command name', tag));
      return;
    }
    const name = nameValue.value.toUpperCase();
    events.push({ kind: 'command', tag, name, args, raw });
    if (pauseAfter.has(name)) paused = true;
  }

  function process(): ReaderEvent[] {
    const events: ReaderEvent[] = [];
    while (!paused && start < end) {
      if (mode.kind === 'literal') {
        const take = Math.min(mode.buffer.length - mode.filled, end - start);
        mode.buffer.set(buf.subarray(start, start + take), mode.filled);
        mode.filled += take;
        start += take;
        if (mode.filled === mode.buffer.length) {
          tokenizer.addLiteral(mode.buffer, mode.literal);
          mode = { kind: 'line' };
        }
        scanFrom = start;
        continue;
      }
      if (mode.kind === 'skip-literal') {
        const take = Math.min(mode.remaining, end - start);
        mode.remaining -= take;
        start += take;
        scanFrom = start;
        if (mode.remaining === 0) {
          mode = { kind: 'skip-line', lookForLiteral: true };
          tailLength = 0;
        }
        continue;
      }
      const lf = buf.subarray(scanFrom, end).indexOf(LF);
      if (mode.kind === 'skip-line') {
        const stop = lf < 0 ? end : scanFrom + lf;
        const contentEnd = lf >= 0 && stop > start && buf[stop - 1] === CR ? stop - 1 : stop;
        // A CR held back at the end of the buffer may still turn out to end the line.
        const safeEnd =
          lf < 0 && contentEnd > start && buf[contentEnd - 1] === CR ? contentEnd - 1 : contentEnd;
        rememberTail(buf, start, safeEnd);
        start = lf < 0 ? safeEnd : stop + 1;
        scanFrom = lf < 0 ? end : start;
        if (lf >= 0) {
          const literal = mode.lookForLiteral ? trailingLiteral(tail, 0, tailLength) : null;
          tailLength = 0;
          abandon(literal);
        }
        if (lf < 0) break;
        continue;
      }
      if (lf < 0) {
        scanFrom = end;
        if (end - start >= maxLine + 2) {
          const tag = continuationWanted
            ? undefined
            : (commandTag ?? extractTag(buf, start, Math.min(end, start + maxLine)));
          const message = continuationWanted
            ? 'continuation line too long'
            : `line longer than ${maxLine} bytes`;
          events.push(error('line-too-long', message, tag));
          const inContinuation = continuationWanted;
          continuationWanted = false;
          endCommand();
          mode = { kind: 'skip-line', lookForLiteral: !inContinuation };
          tailLength = 0;
          if (inContinuation) paused = true;
          scanFrom = start;
          continue;
        }
        break;
      }
      const lineEnd = scanFrom + lf;
      const contentEnd = lineEnd > start && buf[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd;
      const lineStart = start;
      start = lineEnd + 1;
      scanFrom = start;
      onLine(lineStart, contentEnd, events);
    }
    if (start === end) {
      start = 0;
      end = 0;
      scanFrom = 0;
      // Between commands nothing refers to the buffer (lines are decoded, literals copied): let it
      // go, so that a session waiting in IDLE or between commands keeps no input buffer.
      if (mode.kind === 'line' && commandTag === null) buf = noBytes;
    }
    return events;
  }

  const reader = {
    setLimits(limits) {
      maxLine = limits.maxLineBytes;
      maxLiteral = limits.maxLiteralBytes;
      maxNonSync = Math.min(limits.maxNonSyncLiteralBytes ?? maxLiteral, maxLiteral);
      maxCommandLiterals = limits.maxCommandLiteralBytes ?? Number.POSITIVE_INFINITY;
    },
    push(chunk: Uint8Array): ReaderEvent[] {
      append(chunk, 0);
      return process();
    },
    readContinuationLine(): ReaderEvent[] {
      paused = false;
      continuationWanted = true;
      return process();
    },
    resume(): ReaderEvent[] {
      paused = false;
      continuationWanted = false;
      return process();
    },
    discardBuffered(): number {
      const dropped = end - start;
      start = 0;
      end = 0;
      scanFrom = 0;
      buf = noBytes;
      return dropped;
    },
    isPaused: () => paused,
    countBuffered: () => end - start,
  } satisfies Omit<CommandReader, 'paused' | 'bufferedBytes'> & ReaderState;
  return Object.setPrototypeOf(reader, ReaderGetters.prototype) as CommandReader;
}
