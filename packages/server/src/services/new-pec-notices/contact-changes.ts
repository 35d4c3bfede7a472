/**
 * The holder's own change of contact data (decision 0036): a new contact e-mail or mobile takes
 * effect only once the code sent to it (by e-mail, or by SMS through the gateway) is typed back
 * within a day; then the old contact is told of the change (e-mail to the old address, SMS to the
 * old mobile), so that a taken-over session cannot quietly redirect the box's notices.
 */
import { randomInt } from 'node:crypto';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { Clock } from '../../ports/clock.ts';
import type { ContactKind, PendingContact } from '../../ports/contact-change-store.ts';
import type { SmsGateway } from '../../ports/sms-gateway.ts';
import type { Storage } from '../../ports/storage.ts';
import type { HolderMailSettings } from '../holder-notices/send-holder-mail.ts';
import { describeContactChanged, describeContactCode } from './describe-contact-change.ts';
import { describeSmsCode } from './describe-sms.ts';
import { codeHash, isPlainAddress, maximumCodeTries } from './new-pec-notices.ts';
import { normaliseMobile } from './notice-preferences.ts';
import { queueNoticeMail } from './queue-notice-mail.ts';
import { localDay } from './zoned-times.ts';

const codeLifetimeMs = 24 * 3_600_000;

export interface ContactView {
  readonly contactEmail: string | null;
  readonly mobile: string | null;
  readonly pending: readonly PendingContact[];
}

export type ContactOutcome =
  { readonly ok: true; readonly view: ContactView } | { readonly ok: false; readonly problem: string };

export interface ContactChanges {
  get(mailboxId: number): Promise<ContactView>;
  /** Sends a code to the new value; the old one stays in force. */
  start(mailboxId: number, kind: ContactKind, value: string): Promise<ContactOutcome>;
  /** With the right code, the new value replaces the old one, and the old contact is told. */
  confirm(mailboxId: number, kind: ContactKind, code: string): Promise<ContactOutcome>;
  cancel(mailboxId: number, kind: ContactKind): Promise<ContactView>;
}

export interface ContactChangeDependencies {
  readonly storage: Storage;
  readonly blobs: Pick<BlobStore, 'put'>;
  readonly clock: Clock;
  readonly gateway: SmsGateway | undefined;
  readonly settings: HolderMailSettings & { readonly smsPerDay: number };
}

export function createContactChanges(deps: ContactChangeDependencies): ContactChanges {
  const { storage, clock, gateway, settings } = deps;
  const refused = (problem: string): ContactOutcome => ({ ok: false, problem });
  async function view(mailboxId: number): Promise<ContactView> {
    const box = await storage.accounts.getMailbox(mailboxId);
    return {
      contactEmail: box?.contactEmail ?? null,
      mobile: box?.mobile ?? null,
      pending: await storage.contactChanges.list(mailboxId),
    };
  }
  async function sms(mailboxId: number, to: string, text: string): Promise<string | undefined> {
    if (gateway === undefined) return 'SMS are not offered by this provider';
    const zone = (await storage.noticePreferences.get(mailboxId)).timeZone;
    if (!(await storage.smsOutbox.countDay(mailboxId, localDay(clock.now(), zone), settings.smsPerDay)))
      return 'today’s SMS limit is reached: try again tomorrow';
    const sent = await gateway.send({ to, text });
    return sent.sent ? undefined : `the SMS gateway did not take it: ${sent.problem}`;
  }
  return {
    get: view,
    async start(mailboxId, kind, raw) {
      const box = await storage.accounts.getMailbox(mailboxId);
      if (box === undefined) return refused('no such box');
      const value = kind === 'email' ? raw.trim().toLowerCase() : normaliseMobile(raw);
      if (value === undefined)
        return refused(`${raw.trim()} is not a mobile number in international form (+39…)`);
      if (kind === 'email' && !isPlainAddress(value))
        return refused(`${raw.trim()} is not an e-mail address`);
      if (value === (kind === 'email' ? box.contactEmail : box.mobile))
        return refused(`${value} is already your contact`);
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const now = clock.now();
      if (kind === 'mobile') {
        const problem = await sms(mailboxId, value, describeSmsCode(code));
        if (problem !== undefined) return refused(problem);
        await storage.contactChanges.start(mailboxId, kind, value, codeHash(code), now);
      } else {
        await storage.transaction(async (tx) => {
          await tx.contactChanges.start(mailboxId, kind, value, codeHash(code), now);
          await queueNoticeMail(tx, deps.blobs, settings, {
            to: [value],
            ...describeContactCode({ box: box.address, code }),
            id: `contact-code-${String(mailboxId)}-${String(now.getTime())}`,
            at: now,
          });
        });
      }
      return { ok: true, view: await view(mailboxId) };
    },
    async confirm(mailboxId, kind, code) {
      const box = await storage.accounts.getMailbox(mailboxId);
      if (box === undefined) return refused('no such box');
      const now = clock.now();
      const old = kind === 'email' ? box.contactEmail : box.mobile;
      const outcome = await storage.transaction(async (tx) => {
        const checked = await tx.contactChanges.confirm(
          mailboxId,
          kind,
          codeHash(code),
          new Date(now.getTime() - codeLifetimeMs),
          maximumCodeTries,
        );
        if (checked.outcome !== 'confirmed') return checked;
        await tx.accounts.updateMailbox(
          mailboxId,
          kind === 'email' ? { contactEmail: checked.value } : { mobile: checked.value },
        );
        if (kind === 'email' && old !== null)
          await queueNoticeMail(tx, deps.blobs, settings, {
            to: [old],
            ...describeContactChanged({ box: box.address, kind, value: checked.value }),
            id: `contact-changed-${String(mailboxId)}-${String(now.getTime())}`,
            at: now,
          });
        return checked;
      });
      if (outcome.outcome !== 'confirmed')
        return refused(
          {
            'wrong-code': 'the code is not the one sent',
            'too-many-tries': 'too many wrong codes: ask for a new code',
            unknown: 'no change is waiting for a code (or its code is older than a day)',
          }[outcome.outcome],
        );
      if (kind === 'mobile' && old !== null)
        await sms(
          mailboxId,
          old,
          describeContactChanged({ box: box.address, kind, value: outcome.value }).sms,
        );
      return { ok: true, view: await view(mailboxId) };
    },
    async cancel(mailboxId, kind) {
      await storage.contactChanges.cancel(mailboxId, kind);
      return view(mailboxId);
    },
  };
}
