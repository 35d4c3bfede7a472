// Box search (/admin/boxes): the boxes of the selected domain by address or holder, status and
// usage, with their plan, quota used, expiry and last sign-in; new box, usage report download.
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { AdminFilterSelect, AdminSearchForm } from './AdminSearchForm.tsx';
import { boxPageSize, boxStatuses, nextBoxOffset, type BoxStatusFilter } from './box-paging.ts';
import { BoxesTable } from './BoxesTable.tsx';
import { DomainPicker, useSelectedDomain } from './DomainPicker.tsx';
import { MorePagesButton } from './MorePagesButton.tsx';
import { panelApi, panelKeys, usageCsvUrl } from './panel-api.ts';
import { usePrincipal } from './use-principal.ts';

export function AdminBoxes() {
  const { t } = useTranslation();
  const principal = usePrincipal();
  const { domain, loading } = useSelectedDomain();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<BoxStatusFilter>('');
  const name = domain?.name ?? '';
  const pages = useInfiniteQuery({
    queryKey: panelKeys.boxes(name, q, status),
    enabled: name !== '',
    initialPageParam: 0,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: String(boxPageSize), offset: String(pageParam) });
      if (q !== '') params.set('q', q);
      if (status !== '') params.set('status', status);
      return panelApi.boxes(name, params);
    },
    getNextPageParam: nextBoxOffset,
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
          options={boxStatuses}
          optionLabel={(value) => t(`admin.panel.statuses.${value === '' ? 'any' : value}`)}
          onChange={setStatus}
        />
      </AdminSearchForm>
      {pages.isError && <ProblemAlert error={pages.error} />}
      <BoxesTable
        loaded={pages.isSuccess}
        total={total}
        boxes={boxes}
        cardPath={(address) => `/admin/boxes/${encodeURIComponent(address)}`}
        withLastSignIn
      />
      <MorePagesButton pages={pages} label={t('admin.panel.more')} />
    </section>
  );
}
