/**
 * A minimal IMAP client for conversation tests: splits the server's output into responses
 * (a line plus any `{n}` / `~{n}` literals it announces, taken byte-exact) and waits for a tag or
 * a continuation request. Works on any duplex stream (TLS socket, a child process's stdio).
 */
import type { Duplex, Readable, Writable } from 'node:stream';

export interface ImapReply {
  /** Every response up to and including the tagged one, as received. */
  readonly raw: Buffer;
  /** Each response (line and literals) on its own. */
  readonly responses: readonly Buffer[];
  /** The tagged status line without CRLF, e.g. `a1 OK [READ-WRITE] SELECT completed.` */
  readonly tagged: string;
}

export class ImapTestClient {
  readonly #output: Writable;
  #buffer = Buffer.alloc(0);
  readonly #responses: Buffer[] = [];
  #waiter: (() => void) | null = null;
  #ended = false;

  constructor(stream: Duplex | { readonly readable: Readable; readonly writable: Writable }) {
    const isPair = !('pipe' in stream);
    const readable: Readable = isPair ? stream.readable : stream;
    this.#output = isPair ? stream.writable : stream;
    readable.on('data', (chunk: Buffer) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
      this.#scan();
    });
    readable.on('end', () => {
      this.#ended = true;
      this.#waiter?.();
    });
    readable.on('close', () => {
      this.#ended = true;
      this.#waiter?.();
    });
  }

  get ended(): boolean {
    return this.#ended;
  }

  #scan(): void {
    let offset = 0;
    for (;;) {
      let cursor = offset;
      let complete = false;
      for (;;) {
        const lf = this.#buffer.indexOf(0x0a, cursor);
        if (lf < 0) break;
        const line = this.#buffer.subarray(cursor, lf + 1).toString('latin1');
        const literal = /~?\{(\d+)\+?\}\r\n$/.exec(line);
        if (literal === null) {
          cursor = lf + 1;
          complete = true;
          break;
        }
        const size = Number(literal[1]);
        if (this.#buffer.length < lf + 1 + size) break;
        cursor = lf + 1 + size;
      }
      if (!complete) break;
      this.#responses.push(Buffer.from(this.#buffer.subarray(offset, cursor)));
      offset = cursor;
    }
    this.#buffer = this.#buffer.subarray(offset);
    this.#waiter?.();
  }

  write(data: string | Uint8Array): void {
    this.#output.write(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
  }

  /** Waits for a response matching `done`; returns every response received before it, and it. */
  async #collect(done: (response: string) => boolean, timeoutMs: number): Promise<Buffer[]> {
    const deadline = Date.now() + timeoutMs;
    const taken: Buffer[] = [];
    for (;;) {
      while (this.#responses.length > 0) {
        const next = this.#responses.shift() ?? Buffer.alloc(0);
        taken.push(next);
        if (done(next.toString('latin1'))) return taken;
      }
      if (this.#ended) throw new Error(`connection ended; got:\n${Buffer.concat(taken).toString('latin1')}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timeout; got:\n${Buffer.concat(taken).toString('latin1')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#waiter = null;
    }
  }

  /** The next untagged greeting (or any single response). */
  async next(timeoutMs = 10_000): Promise<string> {
    const [response] = await this.#collect(() => true, timeoutMs);
    return response?.toString('latin1') ?? '';
  }

  /** Waits for the tagged response of `tag`. */
  async reply(tag: string, timeoutMs = 20_000): Promise<ImapReply> {
    const responses = await this.#collect((r) => r.startsWith(`${tag} `), timeoutMs);
    const last = responses[responses.length - 1]?.toString('latin1') ?? '';
    return { raw: Buffer.concat(responses), responses, tagged: last.replace(/\r\n$/, '') };
  }

  /** Waits for a `+` continuation request. */
  async continuation(timeoutMs = 10_000): Promise<string> {
    const responses = await this.#collect((r) => r.startsWith('+'), timeoutMs);
    return responses[responses.length - 1]?.toString('latin1') ?? '';
  }

  /** Sends `tag command` and waits for its tagged response. */
  async command(tag: string, text: string, timeoutMs?: number): Promise<ImapReply> {
    this.write(`${tag} ${text}\r\n`);
    return this.reply(tag, timeoutMs);
  }
}

/** The literal bytes of a response such as `* 1 FETCH (BODY[] {n}\r\n...)`, in order. */
export function literalsOf(response: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let cursor = 0;
  for (;;) {
    const lf = response.indexOf(0x0a, cursor);
    if (lf < 0) return out;
    const match = /~?\{(\d+)\+?\}\r\n$/.exec(response.subarray(cursor, lf + 1).toString('latin1'));
    if (match === null) {
      cursor = lf + 1;
      continue;
    }
    const size = Number(match[1]);
    out.push(response.subarray(lf + 1, lf + 1 + size));
    cursor = lf + 1 + size;
  }
}
