// SMS notices (decisions 0036, 0045): a mobile number verified by a code sent to it by SMS, SMS of
// new PEC and SMS of the box's own life each on or off (only when the plan includes SMS), and
// quiet hours during which SMS wait.
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, field } from '../security/security-ui.tsx';
import { useNoticeAction, type NoticePreferences } from './notice-preferences-api.ts';

export function SmsNotices({ prefs }: { prefs: NoticePreferences }) {
  const { t } = useTranslation();
  const { act, error, done, busy } = useNoticeAction();
  const [quietStart, setQuietStart] = useState(prefs.quietStart ?? '');
  const [quietEnd, setQuietEnd] = useState(prefs.quietEnd ?? '');
  // A ticked box shows its new state at once, while its request runs; then the saved preferences
  // decide (on failure the box goes back and the error says why).
  const [ticked, setTicked] = useState<Partial<Record<'smsEnabled' | 'smsBoxLife', boolean>>>({});

  const title = <h2 id="notices-sms-title">{t('notices.smsTitle')}</h2>;
  if (!prefs.smsAvailable)
    return (
      <section className="settings-section" aria-labelledby="notices-sms-title">
        {title}
        <p className="hint">{t('notices.smsUnavailable')}</p>
      </section>
    );

  function sendCode(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const mobile = field(new FormData(event.currentTarget), 'mobile').trim();
    if (mobile === '') return;
    const form = event.currentTarget;
    act('POST', '/notices/mobile', { mobile }, t('notices.codeSent'), () => {
      form.reset();
    });
  }
  function verify(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = field(new FormData(event.currentTarget), 'code').trim();
    act('POST', '/notices/mobile/verify', { code }, t('notices.mobileVerifiedDone'));
  }
  const canEnable = prefs.smsIncluded && prefs.mobileVerified;

  return (
    <section className="settings-section" aria-labelledby="notices-sms-title">
      {title}
      <p className="hint">{t('notices.smsHint', { count: prefs.smsPerDay })}</p>
      {!prefs.smsIncluded && <p className="notice-plan-note">{t('notices.smsNotInPlan')}</p>}
      {prefs.mobile === null ? (
        <form className="narrow-form" onSubmit={sendCode} noValidate>
          <div className="field">
            <label htmlFor="notice-mobile">{t('notices.mobileLabel')}</label>
            <input
              id="notice-mobile"
              name="mobile"
              type="tel"
              autoComplete="tel"
              placeholder="+39 333 123 4567"
              aria-describedby="notice-mobile-hint"
            />
            <p id="notice-mobile-hint" className="hint">
              {t('notices.mobileHint')}
            </p>
          </div>
          <button type="submit" className="button primary" disabled={busy}>
            {t('notices.sendCode')}
          </button>
        </form>
      ) : (
        <ul className="settings-list">
          <li className="settings-item notice-address">
            <div className="settings-item-main">
              <strong className="notice-address-text">{prefs.mobile}</strong>
              <span className={prefs.mobileVerified ? 'tag tag-accent' : 'tag'}>
                {prefs.mobileVerified ? t('notices.verified') : t('notices.pending')}
              </span>
            </div>
            <button
              type="button"
              className="button"
              disabled={busy}
              aria-label={t('notices.removeNamed', { address: prefs.mobile })}
              onClick={() => {
                act('POST', '/notices/mobile/remove', undefined, t('notices.mobileRemoved'));
              }}
            >
              {t('notices.remove')}
            </button>
            {!prefs.mobileVerified && (
              <form className="notice-code" noValidate onSubmit={verify}>
                <label className="visually-hidden" htmlFor="mobile-code">
                  {t('notices.codeLabel', { address: prefs.mobile })}
                </label>
                <input
                  id="mobile-code"
                  name="code"
                  type="text"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  placeholder="000000"
                />
                <button type="submit" className="button primary" disabled={busy}>
                  {t('notices.verify')}
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={busy}
                  onClick={() => {
                    act('POST', '/notices/mobile', { mobile: prefs.mobile }, t('notices.codeSent'));
                  }}
                >
                  {t('notices.resend')}
                </button>
              </form>
            )}
          </li>
        </ul>
      )}
      {(['smsEnabled', 'smsBoxLife'] as const).map((choice) => (
        <div className="option-row" key={choice}>
          <label className="check">
            <input
              type="checkbox"
              checked={busy ? (ticked[choice] ?? prefs[choice]) : prefs[choice]}
              disabled={busy || (!canEnable && !prefs[choice])}
              aria-describedby={`notice-${choice}-hint`}
              onChange={(event) => {
                setTicked({ [choice]: event.target.checked });
                act(
                  'PATCH',
                  '/notices/preferences',
                  { [choice]: event.target.checked },
                  event.target.checked ? t(`notices.${choice}On`) : t(`notices.${choice}Off`),
                );
              }}
            />
            <span>{t(`notices.${choice}Label`)}</span>
          </label>
          <p id={`notice-${choice}-hint`} className="hint option-check-hint">
            {canEnable ? t(`notices.${choice}Hint`) : t('notices.smsEnableNeeds')}
          </p>
        </div>
      ))}
      <fieldset className="notice-quiet">
        <legend>{t('notices.quietTitle')}</legend>
        <p className="hint">{t('notices.quietHint', { zone: prefs.timeZone })}</p>
        <div className="notice-quiet-fields">
          <label htmlFor="quiet-start">{t('notices.quietFrom')}</label>
          <input
            id="quiet-start"
            type="time"
            value={quietStart}
            onChange={(event) => {
              setQuietStart(event.target.value);
            }}
          />
          <label htmlFor="quiet-end">{t('notices.quietTo')}</label>
          <input
            id="quiet-end"
            type="time"
            value={quietEnd}
            onChange={(event) => {
              setQuietEnd(event.target.value);
            }}
          />
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => {
              act(
                'PATCH',
                '/notices/preferences',
                {
                  quietStart: quietStart === '' ? null : quietStart,
                  quietEnd: quietEnd === '' ? null : quietEnd,
                },
                t('notices.quietSaved'),
              );
            }}
          >
            {t('notices.save')}
          </button>
        </div>
      </fieldset>
      <Alert text={error} />
      <Alert text={done} kind="status" />
    </section>
  );
}
