// The "Plan and renewal" settings screen (/settings/plan, decision 0038): the plan, its dates and
// life stage, the space used, automatic renewal, renewal for some years, extra space with the
// prorated price shown before buying, a plan change up or down, and the box's orders. Each order is
// quoted and confirmed in a dialog first, then followed to the billing system (decision 0041).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatSize } from '../../i18n/format.ts';
import { Alert } from '../security/security-ui.tsx';
import { SettingsFrame } from '../settings/SettingsFrame.tsx';
import {
  gib,
  useOrders,
  usePlan,
  usePlanAction,
  usePlans,
  orderCall,
  useSpaceQuote,
  type FullPlan,
  type QuoteRequest,
} from './plan-api.ts';
import { OrderQuoteDialog } from './OrderQuoteDialog.tsx';
import { PaymentState } from './PaymentState.tsx';
import '../../styles/plan.css';

function useEuro() {
  const { i18n } = useTranslation();
  return (cents: number) =>
    new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** A day without the time: the plan's dates are days (decision 0016). */
function formatDay(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso));
}

function Stage({ p }: { p: FullPlan }) {
  const { t, i18n } = useTranslation();
  const date = (iso: string | null) => (iso === null ? '—' : formatDay(iso, i18n.language));
  if (p.state === 'active') return <>{t('plan.stageActive')}</>;
  if (p.state === 'expired') return <>{t('plan.stageExpired', { date: date(p.deactivatesAt) })}</>;
  return <>{t('plan.stageDeactivated', { date: date(p.deletesAt) })}</>;
}

