// Webhook deliveries (/admin/operator/webhooks): every holder's endpoints with their deliveries
// counted, failing ones first; an endpoint's log opens below it, with replay for admin (support
// reads only). The signing secrets are never shown here.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { json, request } from '../../api/client.ts';
import { formatFullDate } from '../../i18n/format.ts';
import { problemMessage } from '../../ui/problem.ts';
import { useAdminSession } from '../admin/admin-api.ts';
import { WebhookDeliveries } from '../integrations/WebhookDeliveries.tsx';
import type { WebhookDelivery, WebhookEndpoint } from '../integrations/integrations-api.ts';
import '../../styles/integrations.css';

interface EndpointRow extends WebhookEndpoint {
  address: string;
  pending: number;
  delivered: number;
  failed: number;
  lastFailureAt: string | null;
}

const base = '/admin/operator/webhooks';

export function OperatorWebhooks() {
  const { t, i18n } = useTranslation();
  const session = useAdminSession();
  const canReplay = session.data?.role === 'admin';
  const [open, setOpen] = useState<number | null>(null);
  const rows = useQuery({
    queryKey: ['operator', 'webhooks'],
    queryFn: () => json<EndpointRow[]>('GET', base),
  });
  return (
    <section className="admin-section" aria-labelledby="operator-webhooks-title">
      <h1 id="operator-webhooks-title">{t('integrations.console.title')}</h1>
      <p className="hint">{t('integrations.console.hint')}</p>
      {rows.isError && (
        <p className="alert" role="alert">
          {problemMessage(t, rows.error)}
        </p>
      )}
      {rows.isSuccess && rows.data.length === 0 && (
        <p className="admin-empty">{t('integrations.console.empty')}</p>
      )}
      {rows.isSuccess && rows.data.length > 0 && (
        <ul className="settings-list console-endpoints" aria-label={t('integrations.console.list')}>
          {rows.data.map((row) => {
            const failing = row.failed > 0 || row.lastFailureAt !== null;
            return (
              <li key={row.id} className="settings-item webhook-item">
                <div className="settings-item-main">
                  <strong className="webhook-url">{row.url}</strong>
                  {failing && <span className="tag tag-bad">{t('integrations.console.failing')}</span>}
                  {!row.enabled && <span className="tag">{t('integrations.disabled')}</span>}
                  <span className="meta">
                    {row.address} ·{' '}
                    {t('integrations.console.counts', {
                      delivered: row.delivered,
                      pending: row.pending,
                      failed: row.failed,
                    })}
                    {row.lastFailureAt !== null && (
                      <>
                        {' '}
                        ·{' '}
                        {t('integrations.console.lastFailure', {
                          date: formatFullDate(row.lastFailureAt, i18n.language),
                        })}
                      </>
                    )}
                  </span>
                </div>
                <button
                  type="button"
                  className="button"
                  aria-expanded={open === row.id}
                  aria-label={t('integrations.deliveriesNamed', { name: row.url })}
                  onClick={() => {
                    setOpen(open === row.id ? null : row.id);
                  }}
                >
                  {t('integrations.deliveries')}
                </button>
                {open === row.id && (
                  <div className="webhook-log">
                    <WebhookDeliveries
                      queryKey={['operator', 'webhooks', row.id]}
                      label={t('integrations.deliveriesNamed', { name: row.url })}
                      load={() => json<WebhookDelivery[]>('GET', `${base}/${String(row.id)}/deliveries`)}
                      {...(canReplay
                        ? {
                            replay: async (deliveryId: number) => {
                              await request(
                                'POST',
                                `${base}/${String(row.id)}/deliveries/${String(deliveryId)}/replay`,
                              );
                            },
                          }
                        : {})}
                    />
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
