// The receipts dossier of a sent PEC ("Receipts"): one timeline per recipient, from the provider's
// tracking (accepted → taken in charge → delivered / not delivered / 12 h warning / 24 h failure /
// virus), each step's receipt one click away.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useReceiptsDossier } from '../../api/queries.ts';
import type { ReceiptsDossier } from '../../api/contract.ts';
import { formatFullDate } from '../../i18n/format.ts';
import { problemMessage } from '../../ui/problem.ts';
import { messagePath } from './message-path.ts';

type Recipient = ReceiptsDossier['recipients'][number];

const stepTone: Record<string, string> = {
  accepted: 'neutral',
  'taken-in-charge': 'neutral',
  'timeout-12h': 'warning',
  delivered: 'success',
  error: 'danger',
  'timeout-24h': 'danger',
  virus: 'danger',
};

function Timeline({ recipient }: { recipient: Recipient }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="dossier-recipient">
      <p className="dossier-address">
        <strong>{recipient.address}</strong>
        <span className="pec-tag">{t(`pec.recipientKind.${recipient.kind}`)}</span>
        <span className={`pec-badge pec-tone-${stepTone[recipient.status] ?? 'neutral'}`}>
          {t(`pec.step.${recipient.status}`)}
        </span>
      </p>
      <ol className="dossier-steps">
        {recipient.steps.map((step) => (
          <li key={step.step} className={`dossier-step pec-tone-${stepTone[step.step] ?? 'neutral'}`}>
            <span className="dossier-step-name">{t(`pec.step.${step.step}`)}</span>
            <time dateTime={step.at}>{formatFullDate(step.at, i18n.language)}</time>
            {step.detail !== null && <span className="dossier-detail">{step.detail}</span>}
            {step.receipt === null ? (
              <span className="dossier-none">{t('pec.noReceipt')}</span>
            ) : (
              <Link to={messagePath(step.receipt.folderId, step.receipt.uid)}>
                {t('pec.openReceipt')}
                <span className="visually-hidden">
                  : {t(`pec.step.${step.step}`)}, {recipient.address}
                </span>
              </Link>
            )}
          </li>
        ))}
      </ol>
    </li>
  );
}

export function ReceiptsDossierView(props: { folderId: string; uid: number }) {
  const { t } = useTranslation();
  const dossier = useReceiptsDossier(props.folderId, props.uid, true);
  return (
    <section className="dossier" aria-labelledby="dossier-heading">
      <h3 id="dossier-heading">{t('pec.receipts')}</h3>
      <p className="pec-explain">{t('pec.receiptsIntro')}</p>
      {dossier.isError && (
        <p role="alert">
          {t('pec.receiptsLoadError')} {problemMessage(t, dossier.error)}
        </p>
      )}
      {dossier.data !== undefined && (
        <ul className="dossier-recipients">
          {dossier.data.recipients.map((recipient) => (
            <Timeline key={recipient.address} recipient={recipient} />
          ))}
        </ul>
      )}
    </section>
  );
}
