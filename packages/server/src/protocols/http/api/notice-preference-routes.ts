/**
 * How the holder's notices of new PEC go out, over HTTP (decision 0036): e-mail at once or as
 * digests at chosen times; SMS to a mobile number verified by a code sent by SMS, with quiet
 * hours, when the plan includes SMS. Acts on the signed-in holder's own box only; refusals are
 * 409 problems whose detail says why.
 */
import { sendConflict } from './send-conflict.ts';
import { z } from 'zod';
import type { NoticePreferenceView } from '../../../services/new-pec-notices/notice-preferences.ts';
import { maximumDigestTimes } from '../../../services/new-pec-notices/notice-preferences.ts';
import type { ApiDependencies } from './api-dependencies.ts';
import { signedIn } from './session-mailbox.ts';
import { apiRoute, sessionResponses, type ApiRoute } from './api-route.ts';

const hhmm = z.string().regex(/^\d\d:\d\d$/);

const preferencesSchema = z
  .object({
    emailMode: z
      .enum(['immediate', 'digest'])
      .describe('E-mail notices at once, or as digests at the times.'),
    digestTimes: z.array(z.string()).describe('Local times of day (HH:MM) of the digests.'),
    maximumDigestTimes: z.number().int(),
    timeZone: z.string().describe('IANA zone of the digest times and quiet hours.'),
    mobile: z.string().nullable().describe('The mobile number (E.164), verified or waiting for its code.'),
    mobileVerified: z.boolean(),
    smsEnabled: z.boolean().describe('SMS notices of new PEC wanted.'),
    smsBoxLife: z
      .boolean()
      .describe("SMS also for the notices of the box's life (quota, expiry, renewal, new sign-in)."),
    quietStart: z.string().nullable().describe('Local start (HH:MM) of the hours without SMS.'),
    quietEnd: z.string().nullable(),
    smsIncluded: z.boolean().describe("The box's plan includes SMS notices."),
    smsAvailable: z.boolean().describe('The provider has an SMS gateway.'),
    smsPerDay: z.number().int().describe('SMS a box receives at most in one day, codes included.'),
  })
  .meta({ id: 'NoticePreferences' });

const patchBody = z
  .strictObject({
    emailMode: z.enum(['immediate', 'digest']).optional(),
    digestTimes: z.array(hhmm).max(24).optional(),
    timeZone: z.string().max(64).optional(),
    smsEnabled: z.boolean().optional(),
    smsBoxLife: z.boolean().optional(),
    quietStart: hhmm.nullable().optional(),
    quietEnd: hhmm.nullable().optional(),
  })
  .meta({ id: 'NoticePreferenceChange' });
const mobileBody = z.strictObject({ mobile: z.string().max(32) }).meta({ id: 'MobileChange' });
const codeBody = z.strictObject({ code: z.string().max(16) }).meta({ id: 'MobileVerification' });

const view = (v: NoticePreferenceView): z.output<typeof preferencesSchema> => ({
  emailMode: v.prefs.emailMode,
  digestTimes: [...v.prefs.digestTimes],
  maximumDigestTimes,
  timeZone: v.prefs.timeZone,
  mobile: v.prefs.mobile,
  mobileVerified: v.prefs.mobileVerifiedAt !== null,
  smsEnabled: v.prefs.smsEnabled,
  smsBoxLife: v.prefs.smsBoxLife,
  quietStart: v.prefs.quietStart,
  quietEnd: v.prefs.quietEnd,
  smsIncluded: v.smsIncluded,
  smsAvailable: v.smsAvailable,
  smsPerDay: v.smsPerDay,
});

const responses = {
  200: { description: 'The preferences.', schema: preferencesSchema },
  409: { description: 'Refused; the problem says why (conflict).', problem: true },
  ...sessionResponses,
} as const;

export function noticePreferenceRoutes(deps: ApiDependencies): ApiRoute[] {
  const service = deps.noticePreferences;
  if (service === undefined) return [];
  const common = { tag: 'notices', auth: true } as const;
  return [
    apiRoute({
      ...common,
      method: 'GET',
      url: '/api/v1/notices/preferences',
      operationId: 'getNoticePreferences',
      summary: 'How notices of new PEC go out: e-mail mode and digest times, mobile, SMS, quiet hours.',
      responses: { 200: responses[200], ...sessionResponses },
      async handler({ session }) {
        return view(await service.get(signedIn(session).mailboxId));
      },
    }),
    apiRoute({
      ...common,
      method: 'PATCH',
      url: '/api/v1/notices/preferences',
      operationId: 'changeNoticePreferences',
      summary: 'Changes the e-mail mode, digest times, time zone, SMS wish or quiet hours.',
      body: patchBody,
      responses,
      async handler({ session, body, reply }) {
        const { emailMode, digestTimes, timeZone, smsEnabled, smsBoxLife, quietStart, quietEnd } = body;
        const outcome = await service.update(signedIn(session).mailboxId, {
          ...(emailMode === undefined ? {} : { emailMode }),
          ...(digestTimes === undefined ? {} : { digestTimes }),
          ...(timeZone === undefined ? {} : { timeZone }),
          ...(smsEnabled === undefined ? {} : { smsEnabled }),
          ...(smsBoxLife === undefined ? {} : { smsBoxLife }),
          ...(quietStart === undefined ? {} : { quietStart }),
          ...(quietEnd === undefined ? {} : { quietEnd }),
        });
        if (!outcome.ok) return sendConflict(reply, outcome.problem);
        return view(outcome.view);
      },
    }),
    apiRoute({
      ...common,
      method: 'POST',
      url: '/api/v1/notices/mobile',
      operationId: 'setNoticeMobile',
      summary: 'Sets the mobile number for SMS notices and sends it a one-time code by SMS.',
      body: mobileBody,
      responses,
      async handler({ session, body, reply }) {
        const outcome = await service.setMobile(signedIn(session).mailboxId, body.mobile);
        if (!outcome.ok) return sendConflict(reply, outcome.problem);
        return view(outcome.view);
      },
    }),
    apiRoute({
      ...common,
      method: 'POST',
      url: '/api/v1/notices/mobile/verify',
      operationId: 'verifyNoticeMobile',
      summary: 'Verifies the mobile number with the code sent to it.',
      body: codeBody,
      responses,
      async handler({ session, body, reply }) {
        const outcome = await service.verifyMobile(signedIn(session).mailboxId, body.code);
        if (!outcome.ok) return sendConflict(reply, outcome.problem);
        return view(outcome.view);
      },
    }),
    apiRoute({
      ...common,
      method: 'POST',
      url: '/api/v1/notices/mobile/remove',
      operationId: 'removeNoticeMobile',
      summary: 'Forgets the mobile number; no SMS is sent any more.',
      responses: { 200: responses[200], ...sessionResponses },
      async handler({ session }) {
        return view(await service.removeMobile(signedIn(session).mailboxId));
      },
    }),
  ];
}
