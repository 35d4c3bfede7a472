// Where an order stands with the billing system (decision 0041), on the Plan screen: right after
// ordering (following the payment URL when the system gives one) and on the holder's return from
// paying (`?order=<id>`). With the built-in ledger there is no payment: the order waits.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrderPayment } from './plan-api.ts';

export function PaymentState(props: { orderId: number; follow: boolean }) {
  const { orderId, follow } = props;
  const { t } = useTranslation();
  const payment = useOrderPayment(orderId);
  const data = payment.data;
  const url = data?.payment?.status === 'pending' ? data.payment.paymentUrl : null;
  useEffect(() => {
    if (follow && url !== null && data?.orderStatus === 'open') window.location.assign(url);
  }, [follow, url, data?.orderStatus]);
  if (data === undefined) return null;
  const state =
    data.orderStatus === 'paid'
      ? 'paid'
      : data.orderStatus === 'cancelled'
        ? 'cancelled'
        : (data.payment?.status ?? 'ledger');
  return (
    <p className={`plan-payment plan-payment-${state}`} role="status" aria-live="polite">
      <span className={`tag plan-status-${state === 'paid' ? 'paid' : 'open'}`}>
        {t(`plan.payment.${state}`, { id: orderId })}
      </span>
      {state === 'declined' && data.payment?.detail != null && ` ${data.payment.detail}`}
      {url !== null && (
        <>
          {' '}
          <a href={url}>{t('plan.payment.payNow')}</a>
        </>
      )}
    </p>
  );
}
