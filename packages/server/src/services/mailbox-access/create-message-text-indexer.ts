/**
 * The message-text indexer (decision 0049): drains the blobs queued at filing into the text index
 * in batches, off every reply path, so that a search finds its folder already indexed. Each batch
 * is claimed under a lease (another node's indexer skips it until the lease ends; a crashed node's
 * batch is taken again then). A blob that cannot be read or described loses its marker and is
 * reported: a search then reads its bytes, as for any message without text.
 */
import type { BlobStore } from '../../ports/blob-store.ts';
import type { MessageTextEntry, MessageTextIndex, UnindexedBlob } from '../../ports/message-text-index.ts';
import { createPeriodicTask, type PeriodicTask } from '../periodic-task/create-periodic-task.ts';
import { mapWithConcurrency } from './map-with-concurrency.ts';
import { messageTextEntry } from './message-text-entry.ts';

export interface MessageTextIndexerDependencies {
  readonly texts: MessageTextIndex;
  readonly blobs: Pick<BlobStore, 'get'>;
  /** A failed tick, or a blob left unindexed. */
  readonly onError: (error: unknown, blobKey?: string) => void;
}

export interface MessageTextIndexerSettings {
  /** Pause when the queue is empty. */
  readonly intervalMs: number;
  /** Blobs claimed per batch. */
  readonly batch: number;
  /** Blobs read at the same time. */
  readonly concurrency: number;
  /** How long a claimed batch is held before another indexer may take it again. */
  readonly leaseMs: number;
}

export const defaultMessageTextIndexerSettings: MessageTextIndexerSettings = {
  intervalMs: 1000,
  batch: 200,
  concurrency: 4,
  leaseMs: 10 * 60_000,
};

/** Indexes one claimed batch; returns how many blobs were claimed. */
export async function indexPendingTexts(
  deps: MessageTextIndexerDependencies,
  settings: Pick<
    MessageTextIndexerSettings,
    'batch' | 'concurrency' | 'leaseMs'
  > = defaultMessageTextIndexerSettings,
): Promise<number> {
  const claimed = await deps.texts.claimPending(settings.batch, settings.leaseMs);
  const failed: string[] = [];
  const entries = await mapWithConcurrency(
    claimed,
    settings.concurrency,
    async (blob: UnindexedBlob): Promise<MessageTextEntry | undefined> => {
      try {
        return messageTextEntry(
          blob.blobKey,
          await deps.blobs.get(blob.blobKey),
          blob.structure,
          blob.envelope,
        );
      } catch (error) {
        deps.onError(error, blob.blobKey);
        failed.push(blob.blobKey);
        return undefined;
      }
    },
  );
  await deps.texts.put(entries.filter((entry) => entry !== undefined));
  if (failed.length > 0) await deps.texts.dropPending(failed);
  return claimed.length;
}

export function createMessageTextIndexer(
  deps: MessageTextIndexerDependencies,
  settings: MessageTextIndexerSettings = defaultMessageTextIndexerSettings,
): PeriodicTask {
  return createPeriodicTask({
    intervalMs: settings.intervalMs,
    tick: () => indexPendingTexts(deps, settings),
    onError: (error) => {
      deps.onError(error);
    },
    // A full batch: more may be waiting.
    busy: (claimed) => claimed >= settings.batch,
  });
}
