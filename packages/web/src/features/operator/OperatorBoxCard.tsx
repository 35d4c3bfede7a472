// The operator's holder card (/admin/operator/boxes/:address; admin and support read, admin
// changes): holder data, plan, space, the life dates of decision 0016 and the orders; suspension
// and reactivation, renewal by years, extra space and a plan change, each through box-life, which
// records the order it costs. Never a message.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatFullDate, formatSize } from '../../i18n/format.ts';
import { problemMessage } from '../../ui/problem.ts';
import { useAdminSession } from '../admin/admin-api.ts';
import { Usage } from '../admin/Usage.tsx';
import { operatorApi, operatorKeys, type BoxChange } from './operator-api.ts';
import { formatPrice, gigabyte } from './OperatorPlans.tsx';

function Field({ label, value }: { label: string; value: string | null }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value ?? '—'}</dd>
    </div>
  );
}

export function OperatorBoxCard() {
  const { t, i18n } = useTranslation();
  const { address = '' } = useParams();
  const client = useQueryClient();
  const session = useAdminSession();
  const canWrite = session.data?.role === 'admin';
  const [years, setYears] = useState('1');
  const [space, setSpace] = useState('1');
  const [plan, setPlan] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const card = useQuery({ queryKey: operatorKeys.box(address), queryFn: () => operatorApi.box(address) });
  const plans = useQuery({ queryKey: operatorKeys.plans, queryFn: operatorApi.plans, enabled: canWrite });
  const change = useMutation({
    mutationFn: (what: BoxChange) => operatorApi.changeBox(address, what),
    onMutate: () => {
      setDone(null);
    },
    onSuccess: (answer) => {
      setDone(
        answer.order === null
          ? t('operator.boxes.changed')
          : t('operator.boxes.ordered', {
              what: answer.order.description,
              amount: formatPrice(answer.order.amountCents, i18n.language),
            }),
      );
    },
    onSettled: () => client.invalidateQueries({ queryKey: operatorKeys.box(address) }),
  });
  const date = (iso: string | null) => (iso === null ? null : formatFullDate(iso, i18n.language));

  function submit(event: SubmitEvent<HTMLFormElement>, what: BoxChange) {
    event.preventDefault();
    change.mutate(what);
  }

  const back = (
    <Link className="button" to="/admin/operator/boxes">
      {t('operator.boxes.back')}
    </Link>
  );
  if (card.isError)
    return (
      <section className="admin-section">
        <p className="alert" role="alert">
          {problemMessage(t, card.error)}
        </p>
        {back}
      </section>
    );
  if (!card.isSuccess) return null;
  const { box, life, orders } = card.data;

  return (
    <>
      <section className="admin-section" aria-labelledby="operator-card-title">
        <div className="admin-heading">
          <div>
            <h1 id="operator-card-title">{box.address}</h1>
            <p className="hint">
              {box.holderName} ·{' '}
              <span className={`tag tag-${box.status}`}>
                {t(`admin.panel.statuses.${box.status}`, { defaultValue: box.status })}
              </span>
            </p>
          </div>
          <div className="admin-actions">
            {canWrite && box.status === 'active' && (
              <button
                type="button"
                className="button"
                disabled={change.isPending}
                onClick={() => {
                  change.mutate({ kind: 'status', status: 'suspended' });
                }}
              >
                {t('admin.card.suspend')}
              </button>
            )}
            {canWrite && box.status === 'suspended' && (
              <button
                type="button"
                className="button"
                disabled={change.isPending}
                onClick={() => {
                  change.mutate({ kind: 'status', status: 'active' });
                }}
              >
                {t('admin.card.reactivate')}
              </button>
            )}
            {back}
          </div>
        </div>
        {change.isError && (
          <p className="alert" role="alert">
            {problemMessage(t, change.error)}
          </p>
        )}
        {done !== null && (
          <p className="operator-ok" role="status">
            {done}
          </p>
        )}
        <dl className="admin-card-grid">
          <Field label={t('admin.card.holder')} value={box.holderName} />
          <Field label={t('admin.card.taxCode')} value={box.holderTaxCode} />
          <Field label={t('admin.card.contact')} value={box.contactEmail} />
          <Field label={t('admin.card.mobile')} value={box.mobile} />
          <Field label={t('admin.panel.plan')} value={box.plan} />
          <div>
            <dt>{t('admin.panel.space')}</dt>
            <dd>
              <Usage box={box} />
            </dd>
          </div>
          <Field
            label={t('operator.boxes.extraSpace')}
            value={life.extraQuotaBytes > 0 ? formatSize(life.extraQuotaBytes, i18n.language) : null}
          />
          <Field label={t('operator.boxes.state')} value={t(`operator.boxes.states.${life.state}`)} />
          <Field label={t('admin.card.activated')} value={date(box.activatedAt)} />
          <Field label={t('admin.panel.expires')} value={date(life.expiresAt) ?? t('admin.panel.never')} />
          <Field label={t('operator.boxes.deactivates')} value={date(life.deactivatesAt)} />
          <Field label={t('operator.boxes.deletes')} value={date(life.deletesAt)} />
          <Field
            label={t('operator.boxes.autoRenew')}
            value={life.autoRenew ? t('operator.boxes.yes') : t('operator.boxes.no')}
          />
          <Field
            label={t('admin.panel.lastSignIn')}
            value={date(box.lastLoginAt) ?? t('admin.panel.neverSignedIn')}
          />
        </dl>
      </section>
      {canWrite && (
        <section className="admin-section" aria-labelledby="operator-orders-title">
          <h2 id="operator-orders-title">{t('operator.boxes.changes')}</h2>
          <div className="operator-forms">
            <form
              className="admin-filters"
              aria-label={t('operator.boxes.renew')}
              onSubmit={(event) => {
                submit(event, { kind: 'renewal', years: Number(years) });
              }}
            >
              <label htmlFor="operator-renew-years">{t('operator.boxes.years')}</label>
              <select
                id="operator-renew-years"
                value={years}
                onChange={(event) => {
                  setYears(event.target.value);
                }}
              >
                {['1', '2', '3', '5'].map((value) => (
                  <option key={value} value={value}>
                    {t('operator.boxes.yearsCount', { count: Number(value) })}
                  </option>
                ))}
              </select>
              <button type="submit" className="button" disabled={change.isPending}>
                {t('operator.boxes.renew')}
              </button>
            </form>
            <form
              className="admin-filters"
              aria-label={t('operator.boxes.addSpace')}
              onSubmit={(event) => {
                submit(event, { kind: 'space', bytes: Number(space) * gigabyte });
              }}
            >
              <label htmlFor="operator-space">{t('operator.boxes.gigabytes')}</label>
              <select
                id="operator-space"
                value={space}
                onChange={(event) => {
                  setSpace(event.target.value);
                }}
              >
                {['1', '2', '5', '10'].map((value) => (
                  <option key={value} value={value}>
                    {formatSize(Number(value) * gigabyte, i18n.language)}
                  </option>
                ))}
              </select>
              <button type="submit" className="button" disabled={change.isPending}>
                {t('operator.boxes.addSpace')}
              </button>
            </form>
            <form
              className="admin-filters"
              aria-label={t('operator.boxes.changePlan')}
              onSubmit={(event) => {
                submit(event, { kind: 'plan', plan });
              }}
            >
              <label htmlFor="operator-plan">{t('admin.panel.plan')}</label>
              <select
                id="operator-plan"
                value={plan}
                onChange={(event) => {
                  setPlan(event.target.value);
                }}
              >
                <option value="">{t('operator.boxes.choosePlan')}</option>
                {(plans.data ?? [])
                  .filter((p) => p.name !== box.plan)
                  .map((p) => (
                    <option key={p.name} value={p.name}>
                      {p.name} · {formatPrice(p.priceCents, i18n.language)}
                    </option>
                  ))}
              </select>
              <button type="submit" className="button" disabled={change.isPending || plan === ''}>
                {t('operator.boxes.changePlan')}
              </button>
            </form>
          </div>
        </section>
      )}
      <section className="admin-section" aria-labelledby="operator-order-list-title">
        <h2 id="operator-order-list-title">{t('operator.boxes.orders')}</h2>
        {orders.length === 0 ? (
          <p className="admin-empty">{t('operator.boxes.noOrders')}</p>
        ) : (
          <div className="admin-table-wrap">
            <table className="admin-table">
              <thead>
                <tr>
                  <th scope="col">{t('operator.boxes.orderDate')}</th>
                  <th scope="col">{t('operator.boxes.order')}</th>
                  <th scope="col">{t('operator.boxes.orderStatus')}</th>
                  <th scope="col" className="admin-num">
                    {t('operator.plans.price')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {orders.map((order) => (
                  <tr key={order.id}>
                    <td data-label={t('operator.boxes.orderDate')}>
                      {formatFullDate(order.createdAt, i18n.language)}
                    </td>
                    <td data-label={t('operator.boxes.order')} className="admin-cell-wrap">
                      <div>
                        <span className="admin-cell-strong">{t(`operator.boxes.kinds.${order.kind}`)}</span>
                        <span className="admin-cell-sub">{order.description}</span>
                      </div>
                    </td>
                    <td data-label={t('operator.boxes.orderStatus')}>
                      <span className={`tag tag-${order.status === 'paid' ? 'done' : 'refused'}`}>
                        {t(`operator.boxes.orderStatuses.${order.status}`)}
                      </span>
                    </td>
                    <td data-label={t('operator.plans.price')} className="admin-num">
                      {formatPrice(order.amountCents, i18n.language)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
