// The calendar routes (decision 0040): a month's occurrences, save, delete, .ics import and export.
import { useQuery } from '@tanstack/react-query';
import { json, request } from '../../api/client.ts';

export interface EventFields {
  title: string;
  location: string;
  notes: string;
  allDay: boolean;
  start: string;
  end: string;
  timeZone: string;
  repeat: { frequency: string; until: string | null; count: number | null };
  reminders: number[];
}

export interface CalendarEvent extends EventFields {
  id: string;
  uid: string;
  updatedAt: string;
}

export interface Occurrence {
  eventId: string;
  start: string;
  end: string;
  startsAt: string;
  endsAt: string;
}

export interface ImportReport {
  imported: number;
  rejected: { event: number; title: string | null; reason: string; detail?: string }[];
}

export const calendarKey = ['calendar'] as const;

export const calendarApi = {
  range: (from: Date, to: Date) =>
    json<{ events: CalendarEvent[]; occurrences: Occurrence[] }>(
      'GET',
      `/calendar/events?from=${from.toISOString()}&to=${to.toISOString()}`,
    ),
  create: (fields: EventFields) => json<CalendarEvent>('POST', '/calendar/events', fields),
  update: (id: string, fields: EventFields) => json<CalendarEvent>('PATCH', `/calendar/events/${id}`, fields),
  remove: async (id: string): Promise<void> => {
    await request('DELETE', `/calendar/events/${id}`);
  },
  importIcs: (ics: string) => json<ImportReport>('POST', '/calendar/import', { ics }),
  exportUrl: '/api/v1/calendar/export',
  eventUrl: (id: string) => `/api/v1/calendar/events/${id}/ics`,
};

/** The occurrences of the month `year-month` (1-based), with a week's margin either side. */
export function useMonth(year: number, month: number) {
  const from = new Date(Date.UTC(year, month - 1, 1) - 7 * 86_400_000);
  const to = new Date(Date.UTC(year, month, 1) + 14 * 86_400_000);
  return useQuery({ queryKey: [...calendarKey, year, month], queryFn: () => calendarApi.range(from, to) });
}
