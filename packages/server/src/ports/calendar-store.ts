/**
 * The holder's calendar (decision 0040): one row per event and box, with the columns the store
 * queries on (first start, end of the series, next reminder) kept apart from the event itself, a
 * JSON document whose shape the calendar service (services/calendar) owns and validates. Every
 * holder-facing call names the box, so one holder never reaches another's event by its id.
 */
export interface CalendarEventRow {
  /** RFC 5545 UID, unique within the box: importing an event again replaces it. */
  readonly uid: string;
  readonly details: string;
  /** The first occurrence's start. */
  readonly startsAt: Date;
  /** The last occurrence's end; null when the event repeats without end. */
  readonly seriesEnd: Date | null;
  /** The next reminder to send and the start of the occurrence it is for; null: none left. */
  readonly remindAt: Date | null;
  readonly remindFor: Date | null;
}

export interface StoredCalendarEvent extends CalendarEventRow {
  readonly id: number;
  readonly mailboxId: number;
  readonly updatedAt: Date;
}

export interface CalendarStore {
  /** The box's events that may have an occurrence in [from, to), by first start then id. */
  list(mailboxId: number, from: Date, to: Date): Promise<StoredCalendarEvent[]>;
  /** Every event of the box, by first start then id. */
  listAll(mailboxId: number): Promise<StoredCalendarEvent[]>;
  get(mailboxId: number, id: number): Promise<StoredCalendarEvent | undefined>;
  findByUid(mailboxId: number, uid: string): Promise<StoredCalendarEvent | undefined>;
  count(mailboxId: number): Promise<number>;
  create(mailboxId: number, row: CalendarEventRow, at: Date): Promise<StoredCalendarEvent>;
  /** False when the box has no such event. */
  update(mailboxId: number, id: number, row: CalendarEventRow, at: Date): Promise<boolean>;
  /** False when the box has no such event. */
  remove(mailboxId: number, id: number): Promise<boolean>;
  /** Events of every box whose next reminder is due at `now`, earliest first. */
  dueReminders(now: Date, limit: number): Promise<StoredCalendarEvent[]>;
  /**
   * Moves event `id`'s next reminder from `remindAt` to `next` only if it still is `remindAt`
   * (one conditional statement): true for exactly one caller, however many nodes race.
   */
  claimReminder(
    id: number,
    remindAt: Date,
    next: { readonly remindAt: Date; readonly remindFor: Date } | null,
  ): Promise<boolean>;
}
