// Queues (/admin/operator/queue): outbox jobs with retry now, hold and release (admin; support
// sees the list). The quarantine has its own screen (OperatorQuarantine.tsx).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatFullDate } from '../../i18n/format.ts';
import { problemMessage } from '../../ui/problem.ts';
import { useAdminSession } from '../admin/admin-api.ts';
import { operatorApi, operatorKeys, type QueueAction, type QueuedJob } from './operator-api.ts';

const actionsFor: Record<string, QueueAction[]> = {
  ready: ['retry', 'hold'],
  running: ['hold'],
  held: ['release'],
  failed: ['retry', 'release'],
};

export function OperatorQueue() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const session = useAdminSession();
  const canSteer = session.data?.role === 'admin';
  const jobs = useQuery({ queryKey: operatorKeys.queue, queryFn: operatorApi.queue });
  const steer = useMutation({
    mutationFn: ({ job, action }: { job: QueuedJob; action: QueueAction }) =>
      operatorApi.steer(job.id, action),
    onSettled: () => client.invalidateQueries({ queryKey: operatorKeys.queue }),
  });

  return (
    <section className="admin-section" aria-labelledby="queue-title">
      <h1 id="queue-title">{t('operator.queue.title')}</h1>
      <p className="hint">{t('operator.queue.hint')}</p>
      {(jobs.isError || steer.isError) && (
        <p className="alert" role="alert">
          {problemMessage(t, jobs.error ?? steer.error)}
        </p>
      )}
      {jobs.isSuccess && jobs.data.length === 0 && <p className="admin-empty">{t('operator.queue.empty')}</p>}
      {jobs.isSuccess && jobs.data.length > 0 && (
        <div className="admin-table-wrap">
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('operator.queue.kind')}</th>
                <th scope="col">{t('operator.queue.status')}</th>
                <th scope="col">{t('operator.queue.due')}</th>
                <th scope="col">{t('operator.queue.message')}</th>
                {canSteer && <th scope="col">{t('operator.queue.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {jobs.data.map((job) => (
                <tr key={job.id}>
                  <td data-label="#">{job.id}</td>
                  <td data-label={t('operator.queue.kind')}>
                    <code>{job.kind}</code>
                  </td>
                  <td data-label={t('operator.queue.status')}>
                    <div>
                      <span className={`tag tag-${job.status === 'failed' ? 'refused' : 'done'}`}>
                        {t(`operator.queue.statuses.${job.status}`, { defaultValue: job.status })}
                      </span>
                      <span className="admin-cell-sub">
                        {t('operator.queue.attempts', { count: job.attempts })}
                      </span>
                    </div>
                  </td>
                  <td data-label={t('operator.queue.due')}>{formatFullDate(job.runAt, i18n.language)}</td>
                  <td data-label={t('operator.queue.message')} className="admin-cell-wrap">
                    <div>
                      {job.reference ?? '—'}
                      <span className="admin-cell-sub">{job.recipients.join(', ')}</span>
                      {job.lastError !== null && <span className="admin-cell-sub">{job.lastError}</span>}
                    </div>
                  </td>
                  {canSteer && (
                    <td data-label={t('operator.queue.actions')}>
                      <span className="operator-buttons">
                        {(actionsFor[job.status] ?? []).map((action) => (
                          <button
                            key={action}
                            type="button"
                            className="button"
                            disabled={steer.isPending}
                            onClick={() => {
                              steer.mutate({ job, action });
                            }}
                          >
                            {t(`operator.queue.${action}`)}
                          </button>
                        ))}
                      </span>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
