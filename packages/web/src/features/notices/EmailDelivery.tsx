// How the e-mail notices go out (decision 0036): one per PEC at once, or one digest at each
// chosen time of day listing the PEC since the last one.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../security/security-ui.tsx';
import { useNoticeAction, type NoticePreferences } from './notice-preferences-api.ts';

/** Mounted once the preferences are loaded; its choices start from them and are saved with Save. */
export function EmailDelivery({ prefs }: { prefs: NoticePreferences }) {
  const { t } = useTranslation();
  const { act, error, done, busy } = useNoticeAction();
  const [mode, setMode] = useState(prefs.emailMode);
  const [times, setTimes] = useState(prefs.digestTimes);
  const [draft, setDraft] = useState('08:00');
  const changed = mode !== prefs.emailMode || times.join() !== prefs.digestTimes.join();
  const full = times.length >= prefs.maximumDigestTimes;

  return (
    <section className="settings-section" aria-labelledby="notices-delivery-title">
      <h2 id="notices-delivery-title">{t('notices.deliveryTitle')}</h2>
      <fieldset className="notice-modes">
        <legend className="visually-hidden">{t('notices.deliveryTitle')}</legend>
        <label className="check">
          <input
            type="radio"
            name="email-mode"
            checked={mode === 'immediate'}
            onChange={() => {
              setMode('immediate');
            }}
          />
          <span>{t('notices.modeImmediate')}</span>
        </label>
        <label className="check">
          <input
            type="radio"
            name="email-mode"
            checked={mode === 'digest'}
            onChange={() => {
              setMode('digest');
            }}
          />
          <span>{t('notices.modeDigest')}</span>
        </label>
      </fieldset>
      {mode === 'digest' && (
        <div className="notice-digest">
          <p className="hint">{t('notices.digestHint', { zone: prefs.timeZone })}</p>
          {times.length === 0 ? (
            <p className="hint empty-note">{t('notices.noTimes')}</p>
          ) : (
            <ul className="notice-times" aria-label={t('notices.timesLabel')}>
              {times.map((time) => (
                <li key={time} className="tag">
                  <span>{time}</span>
                  <button
                    type="button"
                    className="notice-time-remove"
                    aria-label={t('notices.removeTime', { time })}
                    onClick={() => {
                      setTimes(times.filter((other) => other !== time));
                    }}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="notice-time-add">
            <label htmlFor="notice-time">{t('notices.timeLabel')}</label>
            <input
              id="notice-time"
              type="time"
              value={draft}
              disabled={full}
              onChange={(event) => {
                setDraft(event.target.value);
              }}
            />
            <button
              type="button"
              className="button"
              disabled={full || draft === '' || times.includes(draft)}
              onClick={() => {
                setTimes([...times, draft].sort());
              }}
            >
              {t('notices.addTime')}
            </button>
          </div>
        </div>
      )}
      <button
        type="button"
        className="button primary"
        disabled={busy || !changed}
        onClick={() => {
          act(
            'PATCH',
            '/notices/preferences',
            { emailMode: mode, digestTimes: times },
            t('notices.deliverySaved'),
          );
        }}
      >
        {t('notices.save')}
      </button>
      <Alert text={error} />
      <Alert text={done} kind="status" />
    </section>
  );
}
