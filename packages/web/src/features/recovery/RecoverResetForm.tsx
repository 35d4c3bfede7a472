// The reset page of a recovery link, shared by the holder's (/recover/<token>) and the
// administrative one (/admin/recover/<token>): checks the link first (used or expired → said
// plainly, with a way to ask again), then asks for the new password twice; once set, every session
// of the account is gone, so the page leads back to its sign-in screen. Each caller gives its API,
// its words and its paths.
import { useEffect, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { problemMessage } from '../../ui/problem.ts';
import { RecoveryCard } from './RecoveryCard.tsx';

type State = 'checking' | 'ready' | 'invalid' | { done: string };

/** The words of the page: the same keys under `recovery` and `adminAccess.recovery`. */
type RecoveryKey =
  | 'resetTitle'
  | 'resetSubtitle'
  | 'checking'
  | 'invalidTitle'
  | 'invalid'
  | 'askAgain'
  | 'backToSignIn'
  | 'doneTitle'
  | 'signIn'
  | 'errorTitle'
  | 'newPassword'
  | 'newPasswordHint'
  | 'repeatPassword'
  | 'saving'
  | 'save'
  | 'passwordTooShort'
  | 'passwordMismatch';

export interface RecoverResetSettings {
  /** Checks the link; rejects with an ApiError whose status is in `invalidStatuses` when it is spent. */
  readonly check: (token: string) => Promise<void>;
  /** Sets the new password; answers the account's name (address or e-mail). */
  readonly reset: (token: string, newPassword: string) => Promise<string>;
  /** Statuses of `check` that mean a used, expired or malformed link. */
  readonly invalidStatuses: readonly number[];
  /** Whether the new password is refused as too short. */
  readonly tooShort: (password: string) => boolean;
  readonly keys: 'recovery' | 'adminAccess.recovery';
  /** The sentence once done, naming the account. */
  readonly doneText: (account: string) => string;
  /** Prefix of the fields' ids. */
  readonly idPrefix: string;
  /** Where to ask for a new link, and where to sign in. */
  readonly askAgainPath: string;
  readonly signInPath: string;
}

export function RecoverResetForm({ settings }: { readonly settings: RecoverResetSettings }) {
  const { t } = useTranslation();
  const word = (key: RecoveryKey): string => t(`${settings.keys}.${key}`);
  const token = useParams()['token'] ?? '';
  const [state, setState] = useState<State>('checking');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { check, invalidStatuses } = settings;
  const newId = `${settings.idPrefix}-new`;
  const repeatId = `${settings.idPrefix}-repeat`;

  useEffect(() => {
    let live = true;
    check(token)
      .then(() => {
        if (live) setState('ready');
      })
      .catch((caught: unknown) => {
        if (!live) return;
        if (caught instanceof ApiError && invalidStatuses.includes(caught.status)) setState('invalid');
        else {
          setState('ready');
          setError(problemMessage(t, caught));
        }
      });
    return () => {
      live = false;
    };
  }, [token, t, check, invalidStatuses]);

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string): string => {
      const value = data.get(name);
      return typeof value === 'string' ? value : '';
    };
    const next = text('next');
    if (settings.tooShort(next)) {
      setError(word('passwordTooShort'));
      document.getElementById(newId)?.focus();
      return;
    }
    if (next !== text('repeat')) {
      setError(word('passwordMismatch'));
      document.getElementById(repeatId)?.focus();
      return;
    }
    setError(null);
    setBusy(true);
    try {
      setState({ done: await settings.reset(token, next) });
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
      <RecoveryCard title={word('resetTitle')}>
        <p role="status">{word('checking')}</p>
      </RecoveryCard>
    );
  if (state === 'invalid')
    return (
      <RecoveryCard title={word('invalidTitle')}>
        <p className="alert" role="alert">
          {word('invalid')}
        </p>
        <Link className="button primary wide" to={settings.askAgainPath}>
          {word('askAgain')}
        </Link>
        <p className="signin-forgot">
          <Link to={settings.signInPath}>{word('backToSignIn')}</Link>
        </p>
      </RecoveryCard>
    );
  if (typeof state === 'object')
    return (
      <RecoveryCard title={word('doneTitle')}>
        <p className="notice" role="status">
          {settings.doneText(state.done)}
        </p>
        <a className="button primary wide" href={settings.signInPath}>
          {word('signIn')}
        </a>
      </RecoveryCard>
    );
  return (
    <RecoveryCard title={word('resetTitle')} subtitle={word('resetSubtitle')}>
      {error !== null && (
        <div className="alert" role="alert">
          <strong>{word('errorTitle')}</strong>
          <span>{error}</span>
        </div>
      )}
      <form noValidate onSubmit={(event) => void submit(event)}>
        <input type="text" name="username" autoComplete="username" hidden readOnly />
        <div className="field">
          <label htmlFor={newId}>{word('newPassword')}</label>
          <input
            id={newId}
            name="next"
            type="password"
            autoComplete="new-password"
            aria-describedby={`${newId}-hint`}
          />
          <p id={`${newId}-hint`} className="hint">
            {word('newPasswordHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={repeatId}>{word('repeatPassword')}</label>
          <input id={repeatId} name="repeat" type="password" autoComplete="new-password" />
        </div>
        <button type="submit" className="button primary wide" disabled={busy}>
          {busy ? word('saving') : word('save')}
        </button>
      </form>
    </RecoveryCard>
  );
}
