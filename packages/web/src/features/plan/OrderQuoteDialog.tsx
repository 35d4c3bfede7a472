// The quote-and-confirm dialog of the Plan screen (decision 0041): before a renewal, extra space
// or plan change is ordered, what will be bought, its price now (prorated where it applies) and
// the expiry and space after it; refused in the holder's words when the order would be.
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { formatSize } from '../../i18n/format.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { Alert } from '../security/security-ui.tsx';
import { refusals, useOrderQuote, type QuoteRequest } from './plan-api.ts';

export function OrderQuoteDialog(props: {
  request: QuoteRequest | null;
  euro: (cents: number) => string;
  day: (iso: string | null) => string;
  busy: boolean;
  onConfirm: (request: QuoteRequest) => void;
  onClose: () => void;
}) {
  const { request, euro, day, busy, onConfirm, onClose } = props;
  const { t, i18n } = useTranslation();
  const quote = useOrderQuote(request);
  const problem =
    quote.error instanceof ApiError ? (quote.error.problem as { refusal?: string } | null) : null;
  const refusal = refusals.find((r) => r === problem?.refusal);
  const q = quote.data;
  const what =
    request === null
      ? ''
      : request.kind === 'renewal'
        ? t('plan.dialog.renewal', { count: request.years })
        : request.kind === 'extra-space'
          ? t('plan.dialog.space', { size: formatSize(request.bytes, i18n.language) })
          : t('plan.dialog.plan', { name: request.plan });
  return (
    <Dialog
      open={request !== null}
      title={t('plan.dialog.title')}
      closeLabel={t('plan.dialog.cancel')}
      onClose={onClose}
    >
      {request !== null && <p className="plan-quote-what">{what}</p>}
      {quote.isPending && request !== null && <p className="hint">{t('plan.dialog.quoting')}</p>}
      {quote.isError && (
        <Alert text={refusal === undefined ? t('plan.dialog.quoteError') : t(`plan.refusal.${refusal}`)} />
      )}
      {q !== undefined && (
        <dl className="plan-facts plan-quote">
          <dt>{t('plan.dialog.price')}</dt>
          <dd className="plan-quote-price">{euro(q.priceCents)}</dd>
          <dt>{t('plan.dialog.newExpiry')}</dt>
          <dd>{q.expiresAt === null ? t('plan.never') : day(q.expiresAt)}</dd>
          <dt>{t('plan.dialog.newQuota')}</dt>
          <dd>{formatSize(q.quotaBytes, i18n.language)}</dd>
        </dl>
      )}
      {q !== undefined && q.kind !== 'renewal' && <p className="hint">{t('plan.dialog.prorated')}</p>}
      <div className="dialog-actions plan-quote-actions">
        <button type="button" className="button" onClick={onClose}>
          {t('plan.dialog.cancel')}
        </button>
        <button
          type="button"
          className="button primary"
          disabled={busy || q === undefined || request === null}
          onClick={() => {
            if (request !== null) onConfirm(request);
          }}
        >
          {/* Nothing to pay (a move to a cheaper plan): no "pay €0.00". */}
          {q === undefined || q.priceCents === 0
            ? t('plan.dialog.confirm')
            : t('plan.dialog.confirmFor', { price: euro(q.priceCents) })}
        </button>
      </div>
    </Dialog>
  );
}
