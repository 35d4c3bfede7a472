// "Schedule send" beside Send: a panel with quick choices (tomorrow or Monday at 08:00), a date, a
// time and the zone they are in (Italy unless the holder picks this device's zone). A time in the
// past or over a year ahead is refused here with words, before the server refuses it (decision 0024).
import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../ui/Icon.tsx';
import '../../styles/scheduled.css';
import {
  browserTimeZone,
  daysAheadAt,
  daysToMonday,
  defaultTimeZone,
  fieldsAt,
  formatInZone,
  pickerBounds,
  timeProblem,
  zonedInstant,
} from '../scheduled/zoned-time.ts';

export function SchedulePicker(props: { onSchedule: (sendAt: Date, timeZone: string) => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const device = browserTimeZone();
  const [zone, setZone] = useState(defaultTimeZone);
  const [fields, setFields] = useState(() => fieldsAt(daysAheadAt(1, 8, defaultTimeZone), defaultTimeZone));
  const [problem, setProblem] = useState<string | null>(null);
  const instant = zonedInstant(fields.date, fields.time, zone);
  const bounds = pickerBounds(zone);

  const pick = (at: Date) => {
    setFields(fieldsAt(at, zone));
    setProblem(null);
  };
  function confirm() {
    const problem = instant === null ? 'invalid' : timeProblem(instant);
    setProblem(problem === null ? null : t(`scheduled.errors.${problem}`));
    if (instant === null || problem !== null) return;
    setOpen(false);
    props.onSchedule(instant, zone);
  }
  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== 'Escape') return;
    // Closes the panel, not the compose sheet around it.
    event.preventDefault();
    event.stopPropagation();
    setOpen(false);
  }
  const zones = device === defaultTimeZone ? [defaultTimeZone] : [defaultTimeZone, device];

  return (
    <span className="schedule-anchor">
      <button
        type="button"
        className="button schedule-toggle"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        title={t('scheduled.scheduleSend')}
        onClick={() => {
          setOpen(!open);
        }}
      >
        <Icon name="clock" size={18} />
        <span className="visually-hidden">{t('scheduled.scheduleSend')}</span>
      </button>
      {open && (
        <div
          id={`${id}-panel`}
          className="schedule-panel"
          role="group"
          aria-labelledby={`${id}-title`}
          onKeyDown={onKeyDown}
        >
          <h3 id={`${id}-title`}>{t('scheduled.scheduleSend')}</h3>
          <div className="schedule-quick">
            <button
              type="button"
              className="button"
              onClick={() => {
                pick(daysAheadAt(1, 8, zone));
              }}
            >
              {t('scheduled.tomorrowMorning')}
              <span className="meta">{formatInZone(daysAheadAt(1, 8, zone), zone, i18n.language)}</span>
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                pick(daysAheadAt(daysToMonday(zone), 8, zone));
              }}
            >
              {t('scheduled.mondayMorning')}
              <span className="meta">
                {formatInZone(daysAheadAt(daysToMonday(zone), 8, zone), zone, i18n.language)}
              </span>
            </button>
          </div>
          <div className="schedule-fields">
            <label>
              <span>{t('scheduled.date')}</span>
              <input
                type="date"
                value={fields.date}
                min={bounds.min}
                max={bounds.max}
                required
                onChange={(event) => {
                  setFields({ ...fields, date: event.target.value });
                }}
              />
            </label>
            <label>
              <span>{t('scheduled.time')}</span>
              <input
                type="time"
                value={fields.time}
                required
                onChange={(event) => {
                  setFields({ ...fields, time: event.target.value });
                }}
              />
            </label>
            <label>
              <span>{t('scheduled.timeZone')}</span>
              <select
                value={zone}
                onChange={(event) => {
                  setZone(event.target.value);
                }}
              >
                {zones.map((z) => (
                  <option key={z} value={z}>
                    {z === defaultTimeZone ? t('scheduled.zoneRome') : t('scheduled.zoneDevice', { zone: z })}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {problem !== null && (
            <p className="schedule-problem" role="alert">
              {problem}
            </p>
          )}
          <p className="schedule-hint">{t('scheduled.pickerHint')}</p>
          <div className="schedule-actions">
            <button type="button" className="button primary" onClick={confirm}>
              <Icon name="clock" size={18} />
              {instant === null
                ? t('scheduled.schedule')
                : `${t('scheduled.schedule')} · ${formatInZone(instant, zone, i18n.language)}`}
            </button>
            <button
              type="button"
              className="button ghost"
              onClick={() => {
                setOpen(false);
              }}
            >
              {t('scheduled.close')}
            </button>
          </div>
        </div>
      )}
    </span>
  );
}
