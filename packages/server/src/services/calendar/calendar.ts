/**
 * The holder's calendar (decision 0040): events with a title, place, notes, a start and end as
 * wall-clock times in an IANA time zone (or whole days), a simple recurrence (RFC 5545 FREQ with
 * optional UNTIL or COUNT), and reminders sent by e-mail to the holder's contact address a number
 * of minutes before each occurrence; iCalendar (RFC 5545) import and export.
 */

export const maxEvents = 5000;
export const maxTitleLength = 200;
export const maxLocationLength = 200;
export const maxNotesLength = 4000;
export const maxReminders = 5;
/** Four weeks, in minutes. */
export const maxReminderMinutes = 40_320;
export const maxCount = 1000;
export const defaultTimeZone = 'Europe/Rome';

export const frequencies = ['none', 'daily', 'weekly', 'monthly', 'yearly'] as const;
export type Frequency = (typeof frequencies)[number];

export interface Repeat {
  readonly frequency: Frequency;
  /** Last day (local, `YYYY-MM-DD`, inclusive) an occurrence may start on. */
  readonly until: string | null;
  /** How many occurrences in all. */
  readonly count: number | null;
}

/**
 * What the holder writes. Timed events: `start`/`end` are `YYYY-MM-DDTHH:MM` in `timeZone`;
 * all-day events: `YYYY-MM-DD`, `end` the last day (inclusive).
 */
export interface EventFields {
  readonly title: string;
  readonly location: string;
  readonly notes: string;
  readonly allDay: boolean;
  readonly start: string;
  readonly end: string;
  readonly timeZone: string;
  readonly repeat: Repeat;
  /** Minutes before each occurrence's start. */
  readonly reminders: readonly number[];
}

export interface CalendarEvent extends EventFields {
  readonly id: number;
  readonly uid: string;
  readonly updatedAt: Date;
}

/** One occurrence of an event, its times both local (the event's zone) and as instants. */
export interface Occurrence {
  readonly eventId: number;
  readonly start: string;
  readonly end: string;
  readonly startsAt: Date;
  readonly endsAt: Date;
}

/** Which field an event was refused for. */
export const eventProblems = [
  'title',
  'location',
  'notes',
  'start',
  'end',
  'end-before-start',
  'time-zone',
  'repeat',
  'reminder',
  'calendar-full',
] as const;
export type EventProblem = (typeof eventProblems)[number];

export type SaveOutcome =
  | { readonly kind: 'saved'; readonly event: CalendarEvent }
  | { readonly kind: 'invalid'; readonly problem: EventProblem }
  | { readonly kind: 'not-found' };

/** Why one VEVENT of an imported file was left out. */
export const eventRejections = [
  'no-start',
  'bad-date',
  'unknown-time-zone',
  'unsupported-recurrence',
  ...eventProblems,
] as const;
export type EventRejection = (typeof eventRejections)[number];

export interface RejectedEvent {
  /** 1-based position of the VEVENT in the file. */
  readonly event: number;
  readonly title: string | null;
  readonly reason: EventRejection;
  /** The property or value at fault, when one is. */
  readonly detail?: string;
}

export type ImportOutcome =
  | { readonly kind: 'imported'; readonly imported: number; readonly rejected: readonly RejectedEvent[] }
  /** The text is not an iCalendar object; `line` is 1-based. */
  | { readonly kind: 'not-icalendar'; readonly line: number; readonly reason: string };

export interface CalendarService {
  /** Occurrences starting before `to` and ending after `from`, by start, with their events. */
  occurrences(
    mailboxId: number,
    from: Date,
    to: Date,
  ): Promise<{ events: CalendarEvent[]; occurrences: Occurrence[] }>;
  get(mailboxId: number, id: number): Promise<CalendarEvent | undefined>;
  create(mailboxId: number, fields: EventFields): Promise<SaveOutcome>;
  update(mailboxId: number, id: number, fields: EventFields): Promise<SaveOutcome>;
  remove(mailboxId: number, id: number): Promise<boolean>;
  /** iCalendar text of every event, or of one (undefined when it is not the box's). */
  exportIcs(mailboxId: number, id?: number): Promise<string | undefined>;
  importIcs(mailboxId: number, text: string): Promise<ImportOutcome>;
}
