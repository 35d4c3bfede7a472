/**
 * Sends one notice of the box's life exactly once: claimed as a step of the box's term, filed in
 * the box's INBOX while the box still receives, and queued for the relay to the holder's contact
 * address as ordinary mail, in the same transaction as the claim (decision 0004: the outbox is
 * transactional). The bytes are deterministic per (box, term, step), so a lost claim race leaves
 * no new blob. With the claim, the SMS of the notice is queued too when the holder chose it
 * (decision 0045), so it also goes once.
 */
import type { Mailbox } from '../../ports/account-store.ts';
import { enqueueRelayMessage } from '../pipeline/relay/relay-message-job.ts';
import { appendPrepared, prepareMessage } from '../mailboxes/store-message.ts';
import { queueBoxLifeSms } from '../holder-notices/queue-box-life-sms.ts';
import type { BoxLifeDependencies } from './box-life-dependencies.ts';
import { buildBoxNotice, type BoxNotice } from './build-box-notice.ts';

export interface NoticeRequest {
  readonly mailbox: Mailbox;
  readonly termEnd: Date;
  /** The claim's step name, e.g. `notice-30` or `notice-expired`. */
  readonly step: string;
  readonly notice: BoxNotice;
  /** File a copy in the box (false once it no longer receives). */
  readonly intoBox: boolean;
  readonly now: Date;
}

/** True when this call sent it; false when it was sent before or has nowhere to go (no contact, box closed). */
export async function sendBoxNotice(deps: BoxLifeDependencies, request: NoticeRequest): Promise<boolean> {
  const { mailbox, now, settings } = { ...request, settings: deps.settings };
  if (mailbox.contactEmail === null && !request.intoBox) return false;
  const claimed = (await deps.storage.boxLife.listSteps(mailbox.id)).some(
    (s) => s.step === request.step && s.termEnd.getTime() === request.termEnd.getTime(),
  );
  if (claimed) return false;
  const id = `box-${mailbox.id}-${request.termEnd.getTime()}-${request.step}`;
  const render = (to: string): Uint8Array =>
    buildBoxNotice({
      notice: request.notice,
      address: mailbox.address,
      providerName: settings.providerName,
      from: settings.noticeFrom,
      to,
      at: now,
      id,
    });
  const contact = mailbox.contactEmail;
  const emailKey = contact === null ? undefined : await deps.blobs.put(render(contact));
  const inBox = request.intoBox ? await prepareMessage(deps.blobs, render(mailbox.address)) : undefined;
  return deps.storage.transaction(async (tx) => {
    const won = await tx.boxLife.claimStep({
      mailboxId: mailbox.id,
      termEnd: request.termEnd,
      step: request.step,
      node: settings.node,
      claimedAt: now,
    });
    if (!won) return false;
    await queueBoxLifeSms(tx, settings.sms, {
      mailboxId: mailbox.id,
      box: mailbox.address,
      notice: request.notice,
      id,
      at: now,
    });
    if (inBox !== undefined) {
      await appendPrepared(tx, inBox, { mailboxId: mailbox.id, folderName: 'INBOX', internalDate: now });
    }
    if (contact !== null && emailKey !== undefined) {
      await enqueueRelayMessage(tx, {
        blobKey: emailKey,
        mailFrom: settings.noticeFrom,
        rcptTo: [contact],
        purpose: 'notice',
        expiresAt: new Date(now.getTime() + settings.noticeLifetimeMs).toISOString(),
      });
    }
    return true;
  });
}
