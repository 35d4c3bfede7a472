// Box search (/admin/boxes): the boxes of the selected domain by address or holder, status and
// usage, with their plan, quota used, expiry and last sign-in; new box, usage report download.
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatFullDate, formatSize } from '../../i18n/format.ts';
import { problemMessage } from '../../ui/problem.ts';
import { AdminFilterSelect, AdminSearchForm } from './AdminSearchForm.tsx';
import { DomainPicker, useSelectedDomain } from './DomainPicker.tsx';
import { panelApi, panelKeys, usageCsvUrl, type BoxSummary } from './panel-api.ts';
import { usePrincipal } from './use-principal.ts';

const pageSize = 50;
const statuses = ['', 'active', 'suspended', 'expired'] as const;

export function Usage({ box }: { box: Pick<BoxSummary, 'usedBytes' | 'quotaBytes'> }) {
  const { t, i18n } = useTranslation();
  const percent = box.quotaBytes > 0 ? Math.min(100, (box.usedBytes * 100) / box.quotaBytes) : 0;
  return (
    <span className="admin-usage">
      <span>
        {t('admin.panel.usage', {
          used: formatSize(box.usedBytes, i18n.language),
          quota: formatSize(box.quotaBytes, i18n.language),
        })}
      </span>
      <span className="admin-usage-bar" aria-hidden="true">
        <span style={{ width: `${percent.toFixed(1)}%` }} />
      </span>
    </span>
  );
}

export function AdminBoxes() {
  const { t, i18n } = useTranslation();
  const principal = usePrincipal();
  const { domain, loading } = useSelectedDomain();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<(typeof statuses)[number]>('');
  const name = domain?.name ?? '';
  const pages = useInfiniteQuery({
    queryKey: panelKeys.boxes(name, q, status),
    enabled: name !== '',
    initialPageParam: 0,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: String(pageSize), offset: String(pageParam) });
      if (q !== '') params.set('q', q);
      if (status !== '') params.set('status', status);
      return panelApi.boxes(name, params);
    },
    getNextPageParam: (last, all) => {
      const seen = all.reduce((sum, page) => sum + page.boxes.length, 0);
      return seen < last.total ? seen : undefined;
    },
  });
  const boxes = pages.data?.pages.flatMap((page) => page.boxes) ?? [];
  const total = pages.data?.pages[0]?.total ?? 0;
  const canWrite = principal.role !== 'support';

  if (!loading && domain === undefined) return <p className="admin-empty">{t('admin.panel.noDomains')}</p>;
  return (
    <section className="admin-section" aria-labelledby="boxes-title">
      <div className="admin-heading">
        <div>
          <h1 id="boxes-title">{t('admin.panel.boxesTitle')}</h1>
          <DomainPicker />
          {domain !== undefined && (
            <p className="hint">
              {domain.boxAllowance === null
                ? t('admin.panel.countUnlimited', { count: domain.boxes })
                : t('admin.panel.countOf', { count: domain.boxes, allowance: domain.boxAllowance })}
            </p>
          )}
        </div>
        <div className="admin-actions">
          {canWrite && domain !== undefined && (
            <Link className="button primary" to={`/admin/boxes/new?domain=${encodeURIComponent(name)}`}>
              {t('admin.panel.newBox')}
            </Link>
          )}
          {domain !== undefined && (
            <a className="button" href={usageCsvUrl(name)} download>
              {t('admin.panel.usageCsv')}
            </a>
          )}
        </div>
      </div>
      <AdminSearchForm
        id="boxes-q"
        label={t('admin.panel.search')}
        buttonLabel={t('admin.panel.searchButton')}
        onSearch={setQ}
      >
        <AdminFilterSelect
          id="boxes-status"
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
                <th scope="col">{t('admin.panel.lastSignIn')}</th>
              </tr>
            </thead>
            <tbody>
              {boxes.map((box) => (
                <tr key={box.address}>
                  <td data-label={t('admin.panel.box')} className="admin-cell-wrap">
                    <Link to={`/admin/boxes/${encodeURIComponent(box.address)}`}>{box.address}</Link>
                    <span className="admin-cell-sub">{box.holderName}</span>
                  </td>
                  <td data-label={t('admin.panel.status')}>
                    <span className={`tag tag-${box.status}`}>{t(`admin.panel.statuses.${box.status}`)}</span>
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
                  <td data-label={t('admin.panel.lastSignIn')}>
                    {box.lastLoginAt === null
                      ? t('admin.panel.neverSignedIn')
                      : formatFullDate(box.lastLoginAt, i18n.language)}
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
