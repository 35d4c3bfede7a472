/**
 * The words of a calendar reminder (decision 0040), in Italian then English as the box's other
 * notices: the event's title, when (in the event's zone) and where; the notes stay in the
 * calendar.
 */
import type { CalendarEvent } from './calendar.ts';

function when(at: Date, event: CalendarEvent, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: event.timeZone,
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    ...(event.allDay ? {} : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const }),
  }).format(at);
}

export function describeReminder(input: {
  readonly box: string;
  readonly event: CalendarEvent;
  readonly occurrenceStart: Date;
}): { subject: string; text: string } {
  const { event } = input;
  const title = event.title.replace(/\s+/g, ' ').trim();
  const it = when(input.occurrenceStart, event, 'it-IT');
  const en = when(input.occurrenceStart, event, 'en-GB');
  const zone = event.allDay ? '' : ` (${event.timeZone})`;
  const place = event.location === '' ? '' : `\nLuogo / Place: ${event.location}`;
  return {
    subject: `Promemoria: ${title} / Reminder: ${title}`,
    text:
      `Promemoria dal calendario della casella ${input.box}:\n` +
      `Reminder from the calendar of the mailbox ${input.box}:\n\n` +
      `${title}\n${it}${zone}\n${en}${zone}${place}\n\n` +
      "Apri l'evento nella webmail, scheda Calendario.\nOpen the event in the webmail's Calendar tab.",
  };
}
