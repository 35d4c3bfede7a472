// /admin/recover: the sign-in address of an operator or postmaster account; the answer is the same
// for any address (the server never says whether an account exists, decision 0042), so the page
// says "if it belongs to an account".
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { problemMessage } from '../../ui/problem.ts';
import { RecoveryCard } from '../recovery/RecoveryCard.tsx';
import { adminRecoveryApi } from './admin-tokens-api.ts';

export function AdminRecoverRequest() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    const bad = !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim());
    setInvalid(bad);
    if (bad) {
      document.getElementById('admin-recover-email')?.focus();
      return;
    }
    setBusy(true);
    try {
      await adminRecoveryApi.ask(email.trim());
      setSent(true);
    } catch (error) {
      setFailure(problemMessage(t, error));
    } finally {
      setBusy(false);
    }
  }

  const back = (
    <p className="signin-forgot">
      <Link to="/admin/signin">{t('adminAccess.recovery.backToSignIn')}</Link>
    </p>
  );
  if (sent)
    return (
      <RecoveryCard title={t('adminAccess.recovery.sentTitle')}>
        <p className="notice" role="status">
          {t('adminAccess.recovery.sent')}
        </p>
        <p className="recovery-hint">{t('adminAccess.recovery.sentHint')}</p>
        {back}
      </RecoveryCard>
    );
  return (
    <RecoveryCard title={t('adminAccess.recovery.title')} subtitle={t('adminAccess.recovery.subtitle')}>
      {failure !== null && (
        <div className="alert" role="alert">
          <strong>{t('adminAccess.recovery.errorTitle')}</strong>
          <span>{failure}</span>
        </div>
      )}
      <form noValidate onSubmit={(event) => void submit(event)}>
        <div className="field">
          <label htmlFor="admin-recover-email">{t('adminAccess.recovery.email')}</label>
          <input
            id="admin-recover-email"
            name="username"
            type="email"
            autoComplete="username"
            inputMode="email"
            spellCheck={false}
            autoCapitalize="none"
            value={email}
            aria-invalid={invalid}
            aria-describedby={invalid ? 'admin-recover-email-error' : undefined}
            onChange={(event) => {
              setEmail(event.target.value);
            }}
          />
          {invalid && (
            <p id="admin-recover-email-error" className="field-error">
              {t('adminAccess.recovery.emailInvalid')}
            </p>
          )}
        </div>
        <button type="submit" className="button primary wide" disabled={busy}>
          {busy ? t('adminAccess.recovery.submitting') : t('adminAccess.recovery.submit')}
        </button>
      </form>
      {back}
    </RecoveryCard>
  );
}
