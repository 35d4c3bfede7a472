/**
 * Debian's Dovecot as a reference IMAP server for differential tests: the `imap` binary run
 * pre-authenticated over stdio on a throwaway Maildir and configuration (no daemon, no port).
 * As root it drops to `nobody`; otherwise it runs as the current user. Tests skip when the binary
 * is not installed (`apt-get install dovecot-imapd`).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapTestClient } from './imap-test-client.ts';

export const dovecotImapBinary = '/usr/lib/dovecot/imap';

export function hasDovecot(): boolean {
  return existsSync(dovecotImapBinary);
}

export interface DovecotImap {
  readonly client: ImapTestClient;
  /** The Maildir and configuration directory (shared by a second session, see `startDovecotImap`). */
  readonly dir: string;
  /** Logs out, waits for the process and removes the directory. */
  close(): Promise<void>;
}

function chownTree(path: string, uid: number, gid: number): void {
  chownSync(path, uid, gid);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) chownTree(child, uid, gid);
    else chownSync(child, uid, gid);
  }
}

/**
 * Starts a pre-authenticated Dovecot IMAP session on an empty INBOX; the greeting is consumed. With
 * `shareWith`, a second process on the same Maildir: another session of the same user, which sees
 * the first one's changes as Dovecot's own sessions do. Only the first one removes the directory.
 */
export async function startDovecotImap(options: { shareWith?: DovecotImap } = {}): Promise<DovecotImap> {
  const shared = options.shareWith?.dir;
  const dir = shared ?? mkdtempSync(join(tmpdir(), 'pec-dovecot-'));
  const root = process.getuid?.() === 0;
  const uid = root ? 65534 : (process.getuid?.() ?? 1000);
  const gid = root ? 65534 : (process.getgid?.() ?? 1000);
  if (shared === undefined) prepare(dir, root, uid, gid);
  return launch(dir, root, shared === undefined);
}

function prepare(dir: string, root: boolean, uid: number, gid: number): void {
  for (const sub of ['mail/cur', 'mail/new', 'mail/tmp', 'run', 'state'])
    mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(
    join(dir, 'dovecot.conf'),
    [
      `log_path = ${join(dir, 'dovecot.log')}`,
      `base_dir = ${join(dir, 'run')}`,
      `state_dir = ${join(dir, 'state')}`,
      `mail_location = maildir:${join(dir, 'mail')}`,
      'protocols = imap',
      'ssl = no',
      `mail_uid = ${uid}`,
      `mail_gid = ${gid}`,
      'first_valid_uid = 1',
      'first_valid_gid = 1',
      'imap_capability = +IMAP4rev2',
      '',
    ].join('\n'),
  );
  if (root) chownTree(dir, uid, gid);
}

async function launch(dir: string, root: boolean, owner: boolean): Promise<DovecotImap> {
  // Through `cat` so Dovecot's stdio are pipes: on Node's socket pairs it assumes inetd and refuses.
  const command = `cat | ${dovecotImapBinary} -c '${join(dir, 'dovecot.conf')}' | cat`;
  const child: ChildProcessWithoutNullStreams = spawn('sh', ['-c', command], {
    env: {
      USER: root ? 'nobody' : (process.env['USER'] ?? 'user'),
      HOME: dir,
      PATH: process.env['PATH'] ?? '',
      // INTERNALDATE in Italian time, as our server writes it.
      TZ: 'Europe/Rome',
    },
  });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  const client = new ImapTestClient({ readable: child.stdout, writable: child.stdin });
  const greeting = await client.next();
  if (!greeting.startsWith('* PREAUTH')) throw new Error(`dovecot did not start: ${greeting}`);
  return {
    client,
    dir,
    async close() {
      if (!client.ended) {
        client.write('zz LOGOUT\r\n');
        child.stdin.end();
      }
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
      child.kill();
      if (owner) rmSync(dir, { recursive: true, force: true });
    },
  };
}
