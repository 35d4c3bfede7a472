// The health page (/admin/operator/health, admin and support): what /metrics says, summed up by
// the server from its own registry, with the warnings first.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatCount, formatFullDate, formatSize } from '../../i18n/format.ts';
import { problemMessage } from '../../ui/problem.ts';
import { operatorApi, operatorKeys } from './operator-api.ts';

function Counts({ title, counts }: { title: string; counts: Record<string, number> }) {
  const { t, i18n } = useTranslation();
  const entries = Object.entries(counts);
  return (
    <div className="operator-card">
      <h2>{title}</h2>
      {entries.length === 0 ? (
        <p className="admin-cell-sub">—</p>
      ) : (
        <dl className="operator-counts">
          {entries.map(([key, value]) => (
            <div key={key}>
              <dt>{key === '' ? '—' : t(`operator.health.labels.${key}`, { defaultValue: key })}</dt>
              <dd>{formatCount(value, i18n.language)}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

export function OperatorHealth() {
  const { t, i18n } = useTranslation();
  const health = useQuery({
    queryKey: operatorKeys.health,
    queryFn: operatorApi.health,
    refetchInterval: 30_000,
  });
  const data = health.data;
  return (
    <section className="admin-section" aria-labelledby="health-title">
      <h1 id="health-title">{t('operator.health.title')}</h1>
      <p className="hint">{t('operator.health.hint')}</p>
      {health.isError && (
        <p className="alert" role="alert">
          {problemMessage(t, health.error)}
        </p>
      )}
      {data !== undefined && (
        <>
          <p className="operator-status">
            <span className={`tag tag-${data.status === 'ok' ? 'done' : 'refused'}`}>
              {t(`operator.health.status.${data.status}`)}
            </span>{' '}
            <span className="admin-cell-sub">
              {t('operator.health.generated', { at: formatFullDate(data.generatedAt, i18n.language) })}
            </span>
          </p>
          {data.warnings.length > 0 && (
            <ul className="operator-warnings" aria-label={t('operator.health.warnings')}>
              {data.warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          )}
          <div className="operator-grid">
            <div className="operator-card">
              <h2>{t('operator.health.process')}</h2>
              <dl className="operator-counts">
                <div>
                  <dt>{t('operator.health.uptime')}</dt>
                  <dd>
                    {data.process.uptimeSeconds === null
                      ? '—'
                      : t('operator.health.minutes', { count: Math.round(data.process.uptimeSeconds / 60) })}
                  </dd>
                </div>
                <div>
                  <dt>{t('operator.health.memory')}</dt>
                  <dd>
                    {data.process.residentMemoryBytes === null
                      ? '—'
                      : formatSize(data.process.residentMemoryBytes, i18n.language)}
                  </dd>
                </div>
                <div>
                  <dt>{t('operator.health.oldestJob')}</dt>
                  <dd>
                    {data.queue.oldestWaitingSeconds === null
                      ? '—'
                      : t('operator.health.minutes', {
                          count: Math.round(data.queue.oldestWaitingSeconds / 60),
                        })}
                  </dd>
                </div>
              </dl>
            </div>
            <Counts title={t('operator.health.queue')} counts={data.queue.byStatus} />
            <Counts title={t('operator.health.connections')} counts={data.connectionsOpen} />
            <Counts title={t('operator.health.submissions')} counts={data.submissions} />
            <Counts title={t('operator.health.receptions')} counts={data.receptions} />
            <Counts title={t('operator.health.logins')} counts={data.logins} />
          </div>
        </>
      )}
    </section>
  );
}
