/**
 * Two sessions on one mailbox, against Dovecot: session `a` (QRESYNC enabled) and session `b`
 * (plain IMAP4rev1) on our server, and two Dovecot `imap` processes on one Maildir. The same
 * interleaved script runs on both: a new keyword stored by one session and seen by the other,
 * expunges seen as VANISHED by one and as EXPUNGE by the other (also around UID FETCH), QRESYNC
 * SELECT and UID FETCH (CHANGEDSINCE VANISHED), PARTIAL paging, and live SEARCH results
 * (CONTEXT=SEARCH). Responses are normalised as in
 * the single-session suite, with MODSEQ values masked (the two servers count them differently);
 * each must be identical. Skipped when Dovecot is not installed.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:tls';
import { after, before, describe, it } from 'node:test';
import {
  startImapTestServer,
  type ImapTestServer,
} from '../../src/protocols/imap/testing/imap-test-server.ts';
import { hasDovecot, startDovecotImap, type DovecotImap } from './dovecot-imap.ts';
import { ImapTestClient } from './imap-test-client.ts';
import { normalise } from './normalise-transcript.ts';

/** Values a later command needs, read from each server's own answers. */
interface Vars {
  uidValidity: number;
  /** HIGHESTMODSEQ right after the first SELECT of `a`. */
  modseq: number;
}

type Name = 'a' | 'b' | 'c';

interface Step {
  readonly session: Name;
  readonly command: string | ((vars: Vars) => string);
  /**
   * Lines only Dovecot sends, with the reason in docs/imap-conformance.md: they are removed from its
   * transcript before the comparison (everything else must still be identical).
   */
  readonly dovecotOnly?: readonly RegExp[];
  /** Reads values from the raw answer. */
  readonly capture?: (raw: string, vars: Vars) => void;
}

const messages = ['uno', 'due', 'tre', 'quattro', 'cinque', 'sei'].map(
  (word, i) =>
    `From: mittente${i}@pec.test\r\nTo: anna@pec.test\r\nSubject: sessione ${word}\r\n` +
    `Date: Mon, ${10 + i} Mar 2025 10:00:00 +0100\r\nMessage-ID: <s${i}@pec.test>\r\n\r\nTesto ${word}.\r\n`,
);

