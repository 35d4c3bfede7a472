/**
 * Where a mailbox password comes from, so that it need not sit in `ps` and the shell history:
 * `--password-stdin` (the first line of standard input, for scripts), else a prompt without echo
 * (asked twice) when a terminal is attached, else `--password PW` (kept for compatibility).
 */
import { refuse } from './mailbox-action.ts';

export interface PasswordOptions {
  readonly password?: string;
  readonly passwordStdin?: boolean;
}

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '').trimEnd();
}

/** Reads one line from the terminal with echo off (raw mode); Ctrl-C or Ctrl-D abandons. */
function promptHidden(question: string): Promise<string | undefined> {
  const stdin = process.stdin;
  return new Promise((resolve) => {
    process.stderr.write(question);
    let typed = '';
    const finish = (value: string | undefined) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      resolve(value);
    };
    const onData = (data: Buffer) => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          finish(typed);
          return;
        }
        if (char === '\u0003' || char === '\u0004') {
          finish(undefined);
          return;
        }
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

/** The password, or undefined after printing why there is none (exit code 1). */
export async function readPassword(options: PasswordOptions): Promise<string | undefined> {
  if (options.passwordStdin === true) {
    if (options.password !== undefined) {
      refuse('give either --password or --password-stdin, not both');
      return undefined;
    }
    const line = await readStdinLine();
    if (line === '') refuse('--password-stdin: standard input held no password');
    return line === '' ? undefined : line;
  }
  if (options.password !== undefined) return options.password;
  if (process.stdin.isTTY) {
    const first = await promptHidden('Password: ');
    if (first === undefined) return undefined;
    const again = await promptHidden('Password again: ');
    if (again !== first) {
      refuse('the two passwords differ; nothing changed');
      return undefined;
    }
    return first;
  }
  refuse('no password: give --password-stdin (one line on standard input), or run in a terminal to be asked');
  return undefined;
}
