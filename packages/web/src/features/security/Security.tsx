// The Security settings screen (/settings/security): signed-in devices, two-step verification,
// app passwords for mail programs, the password change and the access history.
import { useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TotpEnrolment } from '../../api/contract.ts';
import { formatFullDate } from '../../i18n/format.ts';
import { SettingsFrame } from '../settings/SettingsFrame.tsx';
import { CredentialList } from './CredentialList.tsx';
import { CredentialNameForm } from './CredentialNameForm.tsx';
import { Networks } from './Networks.tsx';
import { Passkeys } from './Passkeys.tsx';
import { PushNotices } from './PushNotices.tsx';
import { PasswordForm } from './PasswordForm.tsx';
import { Alert, field, useFailure } from './security-ui.tsx';
import { History } from './SecurityHistory.tsx';
import {
  securityApi,
  securityKeys,
  useAppPasswords,
  useSecurityOverview,
  useWebSessions,
} from './security-api.ts';

function Sessions() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const sessions = useWebSessions();
  const [note, setNote] = useState<string | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: securityKeys.sessions });
  const list = sessions.data?.sessions ?? [];
  return (
    <section className="settings-section" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('security.sessionsTitle')}</h2>
      <p className="hint">{t('security.sessionsHint')}</p>
      {sessions.isError && <Alert text={t('security.loadError')} />}
      <ul className="settings-list">
        {list.map((session) => {
          const device = session.device ?? t('security.unknownDevice');
          return (
            <li key={session.id} className="settings-item">
              <div className="settings-item-main">
                <strong>{device}</strong>
                {session.current && <span className="tag tag-accent">{t('security.thisDevice')}</span>}
                {session.staySignedIn && <span className="tag">{t('security.staySignedIn')}</span>}
                <span className="meta">
                  {session.remoteAddress} ·{' '}
                  {t('security.signedInAt', { date: formatFullDate(session.createdAt, i18n.language) })} ·{' '}
                  {t('security.lastSeen', { date: formatFullDate(session.lastSeenAt, i18n.language) })}
                </span>
              </div>
              {!session.current && (
                <button
                  type="button"
                  className="button"
                  aria-label={t('security.signOutSessionNamed', { device })}
                  onClick={() => void securityApi.endSession(session.id).then(refresh)}
                >
                  {t('security.signOutSession')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <Alert text={note} kind="status" />
      <button
        type="button"
        className="button"
        disabled={list.length <= 1}
        onClick={() =>
          void securityApi.endOthers().then(async ({ signedOut }) => {
            setNote(t('security.othersSignedOut', { count: signedOut }));
            await refresh();
          })
        }
      >
        {t('security.signOutOthers')}
      </button>
      {sessions.isSuccess && list.length <= 1 && <p className="hint">{t('security.noOtherSessions')}</p>}
    </section>
  );
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="secret-box" role="status">
      <h3>{t('security.recoveryTitle')}</h3>
      <p className="hint">{t('security.recoveryHint')}</p>
      <ul className="recovery-codes" aria-label={t('security.recoveryTitle')}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <button type="button" className="button primary" onClick={onDone}>
        {t('security.recoverySaved')}
      </button>
    </div>
  );
}

function TwoFactor() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const overview = useSecurityOverview();
  const failure = useFailure();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const refresh = () => client.invalidateQueries({ queryKey: securityKeys.overview });
  const state = overview.data?.twoFactor;

  async function act(fn: () => Promise<void>, wrong: 'security.wrongCode' | 'security.wrongPassword') {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (caught) {
      setError(failure(caught, wrong));
    } finally {
      setBusy(false);
    }
  }

  function confirm(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = field(new FormData(event.currentTarget), 'code');
    void act(async () => {
      const result = await securityApi.confirmTotp(code.trim());
      setEnrolment(null);
      setCodes(result.recoveryCodes);
      await refresh();
    }, 'security.wrongCode');
  }

  function disable(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    void act(async () => {
      await securityApi.disableTotp(field(data, 'password'), field(data, 'code').trim());
      await refresh();
    }, 'security.wrongCode');
  }

  function renew(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = field(new FormData(event.currentTarget), 'code');
    void act(async () => {
      setCodes((await securityApi.renewRecoveryCodes(code.trim())).recoveryCodes);
      await refresh();
    }, 'security.wrongCode');
  }

  return (
    <section className="settings-section" aria-labelledby="totp-title">
      <h2 id="totp-title">{t('security.twoFactorTitle')}</h2>
      {overview.isError && <Alert text={t('security.loadError')} />}
      {codes !== null && (
        <RecoveryCodes
          codes={codes}
          onDone={() => {
            setCodes(null);
          }}
        />
      )}
      {state !== undefined && !state.enabled && enrolment === null && codes === null && (
        <>
          <p>{t('security.twoFactorOff')}</p>
          <button
            type="button"
            className="button primary"
            disabled={busy}
            onClick={() =>
              void act(async () => {
                setEnrolment(await securityApi.beginTotp());
              }, 'security.wrongCode')
            }
          >
            {t('security.setUp')}
          </button>
        </>
      )}
      {enrolment !== null && (
        <form className="enrolment" onSubmit={confirm}>
          <p>{t('security.scan')}</p>
          <img className="qr" src={enrolment.qrCode} alt={t('security.qrAlt')} width={200} height={200} />
          <p className="hint">
            {t('security.manualKey')}:{' '}
            <code className="secret">{enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
          </p>
          <div className="field">
            <label htmlFor="totp-code">{t('security.code')}</label>
            <input
              id="totp-code"
              name="code"
              type="text"
              inputMode="numeric"
              autoComplete="one-time-code"
              required
            />
          </div>
          <div className="actions">
            <button type="submit" className="button primary" disabled={busy}>
              {t('security.confirm')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setEnrolment(null);
              }}
            >
              {t('security.cancel')}
            </button>
          </div>
        </form>
      )}
      {state?.enabled === true && (
        <>
          <p>
            <span className="tag tag-ok">
              {t('security.twoFactorOn', { date: formatFullDate(state.enabledAt ?? '', i18n.language) })}
            </span>{' '}
            {t('security.recoveryLeft', { count: state.recoveryCodesLeft })}
          </p>
          <div className="settings-columns">
            <form onSubmit={renew} aria-labelledby="renew-title">
              <h3 id="renew-title">{t('security.renewRecovery')}</h3>
              <div className="field">
                <label htmlFor="renew-code">{t('security.code')}</label>
                <input
                  id="renew-code"
                  name="code"
                  type="text"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  required
                />
              </div>
              <button type="submit" className="button" disabled={busy}>
                {t('security.renewRecovery')}
              </button>
            </form>
            <form onSubmit={disable} aria-labelledby="disable-title">
              <h3 id="disable-title">{t('security.disableTitle')}</h3>
              <div className="field">
                <label htmlFor="disable-password">{t('security.password')}</label>
                <input
                  id="disable-password"
                  name="password"
                  type="password"
                  autoComplete="current-password"
                  required
                />
              </div>
              <div className="field">
                <label htmlFor="disable-code">{t('security.code')}</label>
                <input id="disable-code" name="code" type="text" autoComplete="one-time-code" required />
              </div>
              <button type="submit" className="button danger" disabled={busy}>
                {t('security.disable')}
              </button>
            </form>
          </div>
        </>
      )}
      <Alert text={error} />
    </section>
  );
}

function AppPasswords() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const list = useAppPasswords();
  const overview = useSecurityOverview();
  const failure = useFailure();
  const [created, setCreated] = useState<{ name: string; password: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: securityKeys.appPasswords });

  function create(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = field(new FormData(form), 'name').trim();
    setError(null);
    void securityApi
      .createAppPassword(name)
      .then(async (result) => {
        setCreated({ name: result.appPassword.name, password: result.password });
        form.reset();
        await refresh();
      })
      .catch((caught: unknown) => {
        setError(failure(caught, 'security.wrongPassword'));
      });
  }

  const items = list.data?.appPasswords ?? [];
  return (
    <section className="settings-section" aria-labelledby="app-passwords-title">
      <h2 id="app-passwords-title">{t('security.appPasswordsTitle')}</h2>
      <p className="hint">{t('security.appPasswordsHint')}</p>
      {overview.data?.twoFactor.enabled === true && (
        <p className="notice">{t('security.appPasswordsRequired')}</p>
      )}
      {created !== null && (
        <div className="secret-box" role="status">
          <h3>{t('security.newAppPassword', { name: created.name })}</h3>
          <p>
            <code className="secret" data-testid="app-password">
              {created.password}
            </code>
          </p>
          <p className="hint">{t('security.newAppPasswordHint')}</p>
        </div>
      )}
      {list.isSuccess && items.length === 0 && <p className="hint">{t('security.noAppPasswords')}</p>}
      <CredentialList
        items={items}
        removeLabel={t('security.revoke')}
        removeNamed={(name) => t('security.revokeNamed', { name })}
        onRemove={(id) => void securityApi.revokeAppPassword(id).then(refresh)}
      />
      <CredentialNameForm
        id="app-password-name"
        label={t('security.appPasswordName')}
        hint={t('security.appPasswordNameHint')}
        submitLabel={t('security.createAppPassword')}
        onSubmit={create}
      />
      <Alert text={error} />
    </section>
  );
}

export function Security() {
  const { t } = useTranslation();
  return (
    <SettingsFrame titleId="security-title">
      <h1 id="security-title">{t('security.title')}</h1>
      <Sessions />
      <TwoFactor />
      <Passkeys />
      <PushNotices />
      <AppPasswords />
      <PasswordForm />
      <Networks />
      <History />
    </SettingsFrame>
  );
}
