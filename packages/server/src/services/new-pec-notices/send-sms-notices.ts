/**
 * Sends the queued SMS notices through the gateway (decision 0036): each due SMS is claimed
 * first (one conditional statement, so two nodes never send it both; a claim older than
 * `claimMs` is taken over after a crash), then sent; a refusal the gateway may get over (no
 * answer, 429, 5xx) is retried a few times, any other is given up.
 */
import type { SmsGateway } from '../../ports/sms-gateway.ts';
import type { SmsOutboxStore } from '../../ports/sms-outbox-store.ts';

export const smsAttempts = 5;
const claimMs = 10 * 60_000;
const retryMs = 5 * 60_000;
const batch = 50;

export async function sendSmsNotices(
  deps: { readonly outbox: SmsOutboxStore; readonly gateway: SmsGateway },
  now: Date,
): Promise<number> {
  const staleBefore = new Date(now.getTime() - claimMs);
  let sent = 0;
  for (const sms of await deps.outbox.due(now, staleBefore, batch)) {
    if (!(await deps.outbox.claim(sms.id, now, staleBefore))) continue;
    const outcome = await deps.gateway.send({ to: sms.to, text: sms.text });
    if (outcome.sent) {
      await deps.outbox.finish(sms.id, { sentAt: now });
      sent += 1;
      continue;
    }
    const transient = outcome.status === undefined || outcome.status === 429 || outcome.status >= 500;
    const attempts =
      (await deps.outbox.listForMailbox(sms.mailboxId)).find((s) => s.id === sms.id)?.attempts ?? smsAttempts;
    await deps.outbox.finish(sms.id, {
      problem: outcome.problem,
      retryAt: transient && attempts < smsAttempts ? new Date(now.getTime() + retryMs) : null,
    });
  }
  return sent;
}
