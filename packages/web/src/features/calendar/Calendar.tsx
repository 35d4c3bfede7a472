// The Calendar screen (/calendar, decision 0040): a month grid on wide screens and the month's
// agenda on phones, a create / edit dialog, delete, .ics import (with the events left out and
// why) and export of the whole calendar or one event. Times are shown as the event keeps them,
// in its own zone (Europe/Rome unless imported otherwise).
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BackTopBar } from '../../ui/BackTopBar.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { ImportExportToolbar } from '../../ui/ImportExportToolbar.tsx';
import { ImportRejections } from '../../ui/ImportRejections.tsx';
import { useNotedActions } from '../../ui/use-noted-actions.ts';
import { calendarApi, calendarKey, useMonth, type CalendarEvent, type ImportReport } from './calendar-api.ts';
import { EventForm } from './EventForm.tsx';
import '../../styles/security.css';
import '../../styles/contacts.css';
import '../../styles/calendar.css';

const pad = (n: number) => String(n).padStart(2, '0');
const dayKey = (y: number, m: number, d: number) => `${String(y)}-${pad(m)}-${pad(d)}`;

function todayKey(): string {
  const now = new Date();
  return dayKey(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** The 6×7 days shown for a month, Monday first. */
function monthDays(year: number, month: number): string[] {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const back = (first.getUTCDay() + 6) % 7;
  return Array.from({ length: 42 }, (_, i) => {
    const d = new Date(Date.UTC(year, month - 1, 1 - back + i));
    return dayKey(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  });
}

interface Shown {
  event: CalendarEvent;
  start: string;
  end: string;
}

export function Calendar() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const today = todayKey();
  const [cursor, setCursor] = useState({ year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) });
  const [editing, setEditing] = useState<{ event: CalendarEvent | null; day: string } | undefined>(undefined);
  const [rejected, setRejected] = useState<ImportReport['rejected']>([]);
  const month = useMonth(cursor.year, cursor.month);
  const refresh = () => void client.invalidateQueries({ queryKey: calendarKey });
  const events = new Map((month.data?.events ?? []).map((e) => [e.id, e]));
  const shown: Shown[] = (month.data?.occurrences ?? []).flatMap((o) => {
    const event = events.get(o.eventId);
    return event === undefined ? [] : [{ event, start: o.start, end: o.end }];
  });
  const days = monthDays(cursor.year, cursor.month);
  const weeks = Array.from({ length: Math.ceil(days.length / 7) }, (_, i) => days.slice(i * 7, i * 7 + 7));
  const prefix = `${String(cursor.year)}-${pad(cursor.month)}`;
  const onDay = (day: string) =>
    shown.filter((s) => s.start.slice(0, 10) <= day && s.end.slice(0, 10) >= day);
  const inMonth = shown.filter((s) => s.start.slice(0, 7) <= prefix && s.end.slice(0, 7) >= prefix);
  const monthTitle = new Intl.DateTimeFormat(i18n.language, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(cursor.year, cursor.month - 1, 1)));
  const weekdays = days
    .slice(0, 7)
    .map((d) =>
      new Intl.DateTimeFormat(i18n.language, { weekday: 'short', timeZone: 'UTC' }).format(
        new Date(`${d}T12:00:00Z`),
      ),
    );
  const time = (s: Shown) => (s.event.allDay ? t('calendar.allDayShort') : s.start.slice(11, 16));
  const move = (by: number) => {
    const d = new Date(Date.UTC(cursor.year, cursor.month - 1 + by, 1));
    setCursor({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 });
  };

  const { note, setNote, run } = useNotedActions(refresh);
  const importFile = (file: File) =>
    run(
      async () => {
        const report = await calendarApi.importIcs(await file.text());
        setRejected(report.rejected);
        return t('calendar.imported', { count: report.imported });
      },
      () => {
        setRejected([]);
      },
    );
  const remove = (event: CalendarEvent) =>
    run(async () => {
      await calendarApi.remove(event.id);
      return t('calendar.deleted', { title: event.title });
    });

  return (
    <div className="settings-page calendar-page">
      <BackTopBar backLabel={t('calendar.back')} />
      <main className="settings-main calendar-main" aria-labelledby="calendar-title">
        <h1 id="calendar-title">{t('calendar.title')}</h1>
        <p className="hint">{t('calendar.intro')}</p>
        <ImportExportToolbar
          addLabel={t('calendar.add')}
          onAdd={() => {
            setEditing({ event: null, day: today });
          }}
          importLabel={t('calendar.import')}
          accept=".ics,text/calendar"
          onImport={(file) => void importFile(file)}
          exportLabel={t('calendar.export')}
          exportUrl={calendarApi.exportUrl}
          exportName="calendar.ics"
        />
        <p className="scheduled-note" role="status">
          {note}
        </p>
        <ImportRejections id="calendar-rejected" title={t('calendar.rejectedTitle')}>
          {rejected.map((r) => (
            <li key={r.event}>
              {t('calendar.rejectedEvent', { event: r.event, title: r.title ?? '—' })}{' '}
              {t(`calendar.reason.${r.reason}`, { defaultValue: r.reason })}
              {r.detail !== undefined && <code> {r.detail}</code>}
            </li>
          ))}
        </ImportRejections>
        {editing !== undefined && (
          <EventForm
            key={editing.event?.id ?? 'new'}
            event={editing.event}
            day={editing.day}
            onDone={(done) => {
              setEditing(undefined);
              if (done !== null) setNote(done);
              refresh();
            }}
          />
        )}
        <div className="calendar-nav">
          <button
            type="button"
            className="button"
            aria-label={t('calendar.previous')}
            onClick={() => {
              move(-1);
            }}
          >
            ‹
          </button>
          <h2 className="calendar-month">{monthTitle}</h2>
          <button
            type="button"
            className="button"
            aria-label={t('calendar.next')}
            onClick={() => {
              move(1);
            }}
          >
            ›
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              setCursor({ year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) });
            }}
          >
            {t('calendar.today')}
          </button>
        </div>
        {month.isError && (
          <p className="alert" role="alert">
            {t('calendar.loadError')}
          </p>
        )}
        <div className="calendar-grid" role="grid" aria-label={monthTitle}>
          {/* ARIA grid: cells inside rows (the rows are display: contents, the CSS grid lays out). */}
          <div className="calendar-week" role="row">
            {weekdays.map((w) => (
              <div key={w} className="calendar-weekday" role="columnheader">
                {w}
              </div>
            ))}
          </div>
          {weeks.map((week) => (
            <div key={week[0]} className="calendar-week" role="row">
              {week.map((day) => (
                <div
                  key={day}
                  role="gridcell"
                  className={`calendar-day${day.startsWith(prefix) ? '' : ' calendar-other'}${day === today ? ' calendar-today' : ''}`}
                  onDoubleClick={() => {
                    setEditing({ event: null, day });
                  }}
                >
                  <span className="calendar-date">{Number(day.slice(8))}</span>
                  {onDay(day).map((s) => (
                    <button
                      type="button"
                      key={`${s.event.id}-${s.start}`}
                      className={`calendar-chip${s.event.allDay ? ' calendar-chip-allday' : ''}`}
                      onClick={() => {
                        setEditing({ event: s.event, day });
                      }}
                    >
                      {!s.event.allDay && <span className="calendar-chip-time">{time(s)}</span>}{' '}
                      {s.event.title}
                    </button>
                  ))}
                </div>
              ))}
            </div>
          ))}
        </div>
        <section className="calendar-agenda" aria-labelledby="calendar-agenda-title">
          <h2 id="calendar-agenda-title">{t('calendar.agenda')}</h2>
          {month.isSuccess && inMonth.length === 0 && <p className="hint">{t('calendar.empty')}</p>}
          <ul className="settings-list">
            {inMonth.map((s) => (
              <li key={`${s.event.id}-${s.start}`} className="settings-item contact-item">
                <div className="settings-item-main">
                  <strong>{s.event.title}</strong>
                  <span className="meta">
                    {new Intl.DateTimeFormat(i18n.language, {
                      weekday: 'short',
                      day: 'numeric',
                      month: 'short',
                      timeZone: 'UTC',
                    }).format(new Date(`${s.start.slice(0, 10)}T12:00:00Z`))}{' '}
                    · {time(s)}
                    {s.event.location !== '' && ` · ${s.event.location}`}
                  </span>
                </div>
                <div className="scheduled-actions">
                  <button
                    type="button"
                    className="button"
                    aria-label={t('calendar.editNamed', { title: s.event.title })}
                    onClick={() => {
                      setEditing({ event: s.event, day: s.start.slice(0, 10) });
                    }}
                  >
                    <Icon name="edit" size={18} />
                    {t('calendar.edit')}
                  </button>
                  <a
                    className="button"
                    href={calendarApi.eventUrl(s.event.id)}
                    download={`event-${s.event.id}.ics`}
                  >
                    <Icon name="download" size={18} />
                    <span className="visually-hidden">{t('calendar.exportOne')}</span>
                  </a>
                  <button
                    type="button"
                    className="button"
                    aria-label={t('calendar.deleteNamed', { title: s.event.title })}
                    onClick={() => void remove(s.event)}
                  >
                    <Icon name="trash" size={18} />
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      </main>
    </div>
  );
}
