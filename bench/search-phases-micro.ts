/**
 * In-process timing of the phases of an indexed TEXT/BODY search on one N-message SQLite folder
 * (decision 0056): no sockets, no Dovecot. `node --import tsx bench/search-phases-micro.ts [N]`.
 */
import { rm } from 'node:fs/promises';
import { systemClock } from '../packages/server/src/ports/clock.ts';
import { searchMessages } from '../packages/server/src/services/mailbox-access/search-messages.ts';
import { searchUids } from '../packages/server/src/services/mailbox-access/search-uids.ts';
import { indexPendingTexts } from '../packages/server/src/services/mailbox-access/create-message-text-indexer.ts';
import type { SearchCriteria } from '../packages/server/src/services/mailbox-access/search-criteria.ts';
import { openSearchFolder } from './search-folder-fixture.ts';

const n = Number(process.argv[2] ?? 10_000);

const { dir, storage, blobs, box } = await openSearchFolder('pec-search-phases-', n);
try {
  const indexer = {
    texts: storage.messageTexts,
    blobs,
    onError: (e: unknown) => {
      console.error(e);
    },
  };
  while ((await indexPendingTexts(indexer)) > 0);
  const folder = await storage.mailboxes.getFolder(box.id, 'INBOX');
  if (folder === undefined) throw new Error('no INBOX');
  const view = (await storage.mailboxes.listMessageStates(folder.id)).map((s) => s.uid);
  const deps = { mailboxes: storage.mailboxes, blobs, clock: systemClock, texts: storage.messageTexts };
  const time = async (label: string, fn: () => Promise<number>, rounds = 5) => {
    await fn();
    const cpu = process.cpuUsage();
    const start = performance.now();
    let found = 0;
    for (let r = 0; r < rounds; r++) found = await fn();
    const used = process.cpuUsage(cpu);
    process.stdout.write(
      `${label}: ${((performance.now() - start) / rounds).toFixed(1)} ms, cpu ${((used.user + used.system) / 1000 / rounds).toFixed(1)} ms (${String(found)})\n`,
    );
  };
  const text: SearchCriteria = { kind: 'text', value: 'zibibbo' };
  const body: SearchCriteria = { kind: 'body', value: 'zibibbo' };
  await time('listMessageStates', async () => (await storage.mailboxes.listMessageStates(folder.id)).length);
  await time('listUnindexed', async () => (await storage.messageTexts.listUnindexed(folder.id, 200)).length);
  await time('find', async () => (await storage.messageTexts.find(folder.id, ['zibibbo'])).size);
  await time('folderPending', async () => ((await storage.messageTexts.folderPending(folder.id)) ? 1 : 0));
  await time(
    'matchFolder TEXT',
    async () =>
      (await storage.messageTexts.matchFolder(folder.id, [{ value: 'zibibbo', part: 'text' }])).length,
  );
  await time(
    'searchUids TEXT',
    async () => (await searchUids(deps, { folderId: folder.id, view }, text)).length,
  );
  await time(
    'searchUids BODY',
    async () => (await searchUids(deps, { folderId: folder.id, view }, body)).length,
  );
  // A word in every message and a phrase with spaces: the index narrows little, or by its words.
  await time(
    'searchUids TEXT common',
    async () =>
      (await searchUids(deps, { folderId: folder.id, view }, { kind: 'text', value: 'protocollata' })).length,
  );
  await time(
    'searchUids TEXT phrase',
    async () =>
      (
        await searchUids(
          deps,
          { folderId: folder.id, view },
          { kind: 'text', value: 'pratica numero 4242 è' },
        )
      ).length,
  );
  await time(
    'search TEXT',
    async () => (await searchMessages(deps, { folderId: folder.id, view }, text)).length,
  );
  await time(
    'search BODY',
    async () => (await searchMessages(deps, { folderId: folder.id, view }, body)).length,
  );
  await time(
    'search SUBJECT',
    async () =>
      (await searchMessages(deps, { folderId: folder.id, view }, { kind: 'subject', value: 'Pratica 77' }))
        .length,
  );
  await storage.close();
} finally {
  await rm(dir, { recursive: true, force: true });
}
