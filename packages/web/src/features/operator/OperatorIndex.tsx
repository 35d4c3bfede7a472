// The providers' index (/admin/operator/index; admin and support read, admin downloads): our own
// record as LDIF (pec-spec §7.2), the signed copy to publish (.p7m, §7.3), the providers the local
// copy knows and when it last changed (a refresh or an import writes it).
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatFullDate } from '../../i18n/format.ts';
import { problemMessage } from '../../ui/problem.ts';
import { useAdminSession } from '../admin/admin-api.ts';
import { operatorApi, operatorKeys } from './operator-api.ts';

export function OperatorIndex() {
  const { t, i18n } = useTranslation();
  const session = useAdminSession();
  const index = useQuery({ queryKey: operatorKeys.index, queryFn: operatorApi.index });
  const canExport = session.data?.role === 'admin';

  return (
    <section className="admin-section" aria-labelledby="index-title">
      <h1 id="index-title">{t('operator.index.title')}</h1>
      <p className="hint">{t('operator.index.hint')}</p>
      {index.isError && (
        <p className="alert" role="alert">
          {problemMessage(t, index.error)}
        </p>
      )}
      {index.isSuccess && (
        <>
          <dl className="admin-card-grid">
            <div>
              <dt>{t('operator.index.lastChanged')}</dt>
              <dd>
                {index.data.lastChangedAt === null
                  ? t('operator.index.never')
                  : formatFullDate(index.data.lastChangedAt, i18n.language)}
              </dd>
            </div>
            <div>
              <dt>{t('operator.index.refreshFrom')}</dt>
              <dd>{index.data.refreshUrl ?? t('operator.index.noRefresh')}</dd>
            </div>
            <div>
              <dt>{t('operator.index.file')}</dt>
              <dd>
                <code>{index.data.file}</code>
              </dd>
            </div>
          </dl>
          <h2>{t('operator.index.ownEntry')}</h2>
          {canExport && (
            <p className="operator-downloads">
              <a className="button primary" href={operatorApi.signedEntryUrl} download>
                {t('operator.index.downloadSigned')}
              </a>
            </p>
          )}
          <pre className="operator-ldif" tabIndex={0} aria-label={t('operator.index.ownEntry')}>
            {index.data.ownEntry}
          </pre>
          <h2>{t('operator.index.peers', { count: index.data.providers.length })}</h2>
          <div className="admin-table-wrap">
            <table className="admin-table">
              <thead>
                <tr>
                  <th scope="col">{t('operator.index.provider')}</th>
                  <th scope="col">{t('operator.index.domains')}</th>
                  <th scope="col" className="admin-num">
                    {t('operator.index.certificates')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {index.data.providers.map((provider) => (
                  <tr key={provider.name}>
                    <td data-label={t('operator.index.provider')} className="admin-cell-wrap">
                      <div>
                        <span className="admin-cell-strong">
                          {provider.name}
                          {provider.own && ` · ${t('operator.index.us')}`}
                        </span>
                        <span className="admin-cell-sub">{provider.mailReceipt}</span>
                      </div>
                    </td>
                    <td data-label={t('operator.index.domains')} className="admin-cell-wrap">
                      {provider.domains.join(', ')}
                    </td>
                    <td data-label={t('operator.index.certificates')} className="admin-num">
                      {provider.certificates}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
