// One webhook endpoint's delivery log (newest first): event, status, attempts, last answer, next
// retry, with a replay button per delivery. Shared by the holder's Integrations screen and the
// operator's console, which pass their own loader and replay.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatFullDate } from '../../i18n/format.ts';
import { problemMessage } from '../../ui/problem.ts';
import { eventKey, type WebhookDelivery } from './integrations-api.ts';

const statusTag = { pending: 'tag-warn', delivered: 'tag-ok', failed: 'tag-bad' } as const;

export function WebhookDeliveries(props: {
  queryKey: readonly unknown[];
  load: () => Promise<WebhookDelivery[]>;
  /** Absent: the log is read-only (operator support). */
  replay?: (deliveryId: number) => Promise<void>;
  label: string;
}) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const log = useQuery({
    queryKey: props.queryKey,
    queryFn: props.load,
    // A pending delivery changes on its own: look again while one waits.
    refetchInterval: (query) => ((query.state.data ?? []).some((d) => d.status === 'pending') ? 2000 : false),
  });
  const replay = useMutation({
    mutationFn: (deliveryId: number) => (props.replay ?? (() => Promise.resolve()))(deliveryId),
    onSettled: () => client.invalidateQueries({ queryKey: props.queryKey }),
  });
  const date = (iso: string) => formatFullDate(iso, i18n.language);
  const { replay: canReplay } = props;

  if (log.isPending) return <p className="hint">{t('app.loading')}</p>;
  if (log.isError)
    return (
      <p className="alert" role="alert">
        {problemMessage(t, log.error)}
      </p>
    );
  if (log.data.length === 0) return <p className="hint">{t('integrations.noDeliveries')}</p>;
  return (
    <div className="table-wrap">
      {replay.isError && (
        <p className="alert" role="alert">
          {problemMessage(t, replay.error)}
        </p>
      )}
      <table className="delivery-log" aria-label={props.label}>
        <thead>
          <tr>
            <th scope="col">{t('integrations.event')}</th>
            <th scope="col">{t('integrations.status')}</th>
            <th scope="col">{t('integrations.lastAnswer')}</th>
            <th scope="col">{t('integrations.nextRetry')}</th>
            {canReplay !== undefined && (
              <th scope="col">
                <span className="visually-hidden">{t('integrations.actions')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {log.data.map((delivery) => (
            <tr key={delivery.id}>
              <td data-label={t('integrations.event')}>
                <span className="delivery-event">{t(`integrations.events.${eventKey(delivery.type)}`)}</span>
                <span className="delivery-sub">{date(delivery.createdAt)}</span>
                <code className="delivery-sub">{delivery.webhookId}</code>
              </td>
              <td data-label={t('integrations.status')}>
                <span className={`tag ${statusTag[delivery.status]}`}>
                  {t(`integrations.deliveryStatus.${delivery.status}`)}
                </span>
                <span className="delivery-sub">
                  {t('integrations.attempts', { count: delivery.attempts })}
                </span>
              </td>
              <td data-label={t('integrations.lastAnswer')}>
                {delivery.lastAttemptAt === null ? (
                  '—'
                ) : (
                  <>
                    <span>
                      {delivery.lastStatus === null
                        ? t('integrations.noAnswer')
                        : t('integrations.httpStatus', { status: delivery.lastStatus })}
                    </span>
                    <span className="delivery-sub">{date(delivery.lastAttemptAt)}</span>
                    {delivery.lastError !== null && delivery.lastStatus === null && (
                      <span className="delivery-sub">{delivery.lastError}</span>
                    )}
                  </>
                )}
              </td>
              <td data-label={t('integrations.nextRetry')}>
                {delivery.status === 'pending' ? date(delivery.nextAttemptAt) : '—'}
              </td>
              {canReplay !== undefined && (
                <td>
                  <button
                    type="button"
                    className="button"
                    disabled={replay.isPending || delivery.status === 'pending'}
                    aria-label={t('integrations.replayNamed', {
                      event: t(`integrations.events.${eventKey(delivery.type)}`),
                      date: date(delivery.createdAt),
                    })}
                    onClick={() => {
                      replay.mutate(delivery.id);
                    }}
                  >
                    {t('integrations.replay')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
