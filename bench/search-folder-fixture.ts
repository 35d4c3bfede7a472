/**
 * The N-message SQLite folder the in-process search benches time (search-index-micro.ts,
 * search-phases-micro.ts): filled in one transaction, so N = 10,000 takes seconds. Every tenth
 * message has the word "zibibbo" in its body.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  appendPrepared,
  prepareMessage,
  type PreparedMessage,
} from '../packages/server/src/services/mailboxes/store-message.ts';
import { openFsBlobStore } from '../packages/server/src/storage/blobs-fs/open-fs-blob-store.ts';
import { openSqliteStorage } from '../packages/server/src/storage/sqlite/open-sqlite-storage.ts';

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

/** A new folder under the system's temporary directory (the caller removes `dir`). */
export async function openSearchFolder(prefix: string, n: number) {
  const dir = await mkdtemp(join(tmpdir(), prefix));
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
  return { dir, storage, blobs, box };
}
