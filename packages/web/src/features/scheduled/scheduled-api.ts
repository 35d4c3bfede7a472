// The scheduled-send routes (decision 0024): schedule, list, cancel.
import { useQuery } from '@tanstack/react-query';
import { json, request } from '../../api/client.ts';
import type { OutgoingFields } from '../../api/contract.ts';

export type ScheduledStatus =
  'scheduled' | 'sending' | 'sent' | 'not-accepted' | 'refused' | 'draft-missing' | 'failed';

export interface ScheduledSend {
  id: string;
  to: string[];
  cc: string[];
  subject: string;
  sendAt: string;
  timeZone: string;
  draftUid: number;
  status: ScheduledStatus;
  reason: string | null;
  identifier: string | null;
}

export const scheduledKey = ['scheduled'] as const;

export const scheduledApi = {
  schedule: (fields: OutgoingFields, draftUid: number | null, sendAt: Date, timeZone: string) =>
    json<ScheduledSend>('POST', '/outgoing/scheduled', {
      ...fields,
      ...(draftUid === null ? {} : { draftUid }),
      sendAt: sendAt.toISOString(),
      timeZone,
    }),
  list: () => json<{ scheduled: ScheduledSend[] }>('GET', '/outgoing/scheduled'),
  cancel: async (id: string): Promise<void> => {
    await request('DELETE', `/outgoing/scheduled/${id}`);
  },
};

export function useScheduled() {
  return useQuery({ queryKey: scheduledKey, queryFn: scheduledApi.list });
}