export function PlanRenewal() {
  const { t, i18n } = useTranslation();
  const euro = useEuro();
  const plan = usePlan();
  const plans = usePlans();
  const orders = useOrders();
  const { act, error, done, busy } = usePlanAction();
  const [years, setYears] = useState(1);
  const [extraGib, setExtraGib] = useState(1);
  const [target, setTarget] = useState('');
  const [request, setRequest] = useState<QuoteRequest | null>(null);
  // The order just made (followed to the payment page), or the one the holder comes back from.
  const [ordered, setOrdered] = useState<{ id: number; follow: boolean } | null>(() => {
    const back = Number(new URLSearchParams(window.location.search).get('order'));
    return Number.isSafeInteger(back) && back > 0 ? { id: back, follow: false } : null;
  });
  const confirm = (quoted: QuoteRequest) => {
    const [path, body] = orderCall(quoted);
    const message =
      quoted.kind === 'renewal'
        ? t('plan.renewed')
        : quoted.kind === 'extra-space'
          ? t('plan.spaceBought')
          : t('plan.changed', { name: quoted.plan });
    setRequest(null);
    act(path, body, message, (order) => {
      setOrdered(order === null ? null : { id: order.id, follow: order.status === 'open' });
    });
  };
  const quote = useSpaceQuote(extraGib > 0 ? extraGib * gib : 0);
  const p = plan.data;
  const date = (iso: string | null) => (iso === null ? '—' : formatDay(iso, i18n.language));
  const others = (plans.data?.plans ?? []).filter((o) => o.name !== p?.plan?.name);
  const chosen = others.find((o) => o.name === target) ?? others[0];

  return (
    <SettingsFrame titleId="plan-title">
      <h1 id="plan-title">{t('plan.title')}</h1>
      <Alert text={error} />
      <Alert text={done} kind="status" />
      {ordered !== null && <PaymentState orderId={ordered.id} follow={ordered.follow} />}
      <OrderQuoteDialog
        request={request}
        euro={euro}
        day={date}
        busy={busy}
        onConfirm={confirm}
        onClose={() => {
          setRequest(null);
        }}
      />
      {plan.isError && <Alert text={t('security.loadError')} />}
      {p !== undefined && (
        <section className="settings-section" aria-labelledby="plan-current-title">
          <h2 id="plan-current-title">{t('plan.current')}</h2>
          <dl className="plan-facts">
            <dt>{t('plan.name')}</dt>
            <dd>{p.plan?.name ?? t('plan.none')}</dd>
            {p.plan !== null && (
              <>
                <dt>{t('plan.quota')}</dt>
                <dd>{formatSize(p.plan.boxQuotaBytes, i18n.language)}</dd>
                <dt>{t('plan.archiveQuota')}</dt>
                <dd>{formatSize(p.plan.archiveQuotaBytes, i18n.language)}</dd>
                <dt>{t('plan.sms')}</dt>
                <dd>{p.plan.smsIncluded ? t('plan.yes') : t('plan.no')}</dd>
                <dt>{t('plan.price')}</dt>
                <dd>
                  {t('plan.pricePer', { price: euro(p.plan.priceCents), count: p.plan.durationMonths })}
                </dd>
              </>
            )}
            <dt>{t('plan.activated')}</dt>
            <dd>{date(p.activatedAt)}</dd>
            <dt>{t('plan.expires')}</dt>
            <dd>{p.expiresAt === null ? t('plan.never') : date(p.expiresAt)}</dd>
            <dt>{t('plan.stage')}</dt>
            <dd>
              <Stage p={p} />
            </dd>
            <dt>{t('plan.space')}</dt>
            <dd>
              {t('plan.spaceUsed', {
                used: formatSize(p.usedBytes, i18n.language),
                quota: formatSize(p.quotaBytes, i18n.language),
              })}
              {p.extraQuotaBytes > 0 &&
                ` · ${t('plan.extra', { size: formatSize(p.extraQuotaBytes, i18n.language) })}`}
            </dd>
          </dl>
          <label className="check">
            <input
              type="checkbox"
              checked={p.autoRenew}
              disabled={busy}
              onChange={(event) => {
                const on = event.target.checked;
                act('/account/auto-renew', { on }, on ? t('plan.autoOn') : t('plan.autoOff'));
              }}
            />
            <span>{t('plan.autoRenew')}</span>
          </label>
        </section>
      )}

      <section className="settings-section" aria-labelledby="plan-renew-title">
        <h2 id="plan-renew-title">{t('plan.renewTitle')}</h2>
        <p className="hint">{t('plan.renewHint')}</p>
        <div className="plan-row">
          <label htmlFor="plan-years">{t('plan.years')}</label>
          <select
            id="plan-years"
            value={years}
            onChange={(event) => {
              setYears(Number(event.target.value));
            }}
          >
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>
                {t('plan.yearCount', { count: n })}
              </option>
            ))}
          </select>
          {p?.plan != null && (
            <span className="meta">
              {euro(Math.round((p.plan.priceCents * years * 12) / Math.max(1, p.plan.durationMonths)))}
            </span>
          )}
          <button
            type="button"
            className="button primary"
            disabled={busy}
            onClick={() => {
              setRequest({ kind: 'renewal', years });
            }}
          >
            {t('plan.renew')}
          </button>
        </div>
      </section>

      <section className="settings-section" aria-labelledby="plan-space-title">
        <h2 id="plan-space-title">{t('plan.spaceTitle')}</h2>
        <div className="plan-row">
          <label htmlFor="plan-extra">{t('plan.extraSize')}</label>
          <input
            id="plan-extra"
            type="number"
            min={1}
            max={1024}
            value={extraGib}
            onChange={(event) => {
              setExtraGib(Math.max(0, Math.floor(Number(event.target.value))));
            }}
          />
          {quote.data !== undefined && extraGib > 0 && (
            <span className="meta" aria-live="polite">
              {t('plan.quote', { price: euro(quote.data.priceCents), date: date(quote.data.until) })}
            </span>
          )}
          <button
            type="button"
            className="button primary"
            disabled={busy || quote.data === undefined || extraGib < 1}
            onClick={() => {
              setRequest({ kind: 'extra-space', bytes: extraGib * gib });
            }}
          >
            {quote.data === undefined
              ? t('plan.buy')
              : t('plan.buyFor', { price: euro(quote.data.priceCents) })}
          </button>
        </div>
      </section>

      <section className="settings-section" aria-labelledby="plan-change-title">
        <h2 id="plan-change-title">{t('plan.changeTitle')}</h2>
        <p className="hint">{t('plan.changeHint')}</p>
        {chosen !== undefined && (
          <div className="plan-row">
            <label htmlFor="plan-target">{t('plan.target')}</label>
            <select
              id="plan-target"
              value={chosen.name}
              onChange={(event) => {
                setTarget(event.target.value);
              }}
            >
              {others.map((o) => (
                <option key={o.name} value={o.name}>
                  {t('plan.option', {
                    name: o.name,
                    size: formatSize(o.boxQuotaBytes, i18n.language),
                    price: euro(o.priceCents),
                  })}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => {
                setRequest({ kind: 'plan-change', plan: chosen.name });
              }}
            >
              {t('plan.change')}
            </button>
          </div>
        )}
      </section>

      <section className="settings-section" aria-labelledby="plan-orders-title">
        <h2 id="plan-orders-title">{t('plan.ordersTitle')}</h2>
        {(orders.data?.orders ?? []).length === 0 ? (
          <p className="hint empty-note">{t('plan.noOrders')}</p>
        ) : (
          <div className="plan-orders-wrap">
            {/* Explicit roles: on a phone the rows are laid out as cards (plan.css), which would
                otherwise drop the table's semantics in Chromium and WebKit. */}
            <table className="plan-orders" role="table">
              <thead role="rowgroup">
                <tr role="row">
                  <th scope="col" role="columnheader">
                    {t('plan.orderDate')}
                  </th>
                  <th scope="col" role="columnheader">
                    {t('plan.orderWhat')}
                  </th>
                  <th scope="col" role="columnheader">
                    {t('plan.orderAmount')}
                  </th>
                  <th scope="col" role="columnheader">
                    {t('plan.orderStatus')}
                  </th>
                </tr>
              </thead>
              <tbody role="rowgroup">
                {(orders.data?.orders ?? []).map((o) => (
                  <tr key={o.id} role="row">
                    <td role="cell" className="plan-order-date">
                      {date(o.createdAt)}
                    </td>
                    <td role="cell" className="plan-order-what">
                      {t(`plan.kind.${o.kind}`)}
                    </td>
                    <td role="cell" className="plan-order-amount">
                      {euro(o.amountCents)}
                    </td>
                    <td role="cell" className="plan-order-status">
                      <span className={`tag plan-status-${o.status}`}>{t(`plan.status.${o.status}`)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </SettingsFrame>
  );
}
