// Boxes across every domain (/admin/operator/boxes; admin and support): search by address or
// holder, domain and status, each row leading to the operator's holder card.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatFullDate } from '../../i18n/format.ts';
import { problemMessage } from '../../ui/problem.ts';
import { Usage } from '../admin/AdminBoxes.tsx';
import { AdminFilterSelect, AdminSearchForm } from '../admin/AdminSearchForm.tsx';
import { operatorApi, operatorKeys } from './operator-api.ts';

const pageSize = 50;
const statuses = ['', 'active', 'suspended', 'expired'] as const;

export function OperatorBoxes() {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const [domain, setDomain] = useState('');
  const [status, setStatus] = useState<(typeof statuses)[number]>('');
  const domains = useQuery({ queryKey: operatorKeys.domains, queryFn: operatorApi.domains });
  const pages = useInfiniteQuery({
    queryKey: operatorKeys.boxes(search, domain, status),
    initialPageParam: 0,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: String(pageSize), offset: String(pageParam) });
      if (search !== '') params.set('search', search);
      if (domain !== '') params.set('domain', domain);
      if (status !== '') params.set('status', status);
      return operatorApi.boxes(params);
    },
    getNextPageParam: (last, all) => {
      const seen = all.reduce((sum, page) => sum + page.boxes.length, 0);
      return seen < last.total ? seen : undefined;
    },
  });
  const boxes = pages.data?.pages.flatMap((page) => page.boxes) ?? [];
  const total = pages.data?.pages[0]?.total ?? 0;
  const domainNames = ['', ...(domains.data ?? []).map((d) => d.name)];

  return (
    <section className="admin-section" aria-labelledby="operator-boxes-title">
      <h1 id="operator-boxes-title">{t('operator.boxes.title')}</h1>
      <p className="hint">{t('operator.boxes.hint')}</p>
      <AdminSearchForm
        id="operator-boxes-q"
        label={t('admin.panel.search')}
        buttonLabel={t('admin.panel.searchButton')}
        onSearch={setSearch}
      >
        <AdminFilterSelect
          id="operator-boxes-domain"
          label={t('operator.boxes.domain')}
          value={domain}
          options={domainNames}
          optionLabel={(value) => (value === '' ? t('operator.boxes.anyDomain') : value)}
          onChange={setDomain}
        />
        <AdminFilterSelect
          id="operator-boxes-status"
          label={t('admin.panel.status')}
          value={status}
          options={statuses}
          optionLabel={(value) => t(`admin.panel.statuses.${value === '' ? 'any' : value}`)}
          onChange={setStatus}
        />
      </AdminSearchForm>
      {pages.isError && (
        <p className="alert" role="alert">
          {problemMessage(t, pages.error)}
        </p>
      )}
      {pages.isSuccess && (
        <p className="hint" role="status">
          {t('admin.panel.found', { count: total })}
        </p>
      )}
      {pages.isSuccess && boxes.length === 0 && <p className="admin-empty">{t('admin.panel.noBoxes')}</p>}
      {boxes.length > 0 && (
        <div className="admin-table-wrap">
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">{t('admin.panel.box')}</th>
                <th scope="col">{t('admin.panel.status')}</th>
                <th scope="col">{t('admin.panel.plan')}</th>
                <th scope="col">{t('admin.panel.space')}</th>
                <th scope="col">{t('admin.panel.expires')}</th>
              </tr>
            </thead>
            <tbody>
              {boxes.map((box) => (
                <tr key={box.address}>
                  <td data-label={t('admin.panel.box')} className="admin-cell-wrap">
                    <Link to={`/admin/operator/boxes/${encodeURIComponent(box.address)}`}>{box.address}</Link>
                    <span className="admin-cell-sub">{box.holderName}</span>
                  </td>
                  <td data-label={t('admin.panel.status')}>
                    <span className={`tag tag-${box.status}`}>
                      {t(`admin.panel.statuses.${box.status}`, { defaultValue: box.status })}
                    </span>
                  </td>
                  <td data-label={t('admin.panel.plan')}>{box.plan ?? '—'}</td>
                  <td data-label={t('admin.panel.space')}>
                    <Usage box={box} />
                  </td>
                  <td data-label={t('admin.panel.expires')}>
                    {box.expiresAt === null
                      ? t('admin.panel.never')
                      : formatFullDate(box.expiresAt, i18n.language)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages.hasNextPage && (
        <button
          type="button"
          className="button"
          disabled={pages.isFetchingNextPage}
          onClick={() => void pages.fetchNextPage()}
        >
          {t('admin.panel.more')}
        </button>
      )}
    </section>
  );
}
