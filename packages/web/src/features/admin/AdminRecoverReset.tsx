// /admin/recover/<token>: checks the link first (used or expired → said plainly, with a way to ask
// again), then asks for the new password twice; the reset ends every session of the account and
// revokes its API tokens (decision 0042), so the page leads back to the administrative sign-in.
import { useEffect, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { problemMessage } from '../../ui/problem.ts';
import { RecoveryCard } from '../recovery/RecoveryCard.tsx';
import { adminRecoveryApi } from './admin-tokens-api.ts';

type State = 'checking' | 'ready' | 'invalid' | { done: string };

export function AdminRecoverReset() {
  const { t } = useTranslation();
  const token = useParams()['token'] ?? '';
  const [state, setState] = useState<State>('checking');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    adminRecoveryApi
      .check(token)
      .then(() => {
        if (live) setState('ready');
      })
      .catch((caught: unknown) => {
        if (!live) return;
        if (caught instanceof ApiError && (caught.status === 404 || caught.status === 400))
          setState('invalid');
        else {
          setState('ready');
          setError(problemMessage(t, caught));
        }
      });
    return () => {
      live = false;
    };
  }, [token, t]);

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string): string => {
      const value = data.get(name);
      return typeof value === 'string' ? value : '';
    };
    const next = text('next');
    if (next.length < 8 || next.trim() === '') {
      setError(t('adminAccess.recovery.passwordTooShort'));
      document.getElementById('admin-recover-new')?.focus();
      return;
    }
    if (next !== text('repeat')) {
      setError(t('adminAccess.recovery.passwordMismatch'));
      document.getElementById('admin-recover-repeat')?.focus();
      return;
    }
    setError(null);
    setBusy(true);
    try {
      const { email } = await adminRecoveryApi.reset(token, next);
      setState({ done: email });
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 404) setState('invalid');
      else if (caught instanceof ApiError && caught.status === 409 && caught.problem?.detail !== undefined)
        setError(caught.problem.detail);
      else setError(problemMessage(t, caught));
    } finally {
      setBusy(false);
    }
  }

  if (state === 'checking')
    return (
      <RecoveryCard title={t('adminAccess.recovery.resetTitle')}>
        <p role="status">{t('adminAccess.recovery.checking')}</p>
      </RecoveryCard>
    );
  if (state === 'invalid')
    return (
      <RecoveryCard title={t('adminAccess.recovery.invalidTitle')}>
        <p className="alert" role="alert">
          {t('adminAccess.recovery.invalid')}
        </p>
        <Link className="button primary wide" to="/admin/recover">
          {t('adminAccess.recovery.askAgain')}
        </Link>
        <p className="signin-forgot">
          <Link to="/admin/signin">{t('adminAccess.recovery.backToSignIn')}</Link>
        </p>
      </RecoveryCard>
    );
  if (typeof state === 'object')
    return (
      <RecoveryCard title={t('adminAccess.recovery.doneTitle')}>
        <p className="notice" role="status">
          {t('adminAccess.recovery.done', { email: state.done })}
        </p>
        <a className="button primary wide" href="/admin/signin">
          {t('adminAccess.recovery.signIn')}
        </a>
      </RecoveryCard>
    );
  return (
    <RecoveryCard
      title={t('adminAccess.recovery.resetTitle')}
      subtitle={t('adminAccess.recovery.resetSubtitle')}
    >
      {error !== null && (
        <div className="alert" role="alert">
          <strong>{t('adminAccess.recovery.errorTitle')}</strong>
          <span>{error}</span>
        </div>
      )}
      <form noValidate onSubmit={(event) => void submit(event)}>
        <input type="text" name="username" autoComplete="username" hidden readOnly />
        <div className="field">
          <label htmlFor="admin-recover-new">{t('adminAccess.recovery.newPassword')}</label>
          <input
            id="admin-recover-new"
            name="next"
            type="password"
            autoComplete="new-password"
            aria-describedby="admin-recover-new-hint"
          />
          <p id="admin-recover-new-hint" className="hint">
            {t('adminAccess.recovery.newPasswordHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor="admin-recover-repeat">{t('adminAccess.recovery.repeatPassword')}</label>
          <input id="admin-recover-repeat" name="repeat" type="password" autoComplete="new-password" />
        </div>
        <button type="submit" className="button primary wide" disabled={busy}>
          {busy ? t('adminAccess.recovery.saving') : t('adminAccess.recovery.save')}
        </button>
      </form>
    </RecoveryCard>
  );
}