const baseSteps: readonly Step[] = [
  { session: 'a', command: 'ENABLE QRESYNC' },
  {
    session: 'a',
    command: 'SELECT INBOX',
    capture: (raw, vars) => {
      vars.uidValidity = Number(/\[UIDVALIDITY (\d+)\]/.exec(raw)?.[1]);
      vars.modseq = Number(/\[HIGHESTMODSEQ (\d+)\]/.exec(raw)?.[1]);
    },
  },
  { session: 'b', command: 'SELECT INBOX' },
  { session: 'c', command: 'ENABLE CONDSTORE' },
  { session: 'c', command: 'SELECT INBOX' },
  // A new keyword: FLAGS and PERMANENTFLAGS come first, in both sessions.
  { session: 'a', command: 'STORE 2 +FLAGS ($Nuovo)' },
  { session: 'b', command: 'NOOP' },
  { session: 'b', command: 'FETCH 2 (FLAGS)' },
  { session: 'c', command: 'NOOP' },
  { session: 'c', command: 'STORE 6 +FLAGS (\\Flagged)' },
  { session: 'c', command: 'STORE 6 +FLAGS.SILENT (\\Answered)' },
  // An expunge: VANISHED for the QRESYNC session, EXPUNGE for the other, after UID FETCH's data.
  { session: 'a', command: 'NOOP' },
  { session: 'a', command: 'STORE 3 +FLAGS.SILENT (\\Deleted)' },
  { session: 'a', command: 'EXPUNGE' },
  {
    session: 'b',
    command: 'UID FETCH 1:* (FLAGS)',
    // Dovecot still serves the expunged message 3 from its cache, and repeats 6's flags unsolicited.
    dovecotOnly: [/^\* 3 FETCH \(UID 3 FLAGS \(\\Deleted\)\)$/, /^\* 6 FETCH \(FLAGS \([^)]*\)\)$/],
  },
  { session: 'b', command: 'FETCH 3 (UID)' },
  // Flags changed by the other session: unsolicited FETCH with UID and MODSEQ under CONDSTORE.
  { session: 'b', command: 'STORE 4 +FLAGS (\\Seen)' },
  { session: 'a', command: 'NOOP' },
  { session: 'c', command: 'NOOP' },
  { session: 'c', command: 'UID STORE 6 +FLAGS.SILENT (\\Deleted)' },
  { session: 'c', command: 'UID EXPUNGE 6' },
  { session: 'a', command: 'NOOP' },
  { session: 'b', command: 'NOOP' },
  // PARTIAL paging (RFC 5267 §4.4).
  { session: 'b', command: 'SEARCH RETURN (PARTIAL 1:2) ALL' },
  { session: 'b', command: 'UID SEARCH RETURN (PARTIAL 2:4 COUNT) ALL' },
  { session: 'b', command: 'SEARCH RETURN (PARTIAL 5:9) ALL' },
  { session: 'b', command: 'SEARCH RETURN (PARTIAL 9:12) ALL' },
  // QRESYNC resynchronisation.
  { session: 'a', command: (v) => `UID FETCH 1:* (FLAGS) (CHANGEDSINCE ${v.modseq} VANISHED)` },
  { session: 'a', command: (v) => `UID FETCH 4:* (FLAGS) (CHANGEDSINCE ${v.modseq} VANISHED)` },
  { session: 'a', command: (v) => `SELECT INBOX (QRESYNC (${v.uidValidity} ${v.modseq}))` },
  { session: 'a', command: (v) => `EXAMINE INBOX (QRESYNC (${v.uidValidity} ${v.modseq} 1:3))` },
  { session: 'a', command: (v) => `SELECT INBOX (QRESYNC (${v.uidValidity + 1} ${v.modseq}))` },
  // The other session expunges: the QRESYNC session hears VANISHED at NOOP.
  { session: 'b', command: 'STORE 1 +FLAGS.SILENT (\\Deleted)' },
  { session: 'b', command: 'EXPUNGE' },
  { session: 'a', command: 'NOOP' },
  { session: 'a', command: 'FETCH 1:* (UID FLAGS)' },
  { session: 'b', command: 'UID STORE 5 +FLAGS.SILENT (\\Deleted)' },
  { session: 'b', command: 'UID EXPUNGE 5' },
  // Dovecot again serves the expunged UID 5 from its cache before announcing it.
  { session: 'a', command: 'UID FETCH 1:* (UID)', dovecotOnly: [/^\* 3 FETCH \(UID 5\)$/] },
];

const appended =
  'From: nuovo@pec.test\r\nTo: anna@pec.test\r\nSubject: arrivato ora\r\n' +
  'Date: Mon, 17 Mar 2025 10:00:00 +0100\r\nMessage-ID: <nuovo@pec.test>\r\n\r\nTesto nuovo.\r\n';

/**
 * Live results (RFC 5267 §4.3, CONTEXT=SEARCH): `b` holds a live UID SEARCH and a live SEARCH by
 * sequence number while `a` changes flags, appends and expunges; the ESEARCH ADDTO / REMOVEFROM
 * lines must be Dovecot's, in its order. Steps are tagged `c<index>`, so CANCELUPDATE names the
 * search by its step number. Live SORT is not compared: Dovecot 2.3 does not offer CONTEXT=SORT
 * and answers position 0 there (docs/imap-conformance.md).
 */
function contextSteps(first: number): Step[] {
  return [
    { session: 'b', command: 'UID SEARCH RETURN (UPDATE ALL) UNSEEN' },
    { session: 'b', command: 'SEARCH RETURN (UPDATE COUNT) FLAGGED' },
    { session: 'b', command: 'SEARCH RETURN (CONTEXT) UNSEEN' },
    { session: 'a', command: 'UID STORE 2 +FLAGS (\\Seen \\Flagged)' },
    { session: 'b', command: 'NOOP' },
    {
      session: 'a',
      command: `APPEND INBOX {${appended.length}+}\r\n${appended}`,
      // Dovecot tells a QRESYNC client the HIGHESTMODSEQ its EXISTS raised; RFC 7162 does not ask it.
      dovecotOnly: [/^\* OK \[HIGHESTMODSEQ n\]/],
    },
    { session: 'b', command: 'NOOP' },
    { session: 'a', command: 'UID STORE 2 +FLAGS.SILENT (\\Deleted)' },
    { session: 'a', command: 'UID EXPUNGE 2' },
    { session: 'b', command: 'NOOP' },
    { session: 'b', command: `CANCELUPDATE "c${first}"` },
    { session: 'b', command: `CANCELUPDATE "c${first}"` },
    { session: 'a', command: 'UID STORE 7 +FLAGS (\\Flagged)' },
    { session: 'b', command: 'NOOP' },
    { session: 'b', command: 'CLOSE' },
    { session: 'b', command: `CANCELUPDATE "c${first + 1}"` },
  ];
}

