/**
 * Robustness of a live session under generated input: fast-check
 * command lines (known and unknown commands with odd arguments, arbitrary text and bytes) are pushed
 * through a real connection before and after login. Every run must end with a tagged reply to a
 * final NOOP, or with `* BYE` and a closed connection; nothing may reach the server's error log, and
 * the server keeps accepting connections.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { openImapConversation } from './testing/imap-conversation.ts';
import { startImapTestServer, type ImapTestServer } from './testing/imap-test-server.ts';

const commandNames = [
  'CAPABILITY',
  'NOOP',
  'LOGOUT',
  'ID',
  'ENABLE',
  'LOGIN',
  'AUTHENTICATE',
  'SELECT',
  'EXAMINE',
  'CREATE',
  'DELETE',
  'RENAME',
  'SUBSCRIBE',
  'UNSUBSCRIBE',
  'LIST',
  'LSUB',
  'NAMESPACE',
  'STATUS',
  'APPEND',
  'IDLE',
  'CHECK',
  'CLOSE',
  'UNSELECT',
  'EXPUNGE',
  'SEARCH',
  'FETCH',
  'STORE',
  'COPY',
  'MOVE',
  'SORT',
  'THREAD',
  'UID FETCH',
  'UID STORE',
  'UID SEARCH',
  'UID EXPUNGE',
  'UID COPY',
  'UID MOVE',
  'GETQUOTA',
  'GETQUOTAROOT',
  'SETQUOTA',
  'STARTTLS',
  'XYZZY',
  'UID',
  'uid fetch',
];

const argument = fc.oneof(
  fc.constantFrom(
    'INBOX',
    '""',
    '*',
    '%',
    '()',
    '(',
    ')',
    'NIL',
    '1',
    '1:*',
    '*:4',
    '0',
    '4294967296',
    '$',
    '"a \\" b"',
    '\\Seen',
    '(\\Deleted $Label)',
    'BODY[]',
    'BODY.PEEK[HEADER.FIELDS (SUBJECT)]<0.10>',
    'RETURN',
    '(STATUS (MESSAGES))',
    'CHARSET',
    'UTF-8',
    'TEXT',
    'ALL',
    'FLAGS',
    '+FLAGS.SILENT',
    '(CONDSTORE)',
    'PLAIN',
    'LOGIN',
    'AGFAAGI=',
    '=',
    '"Sent"',
    'Trash',
    'a/b/c',
    '&AOg-',
    '&Jjo!',
    '"\u00e8"',
    'REFERENCES',
    'ORDEREDSUBJECT',
    '(ARRIVAL)',
    'US-ASCII',
    '(MESSAGES UNSEEN SIZE DELETED HIGHESTMODSEQ)',
    '(SUBSCRIBED)',
    '(SPECIAL-USE)',
    'STORAGE',
    '"1-Jan-2025"',
  ),
  fc.stringMatching(/^[A-Za-z0-9.:*%\\$-]{1,12}$/),
  fc.string({ maxLength: 12 }),
);

const commandLine = fc
  .tuple(
    fc.stringMatching(/^[A-Za-z0-9]{1,6}$/),
    fc.constantFrom(...commandNames),
    fc.array(argument, { maxLength: 6 }),
  )
  .map(([tag, name, args]) => [tag, name, ...args].join(' '));

const noise = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.uint8Array({ maxLength: 120 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
);

/** No line breaks inside a line, and no literal announcements (they would swallow the trailer). */
function sanitize(line: string): string {
  return line.replace(/[\r\n]/g, ' ').replace(/\{/g, '(');
}

describe('IMAP session under generated input', () => {
  let server: ImapTestServer;
  before(async () => {
    server = await startImapTestServer({ limits: { maxLineBytes: 4096 } });
  });
  after(async () => {
    await server.close();
  });

  it('always ends a run with a tagged reply or BYE, and never logs a server error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(fc.oneof({ weight: 4, arbitrary: commandLine }, { weight: 1, arbitrary: noise }), {
          minLength: 1,
          maxLength: 8,
        }),
        async (authenticated, lines) => {
          const c = await openImapConversation({
            port: server.tlsPort,
            ca: server.ca,
            implicitTls: true,
            timeoutMs: 3000,
          });
          try {
            await c.expect(/^\* OK /);
            if (authenticated) {
              const [mario] = server.accounts;
              await c.transact(`l LOGIN ${mario.address} "${mario.password}"`, /^l OK /);
              await c.command('s SELECT INBOX');
            }
            for (const line of lines) c.write(`${sanitize(line)}\r\n`);
            // Ends IDLE, cancels an AUTHENTICATE exchange, then asks for a tagged reply.
            c.write('DONE\r\n*\r\nZZZ NOOP\r\n');
            const seen: string[] = [];
            for (;;) {
              let response: string;
              try {
                response = await c.next();
              } catch (error) {
                assert.ok(c.isClosed, `no reply and still open: ${String(error)}\n${lines.join('\n')}`);
                assert.ok(
                  seen.some((line) => line.startsWith('* BYE')),
                  `closed without BYE:\n${seen.join('\n')}`,
                );
                break;
              }
              seen.push(response);
              if (response.startsWith('ZZZ ')) {
                assert.match(response, /^ZZZ (OK|BAD|NO) /);
                break;
              }
            }
          } finally {
            c.close();
          }
          assert.deepEqual(server.errors, []);
        },
      ),
      { numRuns: 150 },
    );
    const probe = await openImapConversation({ port: server.plainPort });
    await probe.expect(/^\* OK /);
    probe.close();
  });
});
