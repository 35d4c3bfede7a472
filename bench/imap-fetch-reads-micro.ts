/**
 * Micro measurement (not part of `npm run bench`): the storage reads behind `FETCH 1:* (FLAGS)` and
 * `FETCH 1:1000 (BODY.PEEK[])` over a real embedded store of N messages (`--messages N`, default
 * 10,000), in process, as CPU time per call: `listMessageStates` against `listFlagRuns`, and 1,000
 * `BlobStore.get` calls against one `getMany` (decision 0062).
 */
import { startImapTestServer } from '../packages/server/src/protocols/imap/testing/imap-test-server.ts';

function flag(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : (process.argv[index + 1] ?? fallback);
}

const messages = Number(flag('--messages', '10000'));
const rounds = Number(flag('--rounds', '20'));
const server = await startImapTestServer({ cheapPasswordHashes: true });
const [account] = server.accounts;
for (let i = 0; i < messages; i++) {
  const body = `Gentile utente, la pratica numero ${String(i)} è stata protocollata.\r\n`.repeat(6);
  await server.deliver(account, 'INBOX', Buffer.from(`Subject: Pratica ${String(i)}\r\n\r\n${body}`, 'utf8'));
}
const folder = (await server.storage.mailboxes.listFolders(account.mailboxId)).find(
  (f) => f.name === 'INBOX',
);
if (folder === undefined) throw new Error('no INBOX');
const heads = await server.storage.mailboxes.listMessageHeads(folder.id, { uids: [{ from: 1, to: 1000 }] });
const keys = heads.map((head) => head.blobKey);

async function measure(name: string, run: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 5; i++) await run();
  const samples: number[] = [];
  for (let r = 0; r < 3; r++) {
    const cpu = process.cpuUsage();
    for (let i = 0; i < rounds; i++) await run();
    const used = process.cpuUsage(cpu);
    samples.push((used.user + used.system) / 1000 / rounds);
  }
  console.log(`${name}: ${samples.map((ms) => ms.toFixed(2)).join(' / ')} ms CPU per call`);
}

await measure(`listMessageStates, ${String(messages)} rows`, () =>
  server.storage.mailboxes.listMessageStates(folder.id),
);
await measure(`listFlagRuns, ${String(messages)} messages`, () =>
  server.storage.mailboxes.listFlagRuns(folder.id),
);
await measure('1,000 × BlobStore.get', () => Promise.all(keys.map((key) => server.blobs.get(key))));
await measure('BlobStore.getMany of 1,000', () => server.blobs.getMany(keys));
await server.close();
