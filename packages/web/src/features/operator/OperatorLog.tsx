// The log register (/admin/operator/log, admin and auditor): search by identificativo or
// Message-ID, verify the chain and the daily time stamps, download a message's signed extract.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFullDate } from '../../i18n/format.ts';
import { problemMessage } from '../../ui/problem.ts';
import { AdminSearchForm } from '../admin/AdminSearchForm.tsx';
import { operatorApi, operatorKeys } from './operator-api.ts';

export function OperatorLog() {
  const { t, i18n } = useTranslation();
  const [msgid, setMsgid] = useState('');
  const entries = useQuery({ queryKey: operatorKeys.log(msgid), queryFn: () => operatorApi.log(msgid) });
  const verify = useMutation({ mutationFn: operatorApi.verify });

  return (
    <section className="admin-section" aria-labelledby="log-title">
      <h1 id="log-title">{t('operator.log.title')}</h1>
      <p className="hint">{t('operator.log.hint')}</p>
      <div className="admin-actions">
        <button
          type="button"
          className="button"
          disabled={verify.isPending}
          onClick={() => {
            verify.mutate();
          }}
        >
          {t('operator.log.verify')}
        </button>
        {verify.data !== undefined && (
          <p role="status" className={verify.data.ok ? 'operator-ok' : 'alert'}>
            {verify.data.ok
              ? t('operator.log.verified', { entries: verify.data.checked, days: verify.data.stampedDays })
              : t('operator.log.broken', {
                  day: verify.data.firstFailure?.day ?? '?',
                  problem: verify.data.firstFailure?.problem ?? '',
                })}
          </p>
        )}
        {verify.isError && (
          <p className="alert" role="alert">
            {problemMessage(t, verify.error)}
          </p>
        )}
      </div>
      <AdminSearchForm
        id="log-q"
        label={t('operator.log.search')}
        buttonLabel={t('operator.log.searchButton')}
        onSearch={setMsgid}
      />
      {msgid !== '' && (
        <p className="operator-downloads">
          <span>{t('operator.log.extract')}</span>
          <a className="button" href={operatorApi.extractUrl(msgid, 'p7m')} download>
            {t('operator.log.signedPdf')}
          </a>
          <a className="button" href={operatorApi.extractUrl(msgid, 'pdf')} download>
            PDF
          </a>
          <a className="button" href={operatorApi.extractUrl(msgid, 'json')} download>
            JSON
          </a>
        </p>
      )}
      {entries.isError && (
        <p className="alert" role="alert">
          {problemMessage(t, entries.error)}
        </p>
      )}
      {entries.isSuccess && entries.data.length === 0 && (
        <p className="admin-empty">{t('operator.log.empty')}</p>
      )}
      {entries.isSuccess && entries.data.length > 0 && (
        <div className="admin-table-wrap">
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('operator.log.when')}</th>
                <th scope="col">{t('operator.log.event')}</th>
                <th scope="col">{t('operator.log.message')}</th>
                <th scope="col">{t('operator.log.parties')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.data.map((entry) => (
                <tr key={entry.seq}>
                  <td data-label="#">{entry.seq}</td>
                  <td data-label={t('operator.log.when')}>{formatFullDate(entry.at, i18n.language)}</td>
                  <td data-label={t('operator.log.event')}>
                    <code>{entry.eventType}</code>
                  </td>
                  <td data-label={t('operator.log.message')} className="admin-cell-wrap">
                    <div>
                      {entry.msgid}
                      <span className="admin-cell-sub">{entry.hash.slice(0, 16)}…</span>
                    </div>
                  </td>
                  <td data-label={t('operator.log.parties')} className="admin-cell-wrap">
                    <div>
                      {entry.sender}
                      <span className="admin-cell-sub">→ {entry.recipients.join(', ')}</span>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
