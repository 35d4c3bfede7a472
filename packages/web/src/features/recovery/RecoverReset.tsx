// /recover/<token>: checks the link first, then asks for the new password twice; once set, every
// session of the box (this browser's too) is gone, so the page leads back to the sign-in screen.
import { useEffect, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { problemMessage } from '../../ui/problem.ts';
import { recoveryApi } from './recovery-api.ts';
import { RecoveryCard } from './RecoveryCard.tsx';

type State = 'checking' | 'ready' | 'invalid' | { done: string };

export function RecoverReset() {
  const { t } = useTranslation();
  const token = useParams()['token'] ?? '';
  const [state, setState] = useState<State>('checking');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    recoveryApi
      .check(token)
      .then(() => {
        if (live) setState('ready');
      })
      .catch((caught: unknown) => {
        if (!live) return;
        if (caught instanceof ApiError && caught.status === 404) setState('invalid');
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
    if (Array.from(next).length < 8) {
      setError(t('recovery.passwordTooShort'));
      document.getElementById('recover-new')?.focus();
      return;
    }
    if (next !== text('repeat')) {
      setError(t('recovery.passwordMismatch'));
      document.getElementById('recover-repeat')?.focus();
      return;
    }
    setError(null);
    setBusy(true);
    try {
      const { address } = await recoveryApi.reset(token, next);
      setState({ done: address });
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
      <RecoveryCard title={t('recovery.resetTitle')}>
        <p role="status">{t('recovery.checking')}</p>
      </RecoveryCard>
    );
  if (state === 'invalid')
    return (
      <RecoveryCard title={t('recovery.invalidTitle')}>
        <p className="alert" role="alert">
          {t('recovery.invalid')}
        </p>
        <Link className="button primary wide" to="/recover">
          {t('recovery.askAgain')}
        </Link>
        <p className="signin-forgot">
          <Link to="/signin">{t('recovery.backToSignIn')}</Link>
        </p>
      </RecoveryCard>
    );
  if (typeof state === 'object')
    return (
      <RecoveryCard title={t('recovery.doneTitle')}>
        <p className="notice" role="status">
          {t('recovery.done', { address: state.done })}
        </p>
        <a className="button primary wide" href="/signin">
          {t('recovery.signIn')}
        </a>
      </RecoveryCard>
    );
  return (
    <RecoveryCard title={t('recovery.resetTitle')} subtitle={t('recovery.resetSubtitle')}>
      {error !== null && (
        <div className="alert" role="alert">
          <strong>{t('recovery.errorTitle')}</strong>
          <span>{error}</span>
        </div>
      )}
      <form noValidate onSubmit={(event) => void submit(event)}>
        <input type="text" name="username" autoComplete="username" hidden readOnly />
        <div className="field">
          <label htmlFor="recover-new">{t('recovery.newPassword')}</label>
          <input
            id="recover-new"
            name="next"
            type="password"
            autoComplete="new-password"
            aria-describedby="recover-new-hint"
          />
          <p id="recover-new-hint" className="hint">
            {t('recovery.newPasswordHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor="recover-repeat">{t('recovery.repeatPassword')}</label>
          <input id="recover-repeat" name="repeat" type="password" autoComplete="new-password" />
        </div>
        <button type="submit" className="button primary wide" disabled={busy}>
          {busy ? t('recovery.saving') : t('recovery.save')}
        </button>
      </form>
    </RecoveryCard>
  );
}
