// A box's card (/admin/boxes/:address): holder data, plan, quota used, expiry, last sign-in and
// access history (never message contents); password change (the holder is told) and suspension
// for postmasters and the operator's admin.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatFullDate } from '../../i18n/format.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { problemMessage } from '../../ui/problem.ts';
import { Usage } from './Usage.tsx';
import { panelApi, panelKeys, type BoxCard } from './panel-api.ts';
import { usePrincipal } from './use-principal.ts';

function PasswordDialog({ address, open, onClose }: { address: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'generate' | 'choose'>('generate');
  const [chosen, setChosen] = useState('');
  const [result, setResult] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function close() {
    setResult(null);
    setChosen('');
    setFailure(null);
    onClose();
  }

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    if (mode === 'choose' && chosen.length < 8) {
      setFailure(t('admin.card.passwordTooShort'));
      return;
    }
    setBusy(true);
    try {
      const answer = await panelApi.setPassword(address, mode === 'choose' ? chosen : undefined);
      setResult(answer.password);
    } catch (error) {
      setFailure(problemMessage(t, error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={open}
      title={t('admin.card.passwordTitle')}
      closeLabel={t('admin.card.close')}
      onClose={close}
    >
      {result === null ? (
        <form onSubmit={(event) => void submit(event)}>
          <p className="dialog-hint">{t('admin.card.passwordHint', { address })}</p>
          <fieldset className="admin-choice">
            <legend className="visually-hidden">{t('admin.card.passwordTitle')}</legend>
            <label className="check">
              <input
                type="radio"
                name="mode"
                checked={mode === 'generate'}
                onChange={() => {
                  setMode('generate');
                }}
              />
              <span>{t('admin.card.generate')}</span>
            </label>
            <label className="check">
              <input
                type="radio"
                name="mode"
                checked={mode === 'choose'}
                onChange={() => {
                  setMode('choose');
                }}
              />
              <span>{t('admin.card.choose')}</span>
            </label>
          </fieldset>
          {mode === 'choose' && (
            <div className="field">
              <label htmlFor="box-new-password">{t('admin.card.newPassword')}</label>
              <input
                id="box-new-password"
                type="text"
                autoComplete="new-password"
                spellCheck={false}
                value={chosen}
                onChange={(event) => {
                  setChosen(event.target.value);
                }}
              />
            </div>
          )}
          {failure !== null && (
            <p className="alert" role="alert">
              {failure}
            </p>
          )}
          <div className="admin-form-actions">
            <button type="submit" className="button primary" disabled={busy}>
              {t('admin.card.setPassword')}
            </button>
            <button type="button" className="button" onClick={close}>
              {t('admin.card.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div role="status">
          <p>{t('admin.card.passwordSet')}</p>
          <p className="admin-secret" aria-label={t('admin.card.newPassword')}>
            {result}
          </p>
          <p className="dialog-hint">{t('admin.card.passwordOnce')}</p>
          <button type="button" className="button primary" onClick={close}>
            {t('admin.card.done')}
          </button>
        </div>
      )}
    </Dialog>
  );
}

function Field({ label, value }: { label: string; value: string | null }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value === null || value === '' ? '—' : value}</dd>
    </div>
  );
}

export function AdminBoxCard() {
  const { t, i18n } = useTranslation();
  const principal = usePrincipal();
  const client = useQueryClient();
  const address = useParams()['address'] ?? '';
  const card = useQuery({ queryKey: panelKeys.box(address), queryFn: () => panelApi.box(address) });
  const [passwordOpen, setPasswordOpen] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const date = (iso: string | null) => (iso === null ? null : formatFullDate(iso, i18n.language));
  const canWrite = principal.role !== 'support';

  async function suspend(box: BoxCard, suspended: boolean) {
    setFailure(null);
    try {
      client.setQueryData(panelKeys.box(address), await panelApi.setSuspended(box.address, suspended));
      await client.invalidateQueries({ queryKey: ['admin', 'boxes'] });
    } catch (error) {
      setFailure(problemMessage(t, error));
    }
  }

  if (card.isPending) return <p className="admin-empty">{t('app.loading')}</p>;
  if (card.isError)
    return (
      <section className="admin-section">
        <p className="alert" role="alert">
          {problemMessage(t, card.error)}
        </p>
        <Link to="/admin/boxes">{t('admin.card.back')}</Link>
      </section>
    );
  const box = card.data;
  return (
    <>
      <section className="admin-section" aria-labelledby="card-title">
        <p>
          <Link to={`/admin/boxes?domain=${encodeURIComponent(box.domain)}`}>{t('admin.card.back')}</Link>
        </p>
        <div className="admin-heading">
          <div>
            <h1 id="card-title" className="admin-cell-wrap">
              {box.address}
            </h1>
            <p className="hint">
              {box.holderName} ·{' '}
              <span className={`tag tag-${box.status}`}>{t(`admin.panel.statuses.${box.status}`)}</span>
            </p>
          </div>
          {canWrite && (
            <div className="admin-actions">
              <button
                type="button"
                className="button primary"
                onClick={() => {
                  setPasswordOpen(true);
                }}
              >
                {t('admin.card.changePassword')}
              </button>
              {box.status === 'active' && (
                <button type="button" className="button" onClick={() => void suspend(box, true)}>
                  {t('admin.card.suspend')}
                </button>
              )}
              {box.status === 'suspended' && (
                <button type="button" className="button" onClick={() => void suspend(box, false)}>
                  {t('admin.card.reactivate')}
                </button>
              )}
            </div>
          )}
        </div>
        {failure !== null && (
          <p className="alert" role="alert">
            {failure}
          </p>
        )}
        <dl className="admin-card-grid">
          <Field label={t('admin.card.holder')} value={box.holderName} />
          <Field label={t('admin.card.taxCode')} value={box.holderTaxCode} />
          <Field label={t('admin.card.contact')} value={box.contactEmail} />
          <Field label={t('admin.card.mobile')} value={box.mobile} />
          <Field label={t('admin.panel.plan')} value={box.plan} />
          <div>
            <dt>{t('admin.panel.space')}</dt>
            <dd>
              <Usage box={box} />
            </dd>
          </div>
          <Field label={t('admin.card.activated')} value={date(box.activatedAt)} />
          <Field label={t('admin.panel.expires')} value={date(box.expiresAt) ?? t('admin.panel.never')} />
          <Field
            label={t('admin.panel.lastSignIn')}
            value={date(box.lastLoginAt) ?? t('admin.panel.neverSignedIn')}
          />
          <Field
            label={t('admin.card.ordinaryMail')}
            value={t(`admin.card.policies.${box.ordinaryMailPolicy}`)}
          />
        </dl>
      </section>
      <section className="admin-section" aria-labelledby="history-title">
        <h2 id="history-title">{t('admin.card.history')}</h2>
        {box.accessHistory.length === 0 ? (
          <p className="admin-empty">{t('admin.card.noHistory')}</p>
        ) : (
          <div className="admin-table-wrap">
            <table className="admin-table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.audit.when')}</th>
                  <th scope="col">{t('admin.card.protocol')}</th>
                  <th scope="col">{t('admin.audit.outcome')}</th>
                  <th scope="col">{t('admin.audit.from')}</th>
                </tr>
              </thead>
              <tbody>
                {box.accessHistory.map((entry, index) => (
                  <tr key={`${entry.at}-${String(index)}`}>
                    <td data-label={t('admin.audit.when')}>{formatFullDate(entry.at, i18n.language)}</td>
                    <td data-label={t('admin.card.protocol')}>
                      {entry.protocol.toUpperCase()}
                      {entry.device !== null && <span className="admin-cell-sub">{entry.device}</span>}
                    </td>
                    <td data-label={t('admin.audit.outcome')}>
                      <span className={`tag tag-${entry.outcome === 'success' ? 'done' : 'refused'}`}>
                        {entry.outcome === 'success'
                          ? t('admin.card.signInOk')
                          : t('admin.card.signInFailed')}
                      </span>
                    </td>
                    <td data-label={t('admin.audit.from')}>{entry.remoteAddress}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {canWrite && (
        <PasswordDialog
          address={box.address}
          open={passwordOpen}
          onClose={() => {
            setPasswordOpen(false);
          }}
        />
      )}
    </>
  );
}
