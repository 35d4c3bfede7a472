// The principal's own API tokens (/admin/tokens, every role, decision 0042): create one (name,
// scopes the role may hold, expiry) and see its secret this once with a copy button; the list with
// scopes, creation, expiry and last use; revoke after a confirmation. Tokens are managed with the
// session only: a token cannot create or revoke tokens.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../ui/Dialog.tsx';
import { problemMessage } from '../../ui/problem.ts';
import { CopySecret } from '../integrations/CopySecret.tsx';
import { AdminTokenForm } from './AdminTokenForm.tsx';
import {
  adminScopeKey,
  adminTokenKeys,
  adminTokensApi,
  useAdminTokens,
  type AdminToken,
} from './admin-tokens-api.ts';
import '../../styles/integrations.css';

function tokenState(token: AdminToken): 'revoked' | 'expired' | 'live' {
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt !== null && Date.parse(token.expiresAt) <= Date.now()) return 'expired';
  return 'live';
}

export function AdminTokens() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const list = useAdminTokens();
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [revoking, setRevoking] = useState<AdminToken | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const refresh = () => client.invalidateQueries({ queryKey: adminTokenKeys.tokens });
  // Day and minute are enough here; the audit trail keeps the seconds.
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const date = (iso: string | null, none: string) => (iso === null ? none : when.format(new Date(iso)));

  async function revoke(token: AdminToken) {
    setBusy(true);
    setFailure(null);
    try {
      await adminTokensApi.revoke(token.id);
      await refresh();
      setRevoking(null);
    } catch (error) {
      setFailure(problemMessage(t, error));
    } finally {
      setBusy(false);
    }
  }

  const tokens = list.data?.tokens ?? [];
  return (
    <section className="admin-section" aria-labelledby="admin-tokens-title">
      <h1 id="admin-tokens-title">{t('adminAccess.tokens.title')}</h1>
      <p className="hint">{t('adminAccess.tokens.hint')}</p>
      {created !== null && (
        <div className="admin-token-created">
          <CopySecret
            title={t('adminAccess.tokens.created', { name: created.name })}
            secret={created.secret}
            hint={t('adminAccess.tokens.onceHint')}
            testId="admin-token-secret"
          />
          <p className="alert admin-token-warning">{t('adminAccess.tokens.onceWarning')}</p>
        </div>
      )}
      {list.isError && (
        <p className="alert" role="alert">
          {problemMessage(t, list.error)}
        </p>
      )}
      {failure !== null && revoking === null && (
        <p className="alert" role="alert">
          {failure}
        </p>
      )}
      {list.isSuccess && tokens.length === 0 && (
        <p className="admin-empty">{t('adminAccess.tokens.empty')}</p>
      )}
      {tokens.length > 0 && (
        <div className="admin-table-wrap">
          <table className="admin-table" aria-label={t('adminAccess.tokens.list')}>
            <thead>
              <tr>
                <th scope="col">{t('adminAccess.tokens.name')}</th>
                <th scope="col">{t('adminAccess.tokens.scopes')}</th>
                <th scope="col">{t('adminAccess.tokens.createdAt')}</th>
                <th scope="col">{t('adminAccess.tokens.expiresAt')}</th>
                <th scope="col">{t('adminAccess.tokens.lastUsed')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('adminAccess.tokens.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => {
                const state = tokenState(token);
                return (
                  <tr key={token.id}>
                    <td data-label={t('adminAccess.tokens.name')} className="admin-cell-wrap">
                      <span className="admin-cell-strong">{token.name}</span>
                      {state !== 'live' && (
                        <span className="tag tag-refused">{t(`adminAccess.tokens.states.${state}`)}</span>
                      )}
                    </td>
                    <td data-label={t('adminAccess.tokens.scopes')}>
                      <span className="admin-token-tags">
                        {token.scopes.map((scope) => (
                          <span key={scope} className="tag">
                            {t(`adminAccess.scopes.${adminScopeKey(scope)}`)}
                          </span>
                        ))}
                      </span>
                    </td>
                    <td data-label={t('adminAccess.tokens.createdAt')}>{date(token.createdAt, '—')}</td>
                    <td data-label={t('adminAccess.tokens.expiresAt')}>{date(token.expiresAt, '—')}</td>
                    <td data-label={t('adminAccess.tokens.lastUsed')}>
                      {date(token.lastUsedAt, t('adminAccess.tokens.neverUsed'))}
                    </td>
                    <td>
                      {state === 'live' && (
                        <button
                          type="button"
                          className="button button-remove"
                          aria-label={t('adminAccess.tokens.revokeNamed', { name: token.name })}
                          onClick={() => {
                            setFailure(null);
                            setRevoking(token);
                          }}
                        >
                          {t('adminAccess.tokens.revoke')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {list.data !== undefined && (
        <AdminTokenForm
          allowed={list.data.allowedScopes}
          onCreated={async (made) => {
            setCreated(made);
            await refresh();
          }}
        />
      )}
      <Dialog
        open={revoking !== null}
        title={t('adminAccess.tokens.revokeTitle')}
        closeLabel={t('admin.card.close')}
        onClose={() => {
          setRevoking(null);
        }}
      >
        <p className="dialog-hint">{t('adminAccess.tokens.revokeHint', { name: revoking?.name ?? '' })}</p>
        {failure !== null && (
          <p className="alert" role="alert">
            {failure}
          </p>
        )}
        <div className="admin-form-actions">
          <button
            type="button"
            className="button danger"
            disabled={busy}
            onClick={() => {
              if (revoking !== null) void revoke(revoking);
            }}
          >
            {t('adminAccess.tokens.revokeConfirm')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              setRevoking(null);
            }}
          >
            {t('admin.card.cancel')}
          </button>
        </div>
      </Dialog>
    </section>
  );
}
