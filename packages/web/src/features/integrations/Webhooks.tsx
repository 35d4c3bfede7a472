// The holder's webhook endpoints: add one (URL, events) and see its signing secret this once,
// the list with disable/enable, delete and "send test event", and each endpoint's delivery log
// with replay. Signatures follow Standard Webhooks (docs/api-integration.md).
import { useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { Alert, field, useFailure } from '../security/security-ui.tsx';
import { CopySecret } from './CopySecret.tsx';
import {
  eventKey,
  integrationKeys,
  integrationsApi,
  useWebhooks,
  webhookEvents,
  type WebhookEndpoint,
} from './integrations-api.ts';
import { WebhookDeliveries } from './WebhookDeliveries.tsx';

function Endpoint({ endpoint, onError }: { endpoint: WebhookEndpoint; onError: (e: unknown) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: integrationKeys.webhooks });
  const logKey = integrationKeys.deliveries(endpoint.id);
  const name = endpoint.description ?? endpoint.url;
  return (
    <li className="settings-item webhook-item">
      <div className="settings-item-main">
        <strong className="webhook-url">{endpoint.url}</strong>
        {!endpoint.enabled && <span className="tag tag-bad">{t('integrations.disabled')}</span>}
        <span className="meta">
          {endpoint.description !== null && <>{endpoint.description} · </>}
          {endpoint.events.map((type) => t(`integrations.events.${eventKey(type)}`)).join(', ')}
        </span>
      </div>
      <span className="actions">
        <button
          type="button"
          className="button"
          aria-expanded={open}
          aria-label={t('integrations.deliveriesNamed', { name })}
          onClick={() => {
            setOpen(!open);
          }}
        >
          {t('integrations.deliveries')}
        </button>
        <button
          type="button"
          className="button"
          aria-label={t('integrations.sendTestNamed', { name })}
          onClick={() => {
            setNote(null);
            integrationsApi
              .sendTest(endpoint.id)
              .then(async () => {
                setOpen(true);
                setNote(endpoint.enabled ? t('integrations.testQueued') : t('integrations.testWaits'));
                await client.invalidateQueries({ queryKey: logKey });
              })
              .catch(onError);
          }}
        >
          {t('integrations.sendTest')}
        </button>
        <button
          type="button"
          className="button"
          aria-label={t(endpoint.enabled ? 'integrations.disableNamed' : 'integrations.enableNamed', {
            name,
          })}
          onClick={() => {
            integrationsApi.setEnabled(endpoint.id, !endpoint.enabled).then(refresh).catch(onError);
          }}
        >
          {endpoint.enabled ? t('integrations.disable') : t('integrations.enable')}
        </button>
        <button
          type="button"
          className="button button-remove"
          aria-label={t('integrations.deleteNamed', { name })}
          onClick={() => {
            setConfirming(true);
          }}
        >
          {t('integrations.delete')}
        </button>
      </span>
      {note !== null && (
        <p className="notice webhook-note" role="status">
          {note}
        </p>
      )}
      {open && (
        <div className="webhook-log">
          <h3>{t('integrations.deliveriesTitle')}</h3>
          <WebhookDeliveries
            queryKey={logKey}
            label={t('integrations.deliveriesNamed', { name })}
            load={() => integrationsApi.deliveries(endpoint.id).then((r) => r.deliveries)}
            replay={(deliveryId) => integrationsApi.replay(endpoint.id, deliveryId)}
          />
        </div>
      )}
      <ConfirmDialog
        confirmation={
          confirming
            ? {
                title: t('integrations.deleteTitle'),
                body: t('integrations.deleteBody', { url: endpoint.url }),
                confirmLabel: t('integrations.delete'),
                run: () => {
                  integrationsApi.deleteWebhook(endpoint.id).then(refresh).catch(onError);
                },
              }
            : null
        }
        cancelLabel={t('integrations.cancel')}
        onClose={() => {
          setConfirming(false);
        }}
      />
    </li>
  );
}

export function Webhooks() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const list = useWebhooks();
  const failure = useFailure();
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onError = (caught: unknown) => {
    setError(failure(caught, 'security.wrongPassword'));
  };

  function create(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const url = field(data, 'url').trim();
    const description = field(data, 'description').trim();
    const events = data.getAll('event').filter((e): e is string => typeof e === 'string');
    setError(null);
    if (!/^https?:\/\/./i.test(url)) {
      setError(t('integrations.urlInvalid'));
      return;
    }
    if (events.length === 0) {
      setError(t('integrations.eventsRequired'));
      return;
    }
    setBusy(true);
    integrationsApi
      .createWebhook({ url, events, ...(description === '' ? {} : { description }) })
      .then(async (result) => {
        setCreated({ url: result.url, secret: result.secret });
        form.reset();
        await client.invalidateQueries({ queryKey: integrationKeys.webhooks });
      })
      .catch(onError)
      .finally(() => {
        setBusy(false);
      });
  }

  const endpoints = list.data?.webhooks ?? [];
  return (
    <section className="settings-section" aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">{t('integrations.webhooksTitle')}</h2>
      <p className="hint">{t('integrations.webhooksHint')}</p>
      {list.isError && <Alert text={t('security.loadError')} />}
      {created !== null && (
        <CopySecret
          title={t('integrations.newWebhook', { url: created.url })}
          secret={created.secret}
          hint={t('integrations.newWebhookHint')}
          testId="webhook-secret"
        />
      )}
      {list.isSuccess && endpoints.length === 0 && <p className="hint">{t('integrations.noWebhooks')}</p>}
      <ul className="settings-list" aria-label={t('integrations.webhookList')}>
        {endpoints.map((endpoint) => (
          <Endpoint key={endpoint.id} endpoint={endpoint} onError={onError} />
        ))}
      </ul>
      <Alert text={error} />
      <form className="narrow-form" onSubmit={create} noValidate>
        <h3>{t('integrations.createWebhookTitle')}</h3>
        <div className="field">
          <label htmlFor="webhook-url">{t('integrations.url')}</label>
          <input
            id="webhook-url"
            name="url"
            type="url"
            inputMode="url"
            autoCapitalize="none"
            spellCheck={false}
            placeholder="https://erp.example.it/pec-events"
            aria-describedby="webhook-url-hint"
          />
          <p id="webhook-url-hint" className="hint">
            {t('integrations.urlHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor="webhook-description">{t('integrations.description')}</label>
          <input id="webhook-description" name="description" type="text" maxLength={200} />
        </div>
        <fieldset className="choice-group">
          <legend className="field-legend">{t('integrations.eventsLegend')}</legend>
          {webhookEvents.map((type) => (
            <label key={type} className="choice">
              <input type="checkbox" name="event" value={type} defaultChecked />
              <span>
                <strong>{t(`integrations.events.${eventKey(type)}`)}</strong>
                <span className="choice-hint">{t(`integrations.eventHints.${eventKey(type)}`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button primary" disabled={busy}>
          {t('integrations.createWebhook')}
        </button>
      </form>
    </section>
  );
}
