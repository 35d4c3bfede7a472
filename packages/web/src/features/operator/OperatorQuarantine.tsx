// The quarantine (/admin/operator/quarantine; admin and support read records, admin exports and
// purges): infected messages stopped at reception or access, kept 30 months (DPR 68/2005 art. 12)
// and never delivered (pec-spec §3.8). Records only on screen; the message itself is a download for
// admin alone, on record in the audit trail, for an authority that asks for it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFullDate, formatSize } from '../../i18n/format.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { problemMessage } from '../../ui/problem.ts';
import { useAdminSession } from '../admin/admin-api.ts';
import { operatorApi, operatorKeys, type QuarantineRecord } from './operator-api.ts';

function RecordDialog({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const session = useAdminSession();
  const record = useQuery({
    queryKey: [...operatorKeys.quarantine, id],
    queryFn: () => operatorApi.quarantineRecord(id ?? ''),
    enabled: id !== null,
  });
  const shown: QuarantineRecord | undefined = record.data;
  return (
    <Dialog
      open={id !== null}
      title={t('operator.quarantine.record')}
      closeLabel={t('operator.close')}
      onClose={onClose}
    >
      {record.isError && (
        <p className="alert" role="alert">
          {problemMessage(t, record.error)}
        </p>
      )}
      {shown !== undefined && (
        <>
          <dl className="admin-card-grid">
            <div>
              <dt>{t('operator.quarantine.detected')}</dt>
              <dd>{formatFullDate(shown.detectedAt, i18n.language)}</dd>
            </div>
            <div>
              <dt>{t('operator.quarantine.point')}</dt>
              <dd>{t(`operator.quarantine.points.${shown.point === 'access' ? 'access' : 'reception'}`)}</dd>
            </div>
            <div>
              <dt>{t('operator.quarantine.signature')}</dt>
              <dd>
                <code>{shown.signature}</code>
              </dd>
            </div>
            <div>
              <dt>{t('operator.quarantine.sender')}</dt>
              <dd>{shown.sender === '' ? '<>' : shown.sender}</dd>
            </div>
            <div>
              <dt>{t('operator.quarantine.recipients')}</dt>
              <dd>{shown.recipients.join(', ')}</dd>
            </div>
            <div>
              <dt>{t('operator.quarantine.identifier')}</dt>
              <dd>{shown.identifier ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('operator.quarantine.size')}</dt>
              <dd>{formatSize(shown.size, i18n.language)}</dd>
            </div>
            <div>
              <dt>SHA-256</dt>
              <dd>
                <code>{shown.sha256}</code>
              </dd>
            </div>
            <div>
              <dt>{t('operator.quarantine.keptUntil')}</dt>
              <dd>{formatFullDate(shown.retainUntil, i18n.language)}</dd>
            </div>
          </dl>
          {session.data?.role === 'admin' && (
            <>
              <p className="dialog-hint">{t('operator.quarantine.exportHint')}</p>
              <p className="operator-downloads">
                <a className="button" href={operatorApi.quarantineExportUrl(shown.id)} download>
                  {t('operator.quarantine.export')}
                </a>
              </p>
            </>
          )}
        </>
      )}
    </Dialog>
  );
}

export function OperatorQuarantine() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const session = useAdminSession();
  const [shown, setShown] = useState<string | null>(null);
  const quarantine = useQuery({ queryKey: operatorKeys.quarantine, queryFn: operatorApi.quarantine });
  const purge = useMutation({
    mutationFn: operatorApi.purgeQuarantine,
    onSettled: () => client.invalidateQueries({ queryKey: operatorKeys.quarantine }),
  });

  return (
    <section className="admin-section" aria-labelledby="quarantine-title">
      <h1 id="quarantine-title">{t('operator.quarantine.title')}</h1>
      <p className="hint">{t('operator.quarantine.hint')}</p>
      {session.data?.role === 'admin' && (
        <div className="admin-actions">
          <button
            type="button"
            className="button"
            disabled={purge.isPending}
            onClick={() => {
              purge.mutate();
            }}
          >
            {t('operator.quarantine.purge')}
          </button>
          {purge.data !== undefined && (
            <p className="operator-ok" role="status">
              {t('operator.quarantine.purged', { count: purge.data.records })}
            </p>
          )}
        </div>
      )}
      {(quarantine.isError || purge.isError) && (
        <p className="alert" role="alert">
          {problemMessage(t, quarantine.error ?? purge.error)}
        </p>
      )}
      {quarantine.isSuccess && quarantine.data.records.length === 0 && (
        <p className="admin-empty">{t('operator.quarantine.empty')}</p>
      )}
      {quarantine.isSuccess && quarantine.data.records.length > 0 && (
        <div className="admin-table-wrap">
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">{t('operator.quarantine.detected')}</th>
                <th scope="col">{t('operator.quarantine.signature')}</th>
                <th scope="col">{t('operator.quarantine.parties')}</th>
                <th scope="col">{t('operator.quarantine.keptUntil')}</th>
                <th scope="col">{t('operator.quarantine.details')}</th>
              </tr>
            </thead>
            <tbody>
              {quarantine.data.records.map((record) => (
                <tr key={record.id}>
                  <td data-label={t('operator.quarantine.detected')}>
                    <div>
                      {formatFullDate(record.detectedAt, i18n.language)}
                      <span className="admin-cell-sub">
                        {t(
                          `operator.quarantine.points.${record.point === 'access' ? 'access' : 'reception'}`,
                        )}
                      </span>
                    </div>
                  </td>
                  <td data-label={t('operator.quarantine.signature')}>
                    <code>{record.signature}</code>
                  </td>
                  <td data-label={t('operator.quarantine.parties')} className="admin-cell-wrap">
                    <div>
                      {record.sender === '' ? '<>' : record.sender}
                      <span className="admin-cell-sub">→ {record.recipients.join(', ')}</span>
                    </div>
                  </td>
                  <td data-label={t('operator.quarantine.keptUntil')}>
                    {formatFullDate(record.retainUntil, i18n.language)}
                  </td>
                  <td data-label={t('operator.quarantine.details')}>
                    <button
                      type="button"
                      className="button"
                      onClick={() => {
                        setShown(record.id);
                      }}
                    >
                      {t('operator.quarantine.show')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <RecordDialog
        id={shown}
        onClose={() => {
          setShown(null);
        }}
      />
    </section>
  );
}
