// The Notices settings screen (/settings/notices): the ordinary addresses told of each new PEC,
// each added with a code mailed to it and verified with that code, and removed in one click; how
// the e-mail notices go out (at once or as digests) and the SMS notices (decision 0036).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { json } from '../../api/client.ts';
import { Alert, field, useFailure } from '../security/security-ui.tsx';
import { EmailDelivery } from './EmailDelivery.tsx';
import { useNoticePreferences } from './notice-preferences-api.ts';
import { SmsNotices } from './SmsNotices.tsx';
import '../../styles/notices.css';
import { BackTopBar } from '../../ui/BackTopBar.tsx';

interface NoticeAddresses {
  addresses: { address: string; verified: boolean; createdAt: string; verifiedAt: string | null }[];
  maximum: number;
}

const addressesKey = ['notices', 'addresses'] as const;

function EmailNotices() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const failure = useFailure();
  const list = useQuery({
    queryKey: addressesKey,
    queryFn: () => json<NoticeAddresses>('GET', '/notices/addresses'),
  });
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function act(path: string, body: Record<string, string>, message: string, form?: HTMLFormElement) {
    setError(null);
    setDone(null);
    setBusy(true);
    json<NoticeAddresses>('POST', path, body)
      .then((saved) => {
        client.setQueryData(addressesKey, saved);
        setDone(message);
        form?.reset();
      })
      .catch((caught: unknown) => {
        setError(failure(caught, 'security.wrongCode'));
      })
      .finally(() => {
        setBusy(false);
      });
  }

  function add(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const address = field(new FormData(event.currentTarget), 'address').trim();
    if (address === '') return;
    act('/notices/addresses', { address }, t('notices.added', { address }), event.currentTarget);
  }

  const addresses = list.data?.addresses ?? [];
  const maximum = list.data?.maximum ?? 5;
  return (
    <section className="settings-section" aria-labelledby="notices-email-title">
      <h2 id="notices-email-title">{t('notices.emailTitle')}</h2>
      <p className="hint">{t('notices.emailHint', { count: maximum })}</p>
      <p className="hint">{t('notices.capHint')}</p>
      {list.isError && <Alert text={t('notices.loadError')} />}
      {list.isSuccess && addresses.length === 0 && <p className="hint empty-note">{t('notices.none')}</p>}
      <ul className="settings-list">
        {addresses.map((entry) => (
          <li key={entry.address} className="settings-item notice-address">
            <div className="settings-item-main">
              <strong className="notice-address-text">{entry.address}</strong>
              <span className={entry.verified ? 'tag tag-accent' : 'tag'}>
                {entry.verified ? t('notices.verified') : t('notices.pending')}
              </span>
            </div>
            <button
              type="button"
              className="button"
              disabled={busy}
              aria-label={t('notices.removeNamed', { address: entry.address })}
              onClick={() => {
                act(
                  '/notices/addresses/remove',
                  { address: entry.address },
                  t('notices.removedDone', { address: entry.address }),
                );
              }}
            >
              {t('notices.remove')}
            </button>
            {!entry.verified && (
              <form
                className="notice-code"
                noValidate
                onSubmit={(event) => {
                  event.preventDefault();
                  const code = field(new FormData(event.currentTarget), 'code').trim();
                  act(
                    '/notices/addresses/verify',
                    { address: entry.address, code },
                    t('notices.verifiedDone', { address: entry.address }),
                  );
                }}
              >
                <label className="visually-hidden" htmlFor={`code-${entry.address}`}>
                  {t('notices.codeLabel', { address: entry.address })}
                </label>
                <input
                  id={`code-${entry.address}`}
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
                    act(
                      '/notices/addresses',
                      { address: entry.address },
                      t('notices.added', { address: entry.address }),
                    );
                  }}
                >
                  {t('notices.resend')}
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {addresses.length < maximum ? (
        <form className="narrow-form" onSubmit={add} noValidate>
          <div className="field">
            <label htmlFor="notice-address">{t('notices.addLabel')}</label>
            <input id="notice-address" name="address" type="email" autoComplete="email" spellCheck={false} />
          </div>
          <button type="submit" className="button primary" disabled={busy || list.isPending}>
            {t('notices.add')}
          </button>
        </form>
      ) : (
        <p className="hint">{t('notices.full')}</p>
      )}
      <Alert text={error} />
      <Alert text={done} kind="status" />
    </section>
  );
}

export function Notices() {
  const { t } = useTranslation();
  const prefs = useNoticePreferences();
  return (
    <div className="settings-page">
      <BackTopBar backLabel={t('notices.back')} />
      <main className="settings-main" aria-labelledby="notices-title">
        <h1 id="notices-title">{t('notices.title')}</h1>
        <EmailNotices />
        {prefs.data !== undefined && <EmailDelivery prefs={prefs.data} />}
        {prefs.data !== undefined && <SmsNotices prefs={prefs.data} />}
        {prefs.isError && <Alert text={t('notices.loadError')} />}
      </main>
    </div>
  );
}
