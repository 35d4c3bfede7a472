/**
 * Web Push of new PEC at the composition root (decision 0032): the VAPID subject is the notice
 * sender (`boxLife.noticeFrom`), the hourly cap the e-mail notices' (`boxLife.newPecNoticesPerHour`),
 * and plain-HTTP loopback endpoints are accepted only when the public URL is on localhost (as the
 * passkeys' origin rule). Pushes go over fetch with the webhooks' time limit, from the outbox
 * (decision 0045).
 */
import { createPushPost } from '../http-clients/create-push-post.ts';
import type { EventLog } from '../ports/event-log.ts';
import { createWebPush, type WebPush } from '../services/web-push/web-push.ts';
import { createWebPushJobHandler, webPushJobKind } from '../services/web-push/web-push-job.ts';
import type { JobHandler } from '../services/pipeline/outbox/create-outbox-worker.ts';
import type { ProviderContext } from './provider-context.ts';

export function configuredWebPush(ctx: ProviderContext, events?: EventLog): WebPush {
  const { config } = ctx.config;
  const publicUrl = new URL(config.http.publicUrl ?? `https://${config.provider.domain}`);
  return createWebPush({
    store: ctx.storage.webPush,
    clock: ctx.clock,
    post: createPushPost(config.integration.webhookTimeoutSeconds * 1000),
    settings: {
      subject: `mailto:${config.boxLife.noticeFrom ?? `noreply@${config.provider.domain}`}`,
      perHour: config.boxLife.newPecNoticesPerHour,
      allowLoopbackHttp: publicUrl.hostname === 'localhost',
    },
    onFailure: (endpoint, problem) => {
      events?.emit({
        event: 'error.unexpected',
        where: 'web push',
        error: new Error(`${new URL(endpoint).origin}: ${problem}`),
      });
    },
  });
}

/** The outbox handler of the `web-push` jobs queued as PEC are filed (decision 0045). */
export function webPushJobHandlers(ctx: ProviderContext, events?: EventLog): Record<string, JobHandler> {
  return { [webPushJobKind]: createWebPushJobHandler(configuredWebPush(ctx, events)) };
}
