// API tokens of the holder's box: create one (name, scopes, expiry) and see its secret this once,
// the list with last use and expiry, revoke. The server keeps only the token's hash (decision 0017).
import { useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFullDate } from '../../i18n/format.ts';
import { Alert, field, useFailure } from '../security/security-ui.tsx';
import { CopySecret } from './CopySecret.tsx';
import {
  apiScopes,
  integrationKeys,
  integrationsApi,
  scopeKey,
  useApiTokens,
  type ApiScope,
  type ApiToken,
} from './integrations-api.ts';

const expiries = ['30', '90', '365', 'never'] as const;

function tokenState(token: ApiToken): 'revoked' | 'expired' | 'live' {
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt !== null && Date.parse(token.expiresAt) <= Date.now()) return 'expired';
  return 'live';
}

export function ApiTokens() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const list = useApiTokens();
  const failure = useFailure();
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const refresh = () => client.invalidateQueries({ queryKey: integrationKeys.tokens });
  const date = (iso: string) => formatFullDate(iso, i18n.language);

  function create(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const name = field(data, 'name').trim();
    const scopes = data.getAll('scope').filter((s): s is ApiScope => typeof s === 'string');
    const expiry = field(data, 'expiry');
    setError(null);
    if (name === '') {
      setError(t('integrations.tokenNameRequired'));
      return;
    }
    if (scopes.length === 0) {
      setError(t('integrations.scopesRequired'));
      return;
    }
    setBusy(true);
    integrationsApi
      .createToken({ name, scopes, ...(expiry === 'never' ? {} : { expiresInDays: Number(expiry) }) })
      .then(async (result) => {
        setCreated({ name: result.name, token: result.token });
        form.reset();
        await refresh();
      })
      .catch((caught: unknown) => {
        setError(failure(caught, 'security.wrongPassword'));
      })
      .finally(() => {
        setBusy(false);
      });
  }

  const tokens = list.data?.tokens ?? [];
  return (
    <section className="settings-section" aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t('integrations.tokensTitle')}</h2>
      <p className="hint">{t('integrations.tokensHint')}</p>
      {list.isError && <Alert text={t('security.loadError')} />}
      {created !== null && (
        <CopySecret
          title={t('integrations.newToken', { name: created.name })}
          secret={created.token}
          hint={t('integrations.newTokenHint')}
          testId="api-token"
        />
      )}
      {list.isSuccess && tokens.length === 0 && <p className="hint">{t('integrations.noTokens')}</p>}
      <ul className="settings-list" aria-label={t('integrations.tokenList')}>
        {tokens.map((token) => {
          const state = tokenState(token);
          return (
            <li key={token.id} className="settings-item">
              <div className="settings-item-main">
                <strong>{token.name}</strong>
                {state !== 'live' && (
                  <span className="tag tag-bad">{t(`integrations.tokenState.${state}`)}</span>
                )}
                {token.scopes.map((scope) => (
                  <span key={scope} className="tag">
                    {t(`integrations.scopes.${scopeKey(scope)}`)}
                  </span>
                ))}
                <span className="meta">
                  {t('integrations.created', { date: date(token.createdAt) })} ·{' '}
                  {token.lastUsedAt === null
                    ? t('integrations.neverUsed')
                    : t('integrations.lastUsed', { date: date(token.lastUsedAt) })}{' '}
                  ·{' '}
                  {token.expiresAt === null
                    ? t('integrations.noExpiry')
                    : t('integrations.expires', { date: date(token.expiresAt) })}
                </span>
              </div>
              {state === 'live' && (
                <button
                  type="button"
                  className="button button-remove"
                  aria-label={t('integrations.revokeNamed', { name: token.name })}
                  onClick={() => {
                    integrationsApi
                      .revokeToken(token.id)
                      .then(refresh)
                      .catch((caught: unknown) => {
                        setError(failure(caught, 'security.wrongPassword'));
                      });
                  }}
                >
                  {t('integrations.revoke')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <form className="narrow-form" onSubmit={create} noValidate>
        <h3>{t('integrations.createTokenTitle')}</h3>
        <div className="field">
          <label htmlFor="token-name">{t('integrations.tokenName')}</label>
          <input id="token-name" name="name" type="text" maxLength={100} aria-describedby="token-name-hint" />
          <p id="token-name-hint" className="hint">
            {t('integrations.tokenNameHint')}
          </p>
        </div>
        <fieldset className="choice-group">
          <legend className="field-legend">{t('integrations.scopesLegend')}</legend>
          {apiScopes.map((scope) => (
            <label key={scope} className="choice">
              <input type="checkbox" name="scope" value={scope} defaultChecked={scope === 'receipts:read'} />
              <span>
                <strong>{t(`integrations.scopes.${scopeKey(scope)}`)}</strong>
                <span className="choice-hint">{t(`integrations.scopeHints.${scopeKey(scope)}`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="token-expiry">{t('integrations.expiry')}</label>
          <select id="token-expiry" name="expiry" defaultValue="90">
            {expiries.map((value) => (
              <option key={value} value={value}>
                {value === 'never'
                  ? t('integrations.expiryNever')
                  : t('integrations.expiryDays', { count: Number(value) })}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button primary" disabled={busy}>
          {t('integrations.createToken')}
        </button>
      </form>
      <Alert text={error} />
    </section>
  );
}
