// The password change: the current one, the new one twice, and whether app passwords go too.
import { useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { securityApi } from './security-api.ts';
import { Alert, field, useFailure } from './security-ui.tsx';

export function PasswordForm() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const failure = useFailure();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const current = field(data, 'current');
    const next = field(data, 'next');
    setDone(null);
    if (next.length < 8) {
      setError(t('security.passwordTooShort'));
      return;
    }
    if (next !== field(data, 'repeat')) {
      setError(t('security.passwordMismatch'));
      return;
    }
    setError(null);
    void securityApi
      .changePassword(current, next, data.get('revoke') === 'on')
      .then(async () => {
        form.reset();
        setDone(t('security.passwordChanged'));
        await client.invalidateQueries({ queryKey: ['security'] });
      })
      .catch((caught: unknown) => {
        setError(failure(caught, 'security.wrongPassword'));
      });
  }

  return (
    <section className="settings-section" aria-labelledby="password-title">
      <h2 id="password-title">{t('security.passwordTitle')}</h2>
      <form className="narrow-form" onSubmit={submit} noValidate>
        <input type="text" name="username" autoComplete="username" hidden readOnly />
        <div className="field">
          <label htmlFor="password-current">{t('security.currentPassword')}</label>
          <input id="password-current" name="current" type="password" autoComplete="current-password" />
        </div>
        <div className="field">
          <label htmlFor="password-new">{t('security.newPassword')}</label>
          <input id="password-new" name="next" type="password" autoComplete="new-password" />
        </div>
        <div className="field">
          <label htmlFor="password-repeat">{t('security.repeatPassword')}</label>
          <input id="password-repeat" name="repeat" type="password" autoComplete="new-password" />
        </div>
        <div className="check">
          <input id="password-revoke" name="revoke" type="checkbox" />
          <label htmlFor="password-revoke">{t('security.revokeAppPasswords')}</label>
        </div>
        <button type="submit" className="button primary">
          {t('security.changePassword')}
        </button>
      </form>
      <Alert text={error} />
      <Alert text={done} kind="status" />
    </section>
  );
}
