// The create / edit dialog of the Calendar screen (decision 0040): title, place, times (or whole
// days), repetition, one e-mail reminder and notes; the server's refusal named in the form.
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { LabelledInput, LabelledTextarea } from '../../ui/LabelledInput.tsx';
import { namedProblemMessage } from '../../ui/problem.ts';
import { SaveCancelActions } from '../../ui/SaveCancelActions.tsx';
import { calendarApi, type CalendarEvent, type EventFields } from './calendar-api.ts';

const frequencies = ['none', 'daily', 'weekly', 'monthly', 'yearly'] as const;
const reminderChoices = [0, 10, 30, 60, 120, 1440, 2880, 10080];

export function reminderLabel(t: TFunction, minutes: number) {
  if (minutes % 1440 === 0 && minutes > 0) return t('calendar.reminderDays', { count: minutes / 1440 });
  if (minutes % 60 === 0 && minutes > 0) return t('calendar.reminderHours', { count: minutes / 60 });
  return t('calendar.reminderMinutes', { count: minutes });
}

export function EventForm(props: {
  event: CalendarEvent | null;
  day: string;
  onDone: (note: string | null) => void;
}) {
  const { t } = useTranslation();
  const e = props.event;
  const [title, setTitle] = useState(e?.title ?? '');
  const [location, setLocation] = useState(e?.location ?? '');
  const [notes, setNotes] = useState(e?.notes ?? '');
  const [allDay, setAllDay] = useState(e?.allDay ?? false);
  const [start, setStart] = useState(e?.start ?? `${props.day}T09:00`);
  const [end, setEnd] = useState(e?.end ?? `${props.day}T10:00`);
  const [frequency, setFrequency] = useState(e?.repeat.frequency ?? 'none');
  const [until, setUntil] = useState(e?.repeat.until ?? '');
  const [reminder, setReminder] = useState(String(e?.reminders[0] ?? ''));
  const [error, setError] = useState<string | null>(null);

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const fields: EventFields = {
      title,
      location,
      notes,
      allDay,
      start: allDay ? start.slice(0, 10) : start,
      end: allDay ? end.slice(0, 10) : end,
      timeZone: e?.timeZone ?? 'Europe/Rome',
      repeat: { frequency, until: frequency === 'none' || until === '' ? null : until, count: null },
      reminders: reminder === '' ? [] : [Number(reminder)],
    };
    try {
      if (e === null) await calendarApi.create(fields);
      else await calendarApi.update(e.id, fields);
      props.onDone(t('calendar.saved'));
    } catch (failure) {
      setError(namedProblemMessage(t, failure, 'eventProblem', 'calendar.problem'));
    }
  }

  const timeInput = (value: string, set: (v: string) => void) =>
    allDay ? (
      <input
        type="date"
        required
        value={value.slice(0, 10)}
        onChange={(ev) => {
          set(ev.target.value);
        }}
      />
    ) : (
      <input
        type="datetime-local"
        required
        value={value.length === 10 ? `${value}T09:00` : value}
        onChange={(ev) => {
          set(ev.target.value);
        }}
      />
    );

  return (
    <div className="calendar-dialog-backdrop">
      <form
        className="settings-section calendar-form"
        role="dialog"
        aria-modal="true"
        aria-labelledby="event-form-title"
        onSubmit={(ev) => void submit(ev)}
      >
        <h2 id="event-form-title">
          {e === null ? t('calendar.add') : t('calendar.editNamed', { title: e.title })}
        </h2>
        {error !== null && (
          <p className="alert" role="alert">
            {error}
          </p>
        )}
        <LabelledInput label={t('calendar.eventTitle')} value={title} onChange={setTitle} autoFocus />
        <LabelledInput label={t('calendar.location')} value={location} onChange={setLocation} />
        <label className="calendar-check">
          <input
            type="checkbox"
            checked={allDay}
            onChange={(ev) => {
              setAllDay(ev.target.checked);
            }}
          />
          {t('calendar.allDay')}
        </label>
        <div className="calendar-form-row">
          <label>
            {t('calendar.start')}
            {timeInput(start, setStart)}
          </label>
          <label>
            {t('calendar.end')}
            {timeInput(end, setEnd)}
          </label>
        </div>
        <div className="calendar-form-row">
          <label>
            {t('calendar.repeat')}
            <select
              value={frequency}
              onChange={(ev) => {
                setFrequency(ev.target.value);
              }}
            >
              {frequencies.map((f) => (
                <option key={f} value={f}>
                  {t(`calendar.frequency.${f}`)}
                </option>
              ))}
            </select>
          </label>
          {frequency !== 'none' && (
            <label>
              {t('calendar.until')}
              <input
                type="date"
                value={until}
                onChange={(ev) => {
                  setUntil(ev.target.value);
                }}
              />
            </label>
          )}
        </div>
        <label>
          {t('calendar.reminder')}
          <select
            value={reminder}
            onChange={(ev) => {
              setReminder(ev.target.value);
            }}
          >
            <option value="">{t('calendar.reminderNone')}</option>
            {reminderChoices.map((m) => (
              <option key={m} value={String(m)}>
                {reminderLabel(t, m)}
              </option>
            ))}
          </select>
        </label>
        <LabelledTextarea label={t('calendar.notes')} rows={3} value={notes} onChange={setNotes} />
        <SaveCancelActions
          saveLabel={t('calendar.save')}
          cancelLabel={t('calendar.cancel')}
          onCancel={() => {
            props.onDone(null);
          }}
        />
      </form>
    </div>
  );
}
