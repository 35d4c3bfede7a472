// The holder's notice preferences over HTTP (/api/v1/notices/preferences and /notices/mobile):
// the e-mail mode with its digest times, the mobile number, SMS and quiet hours.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { json } from '../../api/client.ts';
import { useFailure } from '../security/security-ui.tsx';

export interface NoticePreferences {
  emailMode: 'immediate' | 'digest';
  digestTimes: string[];
  maximumDigestTimes: number;
  timeZone: string;
  mobile: string | null;
  mobileVerified: boolean;
  smsEnabled: boolean;
  smsBoxLife: boolean;
  quietStart: string | null;
  quietEnd: string | null;
  smsIncluded: boolean;
  smsAvailable: boolean;
  smsPerDay: number;
}

export const noticePreferencesKey = ['notices', 'preferences'] as const;

export function useNoticePreferences() {
  return useQuery({
    queryKey: noticePreferencesKey,
    queryFn: () => json<NoticePreferences>('GET', '/notices/preferences'),
  });
}

/** Sends one change; keeps the answer as the new state and says how it went (error or done). */
export function useNoticeAction() {
  const client = useQueryClient();
  const failure = useFailure();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  function act(method: 'POST' | 'PATCH', path: string, body: unknown, message: string, then?: () => void) {
    setError(null);
    setDone(null);
    setBusy(true);
    json<NoticePreferences>(method, path, body)
      .then((saved) => {
        client.setQueryData(noticePreferencesKey, saved);
        setDone(message);
        then?.();
      })
      .catch((caught: unknown) => {
        setError(failure(caught, 'security.wrongCode'));
      })
      .finally(() => {
        setBusy(false);
      });
  }
  return { act, error, done, busy };
}
