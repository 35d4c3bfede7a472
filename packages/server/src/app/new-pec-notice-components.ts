/**
 * E-mail notices of new PEC at the composition root (decision 0028): their settings from
 * `provider`, `boxLife` and `timeouts`, the storage that queues them as PEC are filed, the holder's
 * service, and the background task that sends each hour's "and N more" notice.
 */
import type { EventLog } from '../ports/event-log.ts';
import {
  createNewPecNotices,
  type NewPecNotices,
  type NewPecNoticeSettings,
} from '../services/new-pec-notices/new-pec-notices.ts';
import { createPeriodicTask, type PeriodicTask } from '../services/periodic-task/create-periodic-task.ts';
import type { ProviderContext } from './provider-context.ts';
import { withArchiveFullNoticeMail } from './with-archive-full-notices.ts';
import { withNewPecNoticeMail } from './with-new-pec-notices.ts';

export function newPecNoticeSettings(ctx: ProviderContext): NewPecNoticeSettings {
  const { config } = ctx.config;
  return {
    providerName: config.provider.name,
    from: config.boxLife.noticeFrom ?? `noreply@${config.provider.domain}`,
    lifetimeMs: config.timeouts.queueLifetimeHours * 3_600_000,
    perHour: config.boxLife.newPecNoticesPerHour,
  };
}

/** The context whose storage queues a notice for every PEC filed in a box that asked for them (and archive-full notices). */
export function withNewPecNotices(ctx: ProviderContext): ProviderContext {
  const storage = withArchiveFullNoticeMail(
    withNewPecNoticeMail(ctx.storage, {
      blobs: ctx.blobs,
      clock: ctx.clock,
      settings: newPecNoticeSettings(ctx),
    }),
    // The security archive's "full" notice goes out the same ways (decision 0035).
    { blobs: ctx.blobs, settings: newPecNoticeSettings(ctx) },
  );
  return { ...ctx, storage, close: () => ctx.close() };
}

export function newPecNotices(ctx: ProviderContext): NewPecNotices {
  return createNewPecNotices({
    storage: ctx.storage,
    blobs: ctx.blobs,
    clock: ctx.clock,
    settings: newPecNoticeSettings(ctx),
  });
}

/** Sends, once a minute, the "and N more" notices of the hours just ended. */
export function configuredNoticeFlusher(ctx: ProviderContext, events: EventLog): PeriodicTask {
  const notices = newPecNotices(ctx);
  return createPeriodicTask({
    intervalMs: 60_000,
    tick: () => notices.flushFolded(ctx.clock.now()),
    onError: (error) => {
      events.emit({ event: 'error.unexpected', where: 'new-PEC notices', error });
    },
  });
}
