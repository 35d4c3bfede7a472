// The passkeys of the security settings: each with its name, when it was added and last used, and
// a remove button; a form to add one on this device (decision 0032).
import { useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CredentialList } from './CredentialList.tsx';
import { CredentialNameForm } from './CredentialNameForm.tsx';
import { isCeremonyAbort, passkeyApi, passkeyKeys, passkeysSupported, usePasskeys } from './passkeys-api.ts';
import { Alert, field, useFailure } from './security-ui.tsx';

export function Passkeys() {
  const { t } = useTranslation();
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
      <CredentialList
        items={items}
        removeLabel={t('passkeys.remove')}
        removeNamed={(name) => t('passkeys.removeNamed', { name })}
        onRemove={(id) => void passkeyApi.remove(id).then(refresh)}
      />
      <Alert text={note} kind="status" />
      {supported ? (
        <CredentialNameForm
          id="passkey-name"
          label={t('passkeys.name')}
          hint={t('passkeys.nameHint')}
          submitLabel={busy ? t('passkeys.adding') : t('passkeys.add')}
          busy={busy}
          onSubmit={add}
        />
      ) : (
        <p className="notice">{t('passkeys.unsupported')}</p>
      )}
      <Alert text={error} />
    </section>
  );
}
