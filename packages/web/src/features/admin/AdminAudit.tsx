// The audit trail (/admin/audit, operator admin and auditor): who did what, to what, when and
// from where, denials included; searched by text and outcome, newest first, "more" pages on.
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFullDate } from '../../i18n/format.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { adminApi, adminKeys, type AuditEntry } from './admin-api.ts';
import { AdminFilterSelect, AdminSearchForm } from './AdminSearchForm.tsx';
import { AdminTable, type AdminColumn } from './AdminTable.tsx';
import { MorePagesButton } from './MorePagesButton.tsx';

const outcomes = ['', 'done', 'refused', 'denied'] as const;

export function AdminAudit() {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState('');
  const [outcome, setOutcome] = useState<(typeof outcomes)[number]>('');
  const pages = useInfiniteQuery({
    queryKey: adminKeys.audit(query, outcome),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: '50' });
      if (query !== '') params.set('q', query);
      if (outcome !== '') params.set('outcome', outcome);
      if (pageParam !== null) params.set('cursor', pageParam);
      return adminApi.audit(params);
    },
    getNextPageParam: (last) => last.nextCursor,
  });
  const entries = pages.data?.pages.flatMap((page) => page.entries) ?? [];
  const columns: AdminColumn<AuditEntry>[] = [
    { label: t('admin.audit.when'), cell: (entry) => formatFullDate(entry.at, i18n.language) },
    {
      label: t('admin.audit.who'),
      cell: (entry) => (
        <>
          <span className="admin-cell-strong">{entry.actor}</span>
          <span className="admin-cell-sub">{entry.role}</span>
        </>
      ),
    },
    { label: t('admin.audit.action'), cell: (entry) => <code>{entry.action}</code> },
    {
      label: t('admin.audit.target'),
      className: 'admin-cell-wrap',
      cell: (entry) => (
        <>
          {entry.target ?? '—'}
          {entry.detail !== null && <span className="admin-cell-sub">{entry.detail}</span>}
        </>
      ),
    },
    {
      label: t('admin.audit.outcome'),
      cell: (entry) => (
        <span className={`tag tag-${entry.outcome}`}>{t(`admin.audit.outcomes.${entry.outcome}`)}</span>
      ),
    },
    {
      label: t('admin.audit.from'),
      className: 'admin-cell-wrap',
      cell: (entry) => entry.remoteAddress ?? '—',
    },
  ];

  return (
    <section className="admin-section" aria-labelledby="audit-title">
      <h1 id="audit-title">{t('admin.audit.title')}</h1>
      <p className="hint">{t('admin.audit.hint')}</p>
      <AdminSearchForm
        id="audit-q"
        label={t('admin.audit.search')}
        buttonLabel={t('admin.audit.searchButton')}
        onSearch={setQuery}
      >
        <AdminFilterSelect
          id="audit-outcome"
          label={t('admin.audit.outcome')}
          value={outcome}
          options={outcomes}
          optionLabel={(value) => t(`admin.audit.outcomes.${value === '' ? 'any' : value}`)}
          onChange={setOutcome}
        />
      </AdminSearchForm>
      {pages.isError && <ProblemAlert error={pages.error} />}
      {pages.isSuccess && entries.length === 0 && <p className="admin-empty">{t('admin.audit.empty')}</p>}
      {entries.length > 0 && <AdminTable columns={columns} rows={entries} rowKey={(entry) => entry.id} />}
      <MorePagesButton pages={pages} label={t('admin.audit.more')} />
    </section>
  );
}