const steps: readonly Step[] = [...baseSteps, ...contextSteps(baseSteps.length)];

/** The single-session normalisation, plus MODSEQ values, which each server counts its own way. */
function normaliseSessions(raw: Buffer): string {
  return (
    normalise(raw)
      // MAILBOXID (RFC 8474): Dovecot 2.3 sends none in SELECT.
      .split('\n')
      .filter((line) => !line.startsWith('* OK [MAILBOXID '))
      .join('\n')
      .replace(/MODSEQ \(\d+\)/g, 'MODSEQ (n)')
      .replace(/HIGHESTMODSEQ \d+/g, 'HIGHESTMODSEQ n')
  );
}

describe(
  'two sessions against two Dovecot sessions',
  { skip: !hasDovecot() && 'Dovecot is not installed' },
  () => {
    let server: ImapTestServer;
    const ours = {} as Record<Name, ImapTestClient>;
    const dovecot: DovecotImap[] = [];
    const reference = {} as Record<Name, ImapTestClient>;
    const oursVars: Vars = { uidValidity: 0, modseq: 0 };
    const dovecotVars: Vars = { uidValidity: 0, modseq: 0 };

    before(async () => {
      server = await startImapTestServer();
      const account = server.accounts[0];
      for (const name of ['a', 'b', 'c'] as const) {
        const client = new ImapTestClient(
          connect({ host: '127.0.0.1', port: server.tlsPort, ca: server.ca, servername: 'localhost' }),
        );
        await client.next();
        const login = await client.command('l', `LOGIN ${account.address} "${account.password}"`);
        assert.match(login.tagged, /^l OK/);
        ours[name] = client;
      }
      const first = await startDovecotImap();
      dovecot.push(first);
      const second = await startDovecotImap({ shareWith: first });
      dovecot.push(second);
      const third = await startDovecotImap({ shareWith: first });
      dovecot.push(third);
      reference.a = first.client;
      reference.b = second.client;
      reference.c = third.client;
      for (const [index, bytes] of messages.entries()) {
        for (const client of [ours.a, reference.a]) {
          client.write(
            `p${index} APPEND INBOX "0${index + 1}-Mar-2025 10:00:00 +0100" {${bytes.length}+}\r\n`,
          );
          client.write(`${bytes}\r\n`);
          assert.match((await client.reply(`p${index}`)).tagged, /^p\d+ OK/);
        }
      }
    });
    after(async () => {
      for (const d of [...dovecot].reverse()) await d.close();
      for (const client of Object.values(ours)) client.write('z LOGOUT\r\n');
      await server.close();
    });

    for (const [index, step] of steps.entries()) {
      const shown =
        typeof step.command === 'string' ? step.command : step.command({ uidValidity: 0, modseq: 0 });
      it(`${step.session}: ${shown.replace(/\b0\b/g, 'n')}`, async () => {
        const tag = `c${index}`;
        const text = (vars: Vars) => (typeof step.command === 'string' ? step.command : step.command(vars));
        const mineReply = await ours[step.session].command(tag, text(oursVars));
        const theirsReply = await reference[step.session].command(tag, text(dovecotVars));
        step.capture?.(mineReply.raw.toString('latin1'), oursVars);
        step.capture?.(theirsReply.raw.toString('latin1'), dovecotVars);
        const mine = normaliseSessions(mineReply.raw);
        const theirs = normaliseSessions(theirsReply.raw)
          .split('\n')
          .filter((line) => !(step.dovecotOnly ?? []).some((pattern) => pattern.test(line)))
          .join('\n');
        assert.equal(mine, theirs);
      });
    }
  },
);
