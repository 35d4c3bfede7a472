/**
 * In-process timing of `searchMessages` (the function behind IMAP SEARCH and the HTTP API's search) on one
 * N-message SQLite folder, with and without the text index (decision 0043): no sockets, no Dovecot. The
 * folder is filled in one transaction, so N = 10,000 takes seconds where the IMAP bench's per-message
 * deliveries take many minutes. `node --import tsx bench/search-index-micro.ts [N]`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../packages/server/src/ports/clock.ts';
import { searchMessages } from '../packages/server/src/services/mailbox-access/search-messages.ts';
import type { SearchCriteria } from '../packages/server/src/services/mailbox-access/search-criteria.ts';
import {
  appendPrepared,
  prepareMessage,
  type PreparedMessage,
} from '../packages/server/src/services/mailboxes/store-message.ts';
import { openFsBlobStore } from '../packages/server/src/storage/blobs-fs/open-fs-blob-store.ts';
import { openSqliteStorage } from '../packages/server/src/storage/sqlite/open-sqlite-storage.ts';

const n = Number(process.argv[2] ?? 10_000);

function message(i: number): Buffer {
  const word = i % 10 === 0 ? ' zibibbo' : '';
  const body = `Gentile utente, la pratica numero ${String(i)} è stata protocollata${word}.\r\n`.repeat(6);
  return Buffer.from(
    `From: Ufficio ${String(i % 37)} <ufficio${String(i % 37)}@pec.example.it>\r\n` +
      `To: Mario Rossi <mario.rossi@pec.test>\r\nSubject: Pratica ${String(i)} - protocollo\r\n` +
      'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n' +
      body,
    'utf8',
  );
}

const dir = await mkdtemp(join(tmpdir(), 'pec-search-micro-'));
try {
  const storage = await openSqliteStorage({ file: join(dir, 'pec.sqlite') });
  const blobs = await openFsBlobStore({ dir: join(dir, 'blobs') });
  await storage.accounts.addDomain({ name: 'pec.test' });
  const box = await storage.accounts.createMailbox({
    address: 'a@pec.test',
    holderName: 'A',
    quotaBytes: 1e12,
  });
  const prepared: PreparedMessage[] = [];
  for (let i = 0; i < n; i++) prepared.push(await prepareMessage(blobs, message(i)));
  await storage.transaction(async (tx) => {
    for (const p of prepared) {
      await appendPrepared(tx, p, { mailboxId: box.id, folderName: 'INBOX', internalDate: new Date() });
    }
  });
  const folder = await storage.mailboxes.getFolder(box.id, 'INBOX');
  if (folder === undefined) throw new Error('no INBOX');
  const scope = { folderId: folder.id };
  const scanDeps = { mailboxes: storage.mailboxes, blobs, clock: systemClock };
  const indexDeps = { ...scanDeps, texts: storage.messageTexts };
  const time = async (label: string, deps: typeof scanDeps, criteria: SearchCriteria, rounds: number) => {
    let total = 0;
    let found = 0;
    for (let r = 0; r < rounds; r++) {
      const start = performance.now();
      found = (await searchMessages(deps, scope, criteria)).length;
      total += performance.now() - start;
    }
    process.stdout.write(`${label}: ${(total / rounds).toFixed(1)} ms (${String(found)} found)\n`);
  };
  const text: SearchCriteria = { kind: 'text', value: 'zibibbo' };
  const body: SearchCriteria = { kind: 'body', value: 'zibibbo' };
  await time('scan TEXT', scanDeps, text, 2);
  await time('index TEXT, first (fills the index)', indexDeps, text, 1);
  await time('index TEXT', indexDeps, text, 3);
  await time('index BODY', indexDeps, body, 3);
  await time('index TEXT, needle in every message', indexDeps, { kind: 'text', value: 'protocollata' }, 3);
  await storage.close();
} finally {
  await rm(dir, { recursive: true, force: true });
}
