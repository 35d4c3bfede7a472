// The passkeys of the security settings: each with its name, when it was added and last used, and
// a remove button; a form to add one on this device (decision 0032).
import { useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFullDate } from '../../i18n/format.ts';
import { isCeremonyAbort, passkeyApi, passkeyKeys, passkeysSupported, usePasskeys } from './passkeys-api.ts';
import { Alert, field, useFailure } from './security-ui.tsx';

export function Passkeys() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const list = usePasskeys();
  const failure = useFailure();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: passkeyKeys.list });
  const supported = passkeysSupported();

  function add(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = field(new FormData(form), 'name').trim();
    setBusy(true);
    setError(null);
    setNote(null);
    void passkeyApi
      .register(name)
      .then(async (passkey) => {
        setNote(t('passkeys.added', { name: passkey.name }));
        form.reset();
        await refresh();
      })
      .catch((caught: unknown) => {
        setError(isCeremonyAbort(caught) ? t('passkeys.cancelled') : failure(caught, 'security.wrongCode'));
      })
      .finally(() => {
        setBusy(false);
      });
  }

  const items = list.data?.passkeys ?? [];
  return (
    <section className="settings-section" aria-labelledby="passkeys-title">
      <h2 id="passkeys-title">{t('passkeys.title')}</h2>
      <p className="hint">{t('passkeys.hint')}</p>
      {list.isError && <Alert text={t('security.loadError')} />}
      {list.isSuccess && items.length === 0 && <p className="hint">{t('passkeys.none')}</p>}
      <ul className="settings-list">
        {items.map((item) => (
          <li key={item.id} className="settings-item">
            <div className="settings-item-main">
              <strong>{item.name}</strong>
              <span className="meta">
                {t('security.created', { date: formatFullDate(item.createdAt, i18n.language) })} ·{' '}
                {item.lastUsedAt === null
                  ? t('security.neverUsed')
                  : t('security.lastUsed', { date: formatFullDate(item.lastUsedAt, i18n.language) })}
              </span>
            </div>
            <button
              type="button"
              className="button"
              aria-label={t('passkeys.removeNamed', { name: item.name })}
              onClick={() => void passkeyApi.remove(item.id).then(refresh)}
            >
              {t('passkeys.remove')}
            </button>
          </li>
        ))}
      </ul>
      <Alert text={note} kind="status" />
      {supported ? (
        <form onSubmit={add} className="inline-form">
          <div className="field">
            <label htmlFor="passkey-name">{t('passkeys.name')}</label>
            <input
              id="passkey-name"
              name="name"
              type="text"
              maxLength={60}
              required
              aria-describedby="passkey-name-hint"
            />
            <p id="passkey-name-hint" className="hint">
              {t('passkeys.nameHint')}
            </p>
          </div>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? t('passkeys.adding') : t('passkeys.add')}
          </button>
        </form>
      ) : (
        <p className="notice">{t('passkeys.unsupported')}</p>
      )}
      <Alert text={error} />
    </section>
  );
}
