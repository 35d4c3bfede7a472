// The audit trail (/admin/audit, operator admin and auditor): who did what, to what, when and
// from where, denials included; searched by text and outcome, newest first, "more" pages on.
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFullDate } from '../../i18n/format.ts';
import { problemMessage } from '../../ui/problem.ts';
import { adminApi, adminKeys } from './admin-api.ts';
import { AdminFilterSelect, AdminSearchForm } from './AdminSearchForm.tsx';

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
      {pages.isError && (
        <p className="alert" role="alert">
          {problemMessage(t, pages.error)}
        </p>
      )}
      {pages.isSuccess && entries.length === 0 && <p className="admin-empty">{t('admin.audit.empty')}</p>}
      {entries.length > 0 && (
        <div className="admin-table-wrap">
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">{t('admin.audit.when')}</th>
                <th scope="col">{t('admin.audit.who')}</th>
                <th scope="col">{t('admin.audit.action')}</th>
                <th scope="col">{t('admin.audit.target')}</th>
                <th scope="col">{t('admin.audit.outcome')}</th>
                <th scope="col">{t('admin.audit.from')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td data-label={t('admin.audit.when')}>{formatFullDate(entry.at, i18n.language)}</td>
                  <td data-label={t('admin.audit.who')}>
                    <span className="admin-cell-strong">{entry.actor}</span>
                    <span className="admin-cell-sub">{entry.role}</span>
                  </td>
                  <td data-label={t('admin.audit.action')}>
                    <code>{entry.action}</code>
                  </td>
                  <td data-label={t('admin.audit.target')} className="admin-cell-wrap">
                    {entry.target ?? '—'}
                    {entry.detail !== null && <span className="admin-cell-sub">{entry.detail}</span>}
                  </td>
                  <td data-label={t('admin.audit.outcome')}>
                    <span className={`tag tag-${entry.outcome}`}>
                      {t(`admin.audit.outcomes.${entry.outcome}`)}
                    </span>
                  </td>
                  <td data-label={t('admin.audit.from')} className="admin-cell-wrap">
                    {entry.remoteAddress ?? '—'}
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
          {t('admin.audit.more')}
        </button>
      )}
    </section>
  );
}
