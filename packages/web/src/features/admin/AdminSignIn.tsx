// The administrative sign-in (/admin/signin): e-mail and password of an operator or postmaster,
// then the TOTP code when the principal has one. A separate session from the holder's webmail.
// "Forgot password?" leads to the administrative recovery (/admin/recover).
import { useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { BrandMark, ProviderName } from '../../ui/Brand.tsx';
import { LanguageSelect, ThemeToggle } from '../../ui/Preferences.tsx';
import { problemMessage } from '../../ui/problem.ts';
import { adminApi, useAdminSession } from './admin-api.ts';

export function AdminSignIn() {
  const { t } = useTranslation();
  const session = useAdminSession();
  const client = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [codeStep, setCodeStep] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (session.isSuccess) return <Navigate to="/admin" replace />;
  const from = (location.state as { from?: string } | null)?.from ?? '/admin';

  async function done() {
    client.removeQueries({ queryKey: ['admin'] });
    await navigate(from, { replace: true });
  }

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    if (email.trim() === '' || password === '') {
      setFailure(t('admin.signIn.required'));
      return;
    }
    setBusy(true);
    try {
      if (await adminApi.signIn(email.trim(), password)) {
        setPassword('');
        setCodeStep(true);
        setBusy(false);
        return;
      }
      await done();
    } catch (error) {
      setFailure(problemMessage(t, error));
      setBusy(false);
    }
  }

  async function submitCode(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    setBusy(true);
    try {
      await adminApi.secondFactor(code.trim());
      await done();
    } catch (error) {
      setFailure(problemMessage(t, error));
      setBusy(false);
    }
  }

  return (
    <div className="signin-page">
      <div className="signin-prefs">
        <LanguageSelect />
        <ThemeToggle />
      </div>
      <main className="signin-card" aria-labelledby="admin-signin-title">
        <div className="signin-brand">
          <BrandMark size={40} />
          <span className="signin-provider">
            <ProviderName />
          </span>
        </div>
        <h1 id="admin-signin-title">{t('admin.signIn.title')}</h1>
        <p className="signin-subtitle">{t('admin.signIn.subtitle')}</p>
        {failure !== null && (
          <div className="alert" role="alert">
            <strong>{t('admin.signIn.errorTitle')}</strong>
            <span>{failure}</span>
          </div>
        )}
        {codeStep ? (
          <form noValidate onSubmit={(event) => void submitCode(event)}>
            <div className="field">
              <label htmlFor="admin-signin-code">{t('admin.signIn.code')}</label>
              <input
                id="admin-signin-code"
                name="one-time-code"
                autoComplete="one-time-code"
                inputMode="numeric"
                value={code}
                onChange={(event) => {
                  setCode(event.target.value);
                }}
              />
            </div>
            <button type="submit" className="button primary wide" disabled={busy}>
              {busy ? t('admin.signIn.submitting') : t('admin.signIn.verify')}
            </button>
          </form>
        ) : (
          <form noValidate onSubmit={(event) => void submit(event)}>
            <div className="field">
              <label htmlFor="admin-signin-email">{t('admin.signIn.email')}</label>
              <input
                id="admin-signin-email"
                name="username"
                type="email"
                autoComplete="username"
                spellCheck={false}
                autoCapitalize="none"
                value={email}
                onChange={(event) => {
                  setEmail(event.target.value);
                }}
              />
            </div>
            <div className="field">
              <label htmlFor="admin-signin-password">{t('admin.signIn.password')}</label>
              <input
                id="admin-signin-password"
                name="password"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(event) => {
                  setPassword(event.target.value);
                }}
              />
            </div>
            <button type="submit" className="button primary wide" disabled={busy}>
              {busy ? t('admin.signIn.submitting') : t('admin.signIn.submit')}
            </button>
          </form>
        )}
        {!codeStep && (
          <p className="signin-forgot">
            <Link to="/admin/recover">{t('admin.signIn.forgot')}</Link>
          </p>
        )}
      </main>
      <footer className="signin-footer">
        <span>{t('admin.signIn.footer')}</span>
      </footer>
    </div>
  );
}
