// The form creating an administrative API token: a name, the scopes the principal's role may hold
// as the server lists them (read is ticked to start with) and an expiry of 1 to 365 days (decision 0042).
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../../ui/problem.ts';
import { adminScopeKey, adminTokensApi, type AdminTokenScope } from './admin-tokens-api.ts';

const expiries = [7, 30, 90, 365] as const;

export function AdminTokenForm(props: {
  allowed: readonly AdminTokenScope[];
  onCreated: (created: { name: string; secret: string }) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { allowed } = props;

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const rawName = data.get('name');
    const name = typeof rawName === 'string' ? rawName.trim() : '';
    const scopes = data
      .getAll('scope')
      .filter((s): s is AdminTokenScope => allowed.some((scope) => scope === s));
    const expiresInDays = Number(data.get('expiry'));
    setFailure(null);
    if (name === '') {
      setFailure(t('adminAccess.tokens.nameRequired'));
      document.getElementById('admin-token-name')?.focus();
      return;
    }
    if (scopes.length === 0) {
      setFailure(t('adminAccess.tokens.scopesRequired'));
      return;
    }
    setBusy(true);
    try {
      const created = await adminTokensApi.create({ name, scopes, expiresInDays });
      form.reset();
      await props.onCreated({ name: created.token.name, secret: created.secret });
    } catch (error) {
      setFailure(problemMessage(t, error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="admin-form admin-token-form" noValidate onSubmit={(event) => void submit(event)}>
      <h2 className="admin-form-title">{t('adminAccess.tokens.createTitle')}</h2>
      <div className="field">
        <label htmlFor="admin-token-name">{t('adminAccess.tokens.name')}</label>
        <input
          id="admin-token-name"
          name="name"
          type="text"
          maxLength={100}
          autoComplete="off"
          aria-describedby="admin-token-name-hint"
        />
        <p id="admin-token-name-hint" className="hint">
          {t('adminAccess.tokens.nameHint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor="admin-token-expiry">{t('adminAccess.tokens.expiry')}</label>
        <select id="admin-token-expiry" name="expiry" defaultValue="90">
          {expiries.map((days) => (
            <option key={days} value={days}>
              {t('adminAccess.tokens.expiryDays', { count: days })}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="choice-group admin-token-scopes">
        <legend className="field-legend">{t('adminAccess.tokens.scopes')}</legend>
        {allowed.map((scope) => (
          <label key={scope} className="choice">
            <input type="checkbox" name="scope" value={scope} defaultChecked={scope === 'admin:read'} />
            <span>
              <strong>{t(`adminAccess.scopes.${adminScopeKey(scope)}`)}</strong>{' '}
              <code className="admin-scope-code">{scope}</code>
              <span className="choice-hint">{t(`adminAccess.scopeHints.${adminScopeKey(scope)}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {failure !== null && (
        <p className="alert admin-form-actions" role="alert">
          {failure}
        </p>
      )}
      <div className="admin-form-actions">
        <button type="submit" className="button primary" disabled={busy}>
          {t('adminAccess.tokens.create')}
        </button>
      </div>
    </form>
  );
}
