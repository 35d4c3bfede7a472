// "Notify this device of new PEC" (decision 0032): a switch that subscribes this browser to Web
// Push, and the devices notified, each removable. Hidden, with why, where the browser has no Push.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFullDate } from '../../i18n/format.ts';
import { pushApi, pushKeys, pushSupported, usePushDevices, usePushKey } from './push-api.ts';
import { Alert, useFailure } from './security-ui.tsx';

export function PushNotices() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const supported = pushSupported();
  const list = usePushDevices();
  const key = usePushKey();
  const failure = useFailure();
  const [on, setOn] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: pushKeys.list });

  useEffect(() => {
    if (!supported) return;
    void pushApi
      .current()
      .then((subscription) => {
        setOn(subscription !== null);
      })
      .catch(() => undefined);
  }, [supported]);

  function toggle(wanted: boolean) {
    setBusy(true);
    setError(null);
    const change = wanted
      ? pushApi.enable(key.data?.publicKey ?? '').then((granted) => {
          if (!granted) setError(t('passkeys.pushDenied'));
          setOn(granted);
        })
      : pushApi.disable().then(() => {
          setOn(false);
        });
    void change
      .then(refresh)
      .catch((caught: unknown) => {
        setError(failure(caught, 'security.wrongCode'));
      })
      .finally(() => {
        setBusy(false);
      });
  }

  const items = list.data?.subscriptions ?? [];
  return (
    <section className="settings-section" aria-labelledby="push-title">
      <h2 id="push-title">{t('passkeys.pushTitle')}</h2>
      <p className="hint" id="push-hint">
        {t('passkeys.pushHint', { limit: key.data?.perHour ?? 0 })}
      </p>
      {supported ? (
        <label className="check">
          <input
            type="checkbox"
            checked={on}
            disabled={busy || key.data === undefined}
            aria-describedby="push-hint"
            onChange={(event) => {
              toggle(event.target.checked);
            }}
          />
          {t('passkeys.pushToggle')}
        </label>
      ) : (
        <p className="notice">{t('passkeys.pushUnsupported')}</p>
      )}
      <Alert text={error} />
      <h3 className="push-devices">{t('passkeys.pushDevices')}</h3>
      {list.isError && <Alert text={t('security.loadError')} />}
      {list.isSuccess && items.length === 0 && <p className="hint">{t('passkeys.pushNone')}</p>}
      <ul className="settings-list">
        {items.map((item) => {
          const device = item.thisSession
            ? t('passkeys.pushThisDevice')
            : (item.device ?? t('passkeys.unknownDevice'));
          return (
            <li key={item.id} className="settings-item">
              <div className="settings-item-main">
                <strong id={`push-device-${item.id}`}>{device}</strong>
                <span className="meta">
                  {t('passkeys.pushSince', { date: formatFullDate(item.createdAt, i18n.language) })}
                </span>
              </div>
              <button
                type="button"
                className="button"
                title={t('passkeys.pushRemoveNamed', { device })}
                aria-describedby={`push-device-${item.id}`}
                onClick={() => void pushApi.remove(item.id).then(refresh)}
              >
                {t('passkeys.remove')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
