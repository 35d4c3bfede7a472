// The sign-in screen: address, password, "stay signed in", password recovery, language and theme.
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useProvider, useResetSession, useSession } from '../../api/queries.ts';
import { BrandMark, ProviderName } from '../../ui/Brand.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { LanguageSelect, ThemeToggle } from '../../ui/Preferences.tsx';
import { problemMessage } from '../../ui/problem.ts';
import { ApiError } from '../../api/client.ts';
import { CodeStep } from '../security/CodeStep.tsx';
import { securityApi } from '../security/security-api.ts';
import { isCeremonyAbort, passkeyApi, passkeysSupported } from '../security/passkeys-api.ts';

type FieldErrors = {
  address?: 'signIn.addressRequired' | 'signIn.addressInvalid';
  password?: 'signIn.passwordRequired';
};

function validate(address: string, password: string): FieldErrors {
  const errors: FieldErrors = {};
  if (address.trim() === '') errors.address = 'signIn.addressRequired';
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address.trim())) errors.address = 'signIn.addressInvalid';
  if (password === '') errors.password = 'signIn.passwordRequired';
  return errors;
}

export function SignIn() {
  const { t } = useTranslation();
  const session = useSession();
  const provider = useProvider();
  const navigate = useNavigate();
  const location = useLocation();
  const resetSession = useResetSession();
  const [address, setAddress] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [staySignedIn, setStaySignedIn] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [codeStep, setCodeStep] = useState(false);

  if (session.isSuccess) return <Navigate to="/" replace />;
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = validate(address, password);
    setErrors(found);
    setFailure(null);
    if (found.address !== undefined) {
      document.getElementById('signin-address')?.focus();
      return;
    }
    if (found.password !== undefined) {
      document.getElementById('signin-password')?.focus();
      return;
    }
    setBusy(true);
    try {
      if (await securityApi.signIn({ address: address.trim(), password, staySignedIn })) {
        // The box has a second factor: the code comes next, on its own step.
        setPassword('');
        setBusy(false);
        setCodeStep(true);
        return;
      }
      await resetSession();
      await navigate(from, { replace: true });
    } catch (error) {
      setFailure(problemMessage(t, error));
      setBusy(false);
    }
  }

  async function passkey() {
    setFailure(null);
    setBusy(true);
    try {
      await passkeyApi.signIn(staySignedIn);
      await resetSession();
      await navigate(from, { replace: true });
    } catch (error) {
      setFailure(
        isCeremonyAbort(error)
          ? t('passkeys.cancelled')
          : error instanceof ApiError && error.reason === 'invalid-credentials'
            ? t('passkeys.refused')
            : problemMessage(t, error),
      );
      setBusy(false);
    }
  }

  return (
    <div className="signin-page">
      <div className="signin-prefs">
        <LanguageSelect />
        <ThemeToggle />
      </div>
      <main className="signin-card" aria-labelledby="signin-title">
        <div className="signin-brand">
          <BrandMark size={40} />
          <span className="signin-provider">
            <ProviderName />
          </span>
        </div>
        <h1 id="signin-title">{t('signIn.title')}</h1>
        <p className="signin-subtitle">{t('signIn.subtitle')}</p>
        {codeStep && (
          <CodeStep
            onDone={async () => {
              await resetSession();
              await navigate(from, { replace: true });
            }}
            onStartOver={() => {
              setCodeStep(false);
            }}
          />
        )}
        {!codeStep && failure !== null && (
          <div className="alert" role="alert">
            <strong>{t('signIn.errorTitle')}</strong>
            <span>{failure}</span>
          </div>
        )}
        <form noValidate hidden={codeStep} onSubmit={(event) => void submit(event)}>
          <div className="field">
            <label htmlFor="signin-address">{t('signIn.address')}</label>
            <input
              id="signin-address"
              name="username"
              type="email"
              autoComplete="username"
              inputMode="email"
              spellCheck={false}
              autoCapitalize="none"
              value={address}
              aria-invalid={errors.address !== undefined}
              aria-describedby={errors.address === undefined ? undefined : 'signin-address-error'}
              onChange={(event) => {
                setAddress(event.target.value);
              }}
            />
            {errors.address !== undefined && (
              <p id="signin-address-error" className="field-error">
                {t(errors.address)}
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor="signin-password">{t('signIn.password')}</label>
            <div className="password-wrap">
              <input
                id="signin-password"
                name="password"
                type={showPassword ? 'text' : 'password'}
                autoComplete="current-password"
                value={password}
                aria-invalid={errors.password !== undefined}
                aria-describedby={errors.password === undefined ? undefined : 'signin-password-error'}
                onChange={(event) => {
                  setPassword(event.target.value);
                }}
              />
              <button
                type="button"
                className="reveal icon-button"
                title={t('signIn.showPassword')}
                aria-pressed={showPassword}
                onClick={() => {
                  setShowPassword(!showPassword);
                }}
              >
                <Icon name={showPassword ? 'eyeOff' : 'eye'} />
                <span className="visually-hidden">{t('signIn.showPassword')}</span>
              </button>
            </div>
            {errors.password !== undefined && (
              <p id="signin-password-error" className="field-error">
                {t(errors.password)}
              </p>
            )}
          </div>
          <div className="check">
            <input
              id="signin-stay"
              type="checkbox"
              checked={staySignedIn}
              aria-describedby="signin-stay-hint"
              onChange={(event) => {
                setStaySignedIn(event.target.checked);
              }}
            />
            <label htmlFor="signin-stay">{t('signIn.staySignedIn')}</label>
            <p id="signin-stay-hint" className="hint">
              {t('signIn.staySignedInHint')}
            </p>
          </div>
          <button type="submit" className="button primary wide" disabled={busy}>
            {busy ? t('signIn.submitting') : t('signIn.submit')}
          </button>
        </form>
        {!codeStep && passkeysSupported() && (
          <div className="signin-passkey">
            <p className="signin-or" aria-hidden="true">
              <span>{t('passkeys.or')}</span>
            </p>
            <button type="button" className="button wide" disabled={busy} onClick={() => void passkey()}>
              <Icon name="key" />
              {t('passkeys.signIn')}
            </button>
          </div>
        )}
        <p className="signin-forgot">
          <a href={provider.data?.passwordRecoveryUrl ?? '/recover'}>{t('signIn.forgot')}</a>
        </p>
      </main>
      <footer className="signin-footer">
        <Icon name="seal" size={16} />
        <span>{t('signIn.footer')}</span>
      </footer>
    </div>
  );
}
