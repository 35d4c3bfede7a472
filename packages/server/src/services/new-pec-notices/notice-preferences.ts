/**
 * The holder's choices about notices of new PEC (decision 0036): e-mail at once or as digests at
 * chosen times of day; SMS to a mobile number verified by a one-time code sent through the
 * gateway, with quiet hours, only when the plan includes SMS; a per-day cap (codes included, so
 * the code cannot be used to flood a number). The same terms hold for the SMS of the box's own
 * life (decision 0045), chosen apart.
 */
import { randomInt } from 'node:crypto';
import type { Clock } from '../../ports/clock.ts';
import type { NoticePreferencePatch, NoticePreferences } from '../../ports/notice-preference-store.ts';
import type { SmsGateway } from '../../ports/sms-gateway.ts';
import type { Storage } from '../../ports/storage.ts';
import { describeSmsCode } from './describe-sms.ts';
import { codeHash, maximumCodeTries, type NewPecNoticeSettings } from './new-pec-notices.ts';
import { planIncludesSms } from './queue-sms-notice.ts';
import { knownZone, localDay, timeOfDay } from './zoned-times.ts';

export const maximumDigestTimes = 6;

export interface NoticePreferenceView {
  readonly prefs: NoticePreferences;
  /** The box's plan includes SMS notices. */
  readonly smsIncluded: boolean;
  /** An SMS gateway is configured. */
  readonly smsAvailable: boolean;
  readonly smsPerDay: number;
}

export type NoticePreferenceOutcome =
  | { readonly ok: true; readonly view: NoticePreferenceView }
  /** `problem` says why, in English. */
  | { readonly ok: false; readonly problem: string };

export interface NoticePreferenceService {
  get(mailboxId: number): Promise<NoticePreferenceView>;
  update(mailboxId: number, patch: NoticePreferencePatch): Promise<NoticePreferenceOutcome>;
  /** Sets a new mobile number and sends it a code by SMS. */
  setMobile(mailboxId: number, mobile: string): Promise<NoticePreferenceOutcome>;
  verifyMobile(mailboxId: number, code: string): Promise<NoticePreferenceOutcome>;
  removeMobile(mailboxId: number): Promise<NoticePreferenceView>;
}

export interface NoticePreferenceDependencies {
  readonly storage: Storage;
  readonly clock: Clock;
  /** Absent: no gateway configured, no SMS. */
  readonly gateway: SmsGateway | undefined;
  readonly settings: Pick<NewPecNoticeSettings, 'smsPerDay'>;
}

/** E.164: a plus, a country code and at most 15 digits; spaces, dots and dashes are ignored. */
export function normaliseMobile(raw: string): string | undefined {
  const compact = raw.replace(/[\s.\-()]/g, '').replace(/^00/, '+');
  return /^\+[1-9]\d{6,14}$/.test(compact) ? compact : undefined;
}

export function createNoticePreferenceService(deps: NoticePreferenceDependencies): NoticePreferenceService {
  const { storage, clock, gateway } = deps;
  const smsAvailable = gateway !== undefined;
  async function view(mailboxId: number): Promise<NoticePreferenceView> {
    return {
      prefs: await storage.noticePreferences.get(mailboxId),
      smsIncluded: await planIncludesSms(storage, mailboxId),
      smsAvailable,
      smsPerDay: deps.settings.smsPerDay,
    };
  }
  const refused = (problem: string): NoticePreferenceOutcome => ({ ok: false, problem });
  return {
    get: view,
    async update(mailboxId, patch) {
      const current = await storage.noticePreferences.get(mailboxId);
      const next = { ...current, ...patch };
      const times = patch.digestTimes === undefined ? undefined : [...new Set(patch.digestTimes)].sort();
      if (times?.some((t) => !timeOfDay.test(t)) === true) return refused('a digest time is not HH:MM');
      if (times !== undefined && times.length > maximumDigestTimes)
        return refused(`at most ${String(maximumDigestTimes)} digest times`);
      if (next.emailMode === 'digest' && (times ?? next.digestTimes).length === 0)
        return refused('a digest needs at least one time of day');
      if (patch.timeZone !== undefined && !knownZone(patch.timeZone))
        return refused(`${patch.timeZone} is not a known time zone`);
      for (const quiet of [next.quietStart, next.quietEnd])
        if (quiet !== null && !timeOfDay.test(quiet)) return refused('a quiet hour is not HH:MM');
      if ((next.quietStart === null) !== (next.quietEnd === null))
        return refused('quiet hours need both a start and an end');
      if (patch.smsEnabled === true || patch.smsBoxLife === true) {
        if (!smsAvailable) return refused('SMS notices are not offered by this provider');
        if (!(await planIncludesSms(storage, mailboxId)))
          return refused('your plan does not include SMS notices');
        if (current.mobile === null || current.mobileVerifiedAt === null)
          return refused('verify a mobile number first');
      }
      await storage.noticePreferences.update(
        mailboxId,
        { ...patch, ...(times === undefined ? {} : { digestTimes: times }) },
        clock.now(),
      );
      return { ok: true, view: await view(mailboxId) };
    },
    async setMobile(mailboxId, raw) {
      if (gateway === undefined) return refused('SMS notices are not offered by this provider');
      const mobile = normaliseMobile(raw);
      if (mobile === undefined)
        return refused(`${raw.trim()} is not a mobile number in international form (+39…)`);
      const now = clock.now();
      const prefs = await storage.noticePreferences.get(mailboxId);
      if (
        !(await storage.smsOutbox.countDay(mailboxId, localDay(now, prefs.timeZone), deps.settings.smsPerDay))
      )
        return refused('today’s SMS limit is reached: try again tomorrow');
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      await storage.noticePreferences.setMobile(mailboxId, mobile, codeHash(code), now);
      await storage.noticePreferences.update(mailboxId, { smsEnabled: false, smsBoxLife: false }, now);
      const sent = await gateway.send({ to: mobile, text: describeSmsCode(code) });
      if (!sent.sent) return refused(`the SMS gateway did not take the code: ${sent.problem}`);
      return { ok: true, view: await view(mailboxId) };
    },
    async verifyMobile(mailboxId, code) {
      const outcome = await storage.noticePreferences.verifyMobile(
        mailboxId,
        codeHash(code),
        clock.now(),
        maximumCodeTries,
      );
      if (outcome === 'verified') return { ok: true, view: await view(mailboxId) };
      return refused(
        {
          'wrong-code': 'the code is not the one sent to this number',
          'too-many-tries': 'too many wrong codes: ask for a new code',
          unknown: 'no mobile number is waiting for a code',
        }[outcome],
      );
    },
    async removeMobile(mailboxId) {
      const now = clock.now();
      await storage.noticePreferences.removeMobile(mailboxId, now);
      await storage.noticePreferences.update(mailboxId, { smsEnabled: false, smsBoxLife: false }, now);
      return view(mailboxId);
    },
  };
}
