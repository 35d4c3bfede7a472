// The second step of signing in: the code from the authenticator app, or a recovery code.
import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { problemMessage } from '../../ui/problem.ts';
import { securityApi } from './security-api.ts';
import { isCeremonyAbort, passkeyApi, passkeysSupported } from './passkeys-api.ts';

export function CodeStep({ onDone, onStartOver }: { onDone: () => Promise<void>; onStartOver: () => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [code, setCode] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    input.current?.focus();
  }, []);

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      await securityApi.secondFactor(code.trim());
      await onDone();
    } catch (error) {
      // 401 with no sign-in waiting (it timed out): start over from the password.
      if (error instanceof ApiError && error.reason === 'not-signed-in') onStartOver();
      setFailure(
        error instanceof ApiError && error.reason === 'invalid-credentials'
          ? t('security.wrongCode')
          : problemMessage(t, error),
      );
      setBusy(false);
      input.current?.select();
    }
  }

  async function passkey() {
    setBusy(true);
    setFailure(null);
    try {
      // The password step's cookie names the sign-in; the passkey completes it.
      await passkeyApi.signIn(false);
      await onDone();
    } catch (error) {
      if (error instanceof ApiError && error.reason === 'not-signed-in') onStartOver();
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
    <form
      className="code-step"
      noValidate
      onSubmit={(event) => void submit(event)}
      aria-labelledby="code-step-title"
    >
      <h2 id="code-step-title">{t('security.codeStepTitle')}</h2>
      <p className="signin-subtitle" id="code-step-hint">
        {t('security.codeStepHint')}
      </p>
      {failure !== null && (
        <div className="alert" role="alert">
          <span>{failure}</span>
        </div>
      )}
      <div className="field">
        <label htmlFor="signin-code">{t('security.code')}</label>
        <input
          ref={input}
          id="signin-code"
          name="code"
          type="text"
          autoComplete="one-time-code"
          inputMode="numeric"
          spellCheck={false}
          autoCapitalize="none"
          aria-describedby="code-step-hint"
          value={code}
          onChange={(event) => {
            setCode(event.target.value);
          }}
        />
      </div>
      <button type="submit" className="button primary wide" disabled={busy || code.trim() === ''}>
        {busy ? t('security.verifying') : t('security.verify')}
      </button>
      {passkeysSupported() && (
        <button type="button" className="button wide" disabled={busy} onClick={() => void passkey()}>
          {t('passkeys.useInstead')}
        </button>
      )}
      <p className="signin-forgot">
        <button type="button" className="link-button" onClick={onStartOver}>
          {t('security.startOver')}
        </button>
      </p>
    </form>
  );
}
