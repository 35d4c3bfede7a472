// Domains (/admin/operator/domains, admin and support): the provider's mail domains and, for the
// one chosen, the DNS records to publish (MX, RFC 6186 SRV, autoconfig), as `pec domain dns`.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFullDate } from '../../i18n/format.ts';
import { problemMessage } from '../../ui/problem.ts';
import { useAdminSession } from '../admin/admin-api.ts';
import { DomainAllowanceDialog } from './DomainAllowanceDialog.tsx';
import { operatorApi, operatorKeys } from './operator-api.ts';

export function OperatorDomains() {
  const { t, i18n } = useTranslation();
  const [chosen, setChosen] = useState<string | null>(null);
  const [allowanceOf, setAllowanceOf] = useState<string | null>(null);
  const canWrite = useAdminSession().data?.role === 'admin';
  const domains = useQuery({ queryKey: operatorKeys.domains, queryFn: operatorApi.domains });
  const dns = useQuery({
    queryKey: operatorKeys.dns(chosen ?? ''),
    queryFn: () => operatorApi.dns(chosen ?? ''),
    enabled: chosen !== null,
  });
  return (
    <section className="admin-section" aria-labelledby="domains-title">
      <h1 id="domains-title">{t('operator.domains.title')}</h1>
      <p className="hint">{t('operator.domains.hint')}</p>
      {domains.isError && (
        <p className="alert" role="alert">
          {problemMessage(t, domains.error)}
        </p>
      )}
      {domains.isSuccess && (
        <div className="admin-table-wrap">
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">{t('operator.domains.name')}</th>
                <th scope="col">{t('operator.domains.added')}</th>
                <th scope="col">{t('operator.domains.dns')}</th>
              </tr>
            </thead>
            <tbody>
              {domains.data.map((domain) => (
                <tr key={domain.name}>
                  <td data-label={t('operator.domains.name')} className="admin-cell-wrap">
                    <div>
                      <span className="admin-cell-strong">{domain.name}</span>
                      {domain.description !== null && (
                        <span className="admin-cell-sub">{domain.description}</span>
                      )}
                    </div>
                  </td>
                  <td data-label={t('operator.domains.added')}>
                    {formatFullDate(domain.createdAt, i18n.language)}
                  </td>
                  <td data-label={t('operator.domains.dns')}>
                    <button
                      type="button"
                      className="button"
                      aria-pressed={chosen === domain.name}
                      onClick={() => {
                        setChosen(domain.name);
                      }}
                    >
                      {t('operator.domains.showDns')}
                    </button>
                    {canWrite && (
                      <button
                        type="button"
                        className="button"
                        aria-label={t('operator.allowance.of', { domain: domain.name })}
                        onClick={() => {
                          setAllowanceOf(domain.name);
                        }}
                      >
                        {t('operator.allowance.button')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {chosen !== null && dns.isSuccess && (
        <>
          <h2>{t('operator.domains.recordsFor', { domain: chosen })}</h2>
          <div className="admin-table-wrap">
            <table className="admin-table">
              <thead>
                <tr>
                  <th scope="col">{t('operator.domains.recordName')}</th>
                  <th scope="col">{t('operator.domains.type')}</th>
                  <th scope="col">{t('operator.domains.value')}</th>
                </tr>
              </thead>
              <tbody>
                {dns.data.map((record) => (
                  <tr key={`${record.type} ${record.name} ${record.value}`}>
                    <td data-label={t('operator.domains.recordName')} className="admin-cell-wrap">
                      <div>
                        <code>{record.name}</code>
                        <span className="admin-cell-sub">{record.note}</span>
                      </div>
                    </td>
                    <td data-label={t('operator.domains.type')}>{record.type}</td>
                    <td data-label={t('operator.domains.value')} className="admin-cell-wrap">
                      <code>{record.value}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {canWrite && (
        <DomainAllowanceDialog
          domain={allowanceOf}
          onClose={() => {
            setAllowanceOf(null);
          }}
        />
      )}
    </section>
  );
}
