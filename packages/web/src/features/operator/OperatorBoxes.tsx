// Boxes across every domain (/admin/operator/boxes; admin and support): search by address or
// holder, domain and status, each row leading to the operator's holder card.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { AdminFilterSelect, AdminSearchForm } from '../admin/AdminSearchForm.tsx';
import { boxPageSize, boxStatuses, nextBoxOffset, type BoxStatusFilter } from '../admin/box-paging.ts';
import { BoxesTable } from '../admin/BoxesTable.tsx';
import { MorePagesButton } from '../admin/MorePagesButton.tsx';
import { operatorApi, operatorKeys } from './operator-api.ts';

export function OperatorBoxes() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [domain, setDomain] = useState('');
  const [status, setStatus] = useState<BoxStatusFilter>('');
  const domains = useQuery({ queryKey: operatorKeys.domains, queryFn: operatorApi.domains });
  const pages = useInfiniteQuery({
    queryKey: operatorKeys.boxes(search, domain, status),
    initialPageParam: 0,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: String(boxPageSize), offset: String(pageParam) });
      if (search !== '') params.set('search', search);
      if (domain !== '') params.set('domain', domain);
      if (status !== '') params.set('status', status);
      return operatorApi.boxes(params);
    },
    getNextPageParam: nextBoxOffset,
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
        cardPath={(address) => `/admin/operator/boxes/${encodeURIComponent(address)}`}
      />
      <MorePagesButton pages={pages} label={t('admin.panel.more')} />
    </section>
  );
}
