/**
 * Profiling helper (not part of `npm run bench`): our IMAP server in this process over N messages
 * (`--messages N`, default 2,000), and for each command of the IMAP bench a CPU profile of R runs
 * written to `--out DIR` (`<name>.cpuprofile`), with the process CPU per run (client included).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { startImapTestServer } from '../packages/server/src/protocols/imap/testing/imap-test-server.ts';
import { ImapTestClient } from '../packages/server/test/imap-messages/imap-test-client.ts';

function flag(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : (process.argv[index + 1] ?? fallback);
}

function benchMessage(i: number): Buffer {
  const word = i % 10 === 0 ? ' zibibbo' : '';
  const day = String((i % 28) + 1);
  const body = `Gentile utente, la pratica numero ${String(i)} è stata protocollata${word}.\r\n`.repeat(6);
  return Buffer.from(
    `From: Ufficio ${String(i % 37)} <ufficio${String(i % 37)}@pec.example.it>\r\n` +
      `To: Mario Rossi <mario.rossi@pec.test>\r\nSubject: Pratica ${String(i)} - protocollo\r\n` +
      `Date: ${day} Mar 2025 10:00:00 +0100\r\nMessage-ID: <bench-${String(i)}@pec.example.it>\r\n` +
      'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n' +
      body,
    'utf8',
  );
}

const messages = Number(flag('--messages', '2000'));
const rounds = Number(flag('--rounds', '5'));
const out = flag('--out', '');
const only = flag('--only', '');
const server = await startImapTestServer({ cheapPasswordHashes: true });
const [account] = server.accounts;
for (let i = 0; i < messages; i++) await server.deliver(account, 'INBOX', benchMessage(i));
const socket = connect({ host: '127.0.0.1', port: server.tlsPort, ca: server.ca, servername: 'localhost' });
socket.on('error', () => undefined);
const client = new ImapTestClient(socket);
await client.next(30_000);
await client.command('l', `LOGIN ${account.address} "${account.password}"`, 60_000);
const session = new Session();
session.connect();
const post = (method: string) =>
  new Promise<unknown>((resolve, reject) => {
    session.post(method, (error, result) => {
      if (error === null) resolve(result);
      else reject(error);
    });
  });
await post('Profiler.enable');
let tag = 0;
const run = async (text: string): Promise<Buffer> => {
  const id = `t${String(tag++)}`;
  const reply = await client.command(id, text, 120_000);
  if (!reply.tagged.startsWith(`${id} OK`)) throw new Error(`${text}: ${reply.tagged}`);
  return reply.raw;
};
const commands: Record<string, string> = {
  select: 'SELECT INBOX',
  fetchMeta: 'FETCH 1:* (UID FLAGS ENVELOPE BODYSTRUCTURE)',
  fetchFlags: 'FETCH 1:* (FLAGS)',
  fetchBodies: `FETCH 1:${String(Math.min(1000, messages))} (BODY.PEEK[])`,
};
await run('SELECT INBOX');
for (const [name, text] of Object.entries(commands)) {
  if (only !== '' && !only.split(',').includes(name)) continue;
  const first = await run(text);
  if (out !== '') writeFileSync(join(out, `${name}.response`), first);
  await post('Profiler.start');
  const cpu = process.cpuUsage();
  for (let r = 0; r < rounds; r++) await run(text);
  const used = process.cpuUsage(cpu);
  const { profile } = (await post('Profiler.stop')) as { profile: unknown };
  if (out !== '') writeFileSync(join(out, `${name}.cpuprofile`), JSON.stringify(profile));
  console.log(`${name}: ${((used.user + used.system) / 1000 / rounds).toFixed(1)} ms CPU per run`);
}
if (only === '' || only.split(',').includes('append')) {
  await run('CREATE Bench');
  const count = 500;
  const cpu = process.cpuUsage();
  const start = performance.now();
  await post('Profiler.start');
  for (let i = 0; i < count; i++) {
    const bytes = benchMessage(i);
    client.write(`b${String(i)} APPEND Bench {${String(bytes.length)}+}\r\n`);
    client.write(bytes);
    client.write('\r\n');
    if (i % 200 === 199 || i === count - 1) await client.reply(`b${String(i)}`, 300_000);
  }
  const { profile } = (await post('Profiler.stop')) as { profile: unknown };
  if (out !== '') writeFileSync(join(out, `append.cpuprofile`), JSON.stringify(profile));
  const used = process.cpuUsage(cpu);
  console.log(
    `append: ${((used.user + used.system) / 1000 / count).toFixed(2)} ms CPU per message, ` +
      `${(count / ((performance.now() - start) / 1000)).toFixed(0)} msg/s`,
  );
}
client.write('z LOGOUT\r\n');
socket.destroy();
await server.close();
