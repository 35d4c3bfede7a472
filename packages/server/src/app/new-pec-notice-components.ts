/**
 * Notices of new PEC at the composition root (decisions 0028, 0036): their settings from
 * `provider`, `boxLife`, `notices` and `timeouts`, the storage that queues them as PEC are filed,
 * the holder's services, the configured SMS gateway, and the background task that sends each
 * hour's "and N more" notice, the digests that are due and the queued SMS.
 */
import { createHttpSmsGateway } from '../http-clients/create-http-sms-gateway.ts';
import type { EventLog } from '../ports/event-log.ts';
import type { SmsGateway } from '../ports/sms-gateway.ts';
import {
  createNoticePreferenceService,
  type NoticePreferenceService,
} from '../services/new-pec-notices/notice-preferences.ts';
import { createContactChanges, type ContactChanges } from '../services/new-pec-notices/contact-changes.ts';
import { sendDigests } from '../services/new-pec-notices/send-digests.ts';
import { sendCalendarReminders } from '../services/calendar/send-reminders.ts';
import { sendSmsNotices } from '../services/new-pec-notices/send-sms-notices.ts';
import {
  createNewPecNotices,
  type NewPecNotices,
  type NewPecNoticeSettings,
} from '../services/new-pec-notices/new-pec-notices.ts';
import { createPeriodicTask, type PeriodicTask } from '../services/periodic-task/create-periodic-task.ts';
import type { ProviderContext } from './provider-context.ts';
import { withArchiveFullNoticeMail } from './with-archive-full-notices.ts';
import { withNewPecNoticeMail } from './with-new-pec-notices.ts';
import { queueWebPush } from '../services/web-push/web-push-job.ts';

export function newPecNoticeSettings(ctx: ProviderContext): NewPecNoticeSettings {
  const { config } = ctx.config;
  return {
    providerName: config.provider.name,
    from: config.boxLife.noticeFrom ?? `noreply@${config.provider.domain}`,
    lifetimeMs: config.timeouts.queueLifetimeHours * 3_600_000,
    perHour: config.boxLife.newPecNoticesPerHour,
    smsPerDay: config.notices.smsPerDay,
    smsAvailable: config.notices.smsGateway !== undefined,
  };
}

/** The HTTP SMS gateway of `notices.smsGateway`; undefined when none is configured. */
export function configuredSmsGateway(ctx: ProviderContext): SmsGateway | undefined {
  const gateway = ctx.config.config.notices.smsGateway;
  if (gateway === undefined) return undefined;
  return createHttpSmsGateway({
    url: gateway.url,
    method: gateway.method,
    ...(gateway.authHeaderName === undefined
      ? {}
      : { authHeader: { name: gateway.authHeaderName, value: gateway.authHeaderValue ?? '' } }),
    contentType: gateway.contentType,
    bodyTemplate: gateway.bodyTemplate,
    timeoutMs: gateway.timeoutSeconds * 1000,
  });
}

export function noticePreferences(ctx: ProviderContext): NoticePreferenceService {
  return createNoticePreferenceService({
    storage: ctx.storage,
    clock: ctx.clock,
    gateway: configuredSmsGateway(ctx),
    settings: newPecNoticeSettings(ctx),
  });
}

export function contactChanges(ctx: ProviderContext): ContactChanges {
  return createContactChanges({
    storage: ctx.storage,
    blobs: ctx.blobs,
    clock: ctx.clock,
    gateway: configuredSmsGateway(ctx),
    settings: newPecNoticeSettings(ctx),
  });
}

/**
 * One round of the notice task: folded hours, due digests, calendar reminders, queued SMS (each
 * claimed once across nodes).
 */
export async function sendDueNotices(ctx: ProviderContext, now: Date): Promise<number> {
  const settings = newPecNoticeSettings(ctx);
  let sent = await newPecNotices(ctx).flushFolded(now);
  sent += await sendDigests({ storage: ctx.storage, blobs: ctx.blobs, settings }, now);
  // The calendar's reminders ride the same task (decision 0040).
  sent += await sendCalendarReminders({ storage: ctx.storage, blobs: ctx.blobs, settings }, now);
  const gateway = configuredSmsGateway(ctx);
  if (gateway !== undefined) sent += await sendSmsNotices({ outbox: ctx.storage.smsOutbox, gateway }, now);
  return sent;
}

/**
 * The context whose storage queues a notice for every PEC filed in a box that asked for them (and
 * archive-full notices), and queues its push to the box's subscribed browsers (decisions 0032, 0045).
 */
export function withNewPecNotices(ctx: ProviderContext): ProviderContext {
  const storage = withArchiveFullNoticeMail(
    withNewPecNoticeMail(ctx.storage, {
      blobs: ctx.blobs,
      clock: ctx.clock,
      settings: newPecNoticeSettings(ctx),
      // The Web Push as outbox jobs of the filing transaction (decision 0045).
      queuePush: async (tx, pec) => {
        await queueWebPush(tx, ctx.config.config.boxLife.newPecNoticesPerHour, pec, ctx.clock.now());
      },
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

/**
 * Sends, every `intervalMs` (a minute by default, so a digest leaves within a minute of its
 * time), the "and N more" notices of the hours just ended, the due digests and the queued SMS.
 */
export function configuredNoticeFlusher(
  ctx: ProviderContext,
  events: EventLog,
  intervalMs = 60_000,
): PeriodicTask {
  return createPeriodicTask({
    intervalMs,
    tick: () => sendDueNotices(ctx, ctx.clock.now()),
    onError: (error) => {
      events.emit({ event: 'error.unexpected', where: 'new-PEC notices', error });
    },
  });
}
