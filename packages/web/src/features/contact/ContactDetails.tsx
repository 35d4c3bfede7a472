// The Contact details settings screen (/settings/contact, decision 0036): the contact e-mail and
// mobile on file; a change sends a code to the new value, which replaces the old one only once the
// code is typed back (then the old contact is told), so a stolen session cannot quietly redirect
// the box's service notices.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { json } from '../../api/client.ts';
import { Alert, field, useFailure } from '../security/security-ui.tsx';
import { SettingsFrame } from '../settings/SettingsFrame.tsx';
import '../../styles/notices.css';

type Kind = 'email' | 'mobile';

interface Contact {
  contactEmail: string | null;
  mobile: string | null;
  pending: { kind: Kind; value: string; createdAt: string }[];
}

const contactKey = ['account', 'contact'] as const;

function ContactItem({ kind, contact }: { kind: Kind; contact: Contact }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const failure = useFailure();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const current = kind === 'email' ? contact.contactEmail : contact.mobile;
  const pending = contact.pending.find((p) => p.kind === kind);
  const id = `contact-${kind}`;

  function act(path: string, body: Record<string, string>, message: string, form?: HTMLFormElement) {
    setError(null);
    setDone(null);
    setBusy(true);
    json<Contact>('POST', path, body)
      .then((saved) => {
        client.setQueryData(contactKey, saved);
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
  const sent = (value: string) =>
    kind === 'email' ? t('contact.codeSentEmail', { value }) : t('contact.codeSentSms', { value });

  function start(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = field(new FormData(event.currentTarget), 'value').trim();
    if (value === '') {
      setDone(null);
      setError(kind === 'email' ? t('contact.emailRequired') : t('contact.mobileRequired'));
      return;
    }
    act('/account/contact', { kind, value }, sent(value), event.currentTarget);
  }
  function confirm(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = field(new FormData(event.currentTarget), 'code').trim();
    if (pending === undefined) return;
    if (!/^\d{6}$/.test(code)) {
      setDone(null);
      setError(t('contact.codeRequired'));
      return;
    }
    act(
      '/account/contact/confirm',
      { kind, code },
      t('contact.changed', { value: pending.value }),
      event.currentTarget,
    );
  }

  return (
    <section className="settings-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{kind === 'email' ? t('contact.emailTitle') : t('contact.mobileTitle')}</h2>
      <p className="hint">{kind === 'email' ? t('contact.emailHint') : t('contact.mobileHint')}</p>
      <ul className="settings-list">
        <li className="settings-item notice-address">
          <div className="settings-item-main">
            <span>{t('contact.current')}</span>
            <strong className="notice-address-text">{current ?? t('contact.noneOnFile')}</strong>
          </div>
        </li>
        {pending !== undefined && (
          <li className="settings-item notice-address">
            <div className="settings-item-main">
              <span>{t('contact.newValue')}</span>
              <strong className="notice-address-text">{pending.value}</strong>
              <span className="tag">{t('contact.waiting')}</span>
            </div>
            <p className="meta">
              {kind === 'email' ? t('contact.pendingEmailHint') : t('contact.pendingMobileHint')}
            </p>
            <form className="notice-code" noValidate onSubmit={confirm}>
              <label htmlFor={`${id}-code`}>{t('contact.codeLabel', { value: pending.value })}</label>
              <input
                id={`${id}-code`}
                name="code"
                type="text"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                placeholder="000000"
              />
              <button type="submit" className="button primary" disabled={busy}>
                {t('contact.confirm')}
              </button>
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() => {
                  act('/account/contact', { kind, value: pending.value }, sent(pending.value));
                }}
              >
                {t('contact.resend')}
              </button>
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() => {
                  act('/account/contact/cancel', { kind }, t('contact.cancelled'));
                }}
              >
                {t('contact.cancel')}
              </button>
            </form>
          </li>
        )}
      </ul>
      {pending === undefined && (
        <form className="narrow-form" onSubmit={start} noValidate>
          <div className="field">
            <label htmlFor={`${id}-value`}>
              {kind === 'email' ? t('contact.newEmail') : t('contact.newMobile')}
            </label>
            {kind === 'email' ? (
              <input id={`${id}-value`} name="value" type="email" autoComplete="email" spellCheck={false} />
            ) : (
              <input
                id={`${id}-value`}
                name="value"
                type="tel"
                autoComplete="tel"
                placeholder="+39 333 123 4567"
                aria-describedby={`${id}-format`}
              />
            )}
            {kind === 'mobile' && (
              <p id={`${id}-format`} className="hint">
                {t('contact.mobileFormat')}
              </p>
            )}
          </div>
          <button type="submit" className="button primary" disabled={busy}>
            {kind === 'email' ? t('contact.sendEmailCode') : t('contact.sendSmsCode')}
          </button>
        </form>
      )}
      <Alert text={error} />
      <Alert text={done} kind="status" />
    </section>
  );
}

export function ContactDetails() {
  const { t } = useTranslation();
  const contact = useQuery({ queryKey: contactKey, queryFn: () => json<Contact>('GET', '/account/contact') });
  return (
    <SettingsFrame titleId="contact-title">
      <h1 id="contact-title">{t('contact.title')}</h1>
      <p className="hint">{t('contact.intro')}</p>
      {contact.data !== undefined && <ContactItem kind="email" contact={contact.data} />}
      {contact.data !== undefined && <ContactItem kind="mobile" contact={contact.data} />}
      {contact.isError && <Alert text={t('contact.loadError')} />}
    </SettingsFrame>
  );
}
