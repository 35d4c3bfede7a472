/**
 * In-process timing of `searchMessages` (the function behind IMAP SEARCH and the HTTP API's search) on one
 * N-message SQLite folder, with and without the text index (decision 0043): no sockets, no Dovecot. The
 * folder is filled in one transaction, so N = 10,000 takes seconds where the IMAP bench's per-message
 * deliveries take many minutes. `node --import tsx bench/search-index-micro.ts [N]`.
 */
import { rm } from 'node:fs/promises';
import { systemClock } from '../packages/server/src/ports/clock.ts';
import { searchMessages } from '../packages/server/src/services/mailbox-access/search-messages.ts';
import type { SearchCriteria } from '../packages/server/src/services/mailbox-access/search-criteria.ts';
import { openSearchFolder } from './search-folder-fixture.ts';

const n = Number(process.argv[2] ?? 10_000);

const { dir, storage, blobs, box } = await openSearchFolder('pec-search-micro-', n);
try {
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
