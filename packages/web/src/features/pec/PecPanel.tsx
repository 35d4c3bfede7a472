// The PEC panel of the reader ("PEC details"): what the message is in plain words, the signature
// check, the certification data (daticert.xml) and, for a PEC the holder sent, its receipts
// dossier and the evidence download; a receipt links back to the message it proves. Collapsible:
// folded at first on a phone, where the message itself comes first.
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { evidenceUrl } from '../../api/client.ts';
import type { Message, PecDetails } from '../../api/contract.ts';
import { usePecDetails } from '../../api/queries.ts';
import { formatFullDate } from '../../i18n/format.ts';
import { Icon } from '../../ui/Icon.tsx';
import { problemMessage } from '../../ui/problem.ts';
import { messagePath } from './message-path.ts';
import { ReceiptsDossierView } from './ReceiptsDossierView.tsx';
import './pec.css';

/** Phones show the message first: the panel starts folded there. */
const phoneQuery = '(max-width: 767px)';

function startsOpen(): boolean {
  return typeof window.matchMedia !== 'function' || !window.matchMedia(phoneQuery).matches;
}

function Fact(props: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </>
  );
}

function SignatureFacts({ details }: { details: PecDetails }) {
  const { t, i18n } = useTranslation();
  const s = details.signature;
  const yesNo = (value: boolean | null) =>
    value === null ? t('pec.notChecked') : value ? t('pec.yes') : t('pec.no');
  const state = !s.present ? 'absent' : s.valid ? 'valid' : 'invalid';
  const label = {
    valid: t('pec.signatureValid'),
    invalid: t('pec.signatureInvalid'),
    absent: t('pec.signatureAbsent'),
  }[state];
  return (
    <div className="pec-block">
      <h3>{t('pec.signature')}</h3>
      <p className={`pec-badge pec-badge-${state}`}>{label}</p>
      {s.present && (
        <dl className="pec-facts">
          {s.signer !== null && <Fact label={t('pec.signer')}>{s.signer}</Fact>}
          <Fact label={t('pec.provider')}>{s.provider ?? t('pec.providerUnknown')}</Fact>
          {s.signingTime !== null && (
            <Fact label={t('pec.signedAt')}>
              <time dateTime={s.signingTime}>{formatFullDate(s.signingTime, i18n.language)}</time>
            </Fact>
          )}
          <Fact label={t('pec.certificateAtSigning')}>{yesNo(s.certificateValidAtSigningTime)}</Fact>
          <Fact label={t('pec.chain')}>
            {s.chainValid === null
              ? t('pec.notChecked')
              : t(s.chainValid ? 'pec.chainValue.valid' : 'pec.chainValue.invalid')}
          </Fact>
          <Fact label={t('pec.revocation')}>
            {s.revocation === null ? t('pec.notChecked') : <RevocationAnswer revocation={s.revocation} />}
          </Fact>
        </dl>
      )}
    </div>
  );
}

/** "Not revoked · CRL of 7 Dec 2026, 10:30:00", the source's URL as a tooltip (decision 0009). */
function RevocationAnswer({
  revocation,
}: {
  revocation: NonNullable<PecDetails['signature']['revocation']>;
}) {
  const { t, i18n } = useTranslation();
  const status = t(`pec.revocationStatus.${revocation.status as 'good' | 'revoked' | 'unknown'}`);
  const source = t(`pec.revocationSource.${revocation.source as 'crl' | 'ocsp' | 'none'}`);
  return (
    <span className="pec-revocation" title={revocation.detail ?? undefined}>
      <span className={`pec-revocation-${revocation.status}`}>{status}</span>
      {revocation.revokedAt !== null && revocation.status === 'revoked' && (
        <> ({t('pec.revokedOn', { date: formatFullDate(revocation.revokedAt, i18n.language) })})</>
      )}
      <span className="pec-revocation-source">
        {' · '}
        {t('pec.revocationAnswer', { source, date: formatFullDate(revocation.checkedAt, i18n.language) })}
      </span>
    </span>
  );
}

function DaticertFacts({ daticert }: { daticert: NonNullable<PecDetails['daticert']> }) {
  const { t } = useTranslation();
  const when = [daticert.day, daticert.time, daticert.zone === null ? null : `(${daticert.zone})`]
    .filter((part) => part !== null)
    .join(' ');
  const error =
    daticert.error !== null && daticert.error !== 'nessuno'
      ? [daticert.error, daticert.extendedError].filter((part) => part !== null).join(' — ')
      : daticert.extendedError;
  return (
    <div className="pec-block">
      <h3>{t('pec.certification')}</h3>
      <dl className="pec-facts">
        {daticert.sender !== null && <Fact label={t('pec.sender')}>{daticert.sender}</Fact>}
        {daticert.recipients.length > 0 && (
          <Fact label={t('pec.recipients')}>
            <ul className="pec-recipients">
              {daticert.recipients.map((r) => (
                <li key={r.address}>
                  {r.address}
                  {r.kind !== null && (
                    <span className="pec-tag">
                      {t(`pec.recipientKind.${r.kind as 'certificato' | 'esterno'}`)}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </Fact>
        )}
        {when !== '' && <Fact label={t('pec.dateTime')}>{when}</Fact>}
        {daticert.identifier !== null && (
          <Fact label={t('pec.identifier')}>
            <code>{daticert.identifier}</code>
          </Fact>
        )}
        {daticert.msgid !== null && (
          <Fact label={t('pec.msgid')}>
            <code>{daticert.msgid}</code>
          </Fact>
        )}
        {daticert.receiptVariant !== null && (
          <Fact label={t('pec.variantLabel')}>
            {t(`pec.variant.${daticert.receiptVariant as 'completa' | 'breve' | 'sintetica'}`)}
          </Fact>
        )}
        {daticert.delivery !== null && <Fact label={t('pec.deliveredTo')}>{daticert.delivery}</Fact>}
        {error !== null && <Fact label={t('pec.error')}>{error}</Fact>}
      </dl>
    </div>
  );
}

function PanelBody({ message, details }: { message: Message; details: PecDetails }) {
  const { t, i18n } = useTranslation();
  const sent = details.sent;
  const problems = [...details.errors, ...(details.daticert?.problems ?? [])];
  const evidenceFrom = sent !== null ? message : details.proves;
  // The certification data lists the receipt type when daticert carries it; the tag is for the rest.
  const variantTag = details.daticert?.receiptVariant == null ? details.receiptVariant : null;
  return (
    <>
      {sent !== null ? (
        <p className="pec-explain">
          {t('pec.sentExplain', { date: formatFullDate(sent.acceptedAt, i18n.language) })}
        </p>
      ) : (
        <p className="pec-explain">{t(`pecExplain.${message.pecType}`)}</p>
      )}
      {details.kind === 'posta-certificata' && <p className="pec-explain">{t('pec.envelopeNote')}</p>}
      {(variantTag !== null || details.virus) && (
        <p className="pec-tags">
          {variantTag !== null && (
            <span className="pec-tag">
              {t('pec.variantLabel')}: {t(`pec.variant.${variantTag}`)}
            </span>
          )}
          {details.virus && <span className="pec-tag pec-tag-danger">{t('pec.virus')}</span>}
        </p>
      )}
      {details.proves !== null && (
        <p className="pec-proves">
          {t('pec.proves')}{' '}
          <Link to={messagePath(details.proves.folderId, details.proves.uid)}>
            {details.proves.subject || t('list.noSubject')}
          </Link>
        </p>
      )}
      {sent === null && <SignatureFacts details={details} />}
      {details.daticert !== null && <DaticertFacts daticert={details.daticert} />}
      {problems.length > 0 && (
        <div className="pec-block">
          <h3>{t('pec.problems')}</h3>
          <ul className="pec-problems">
            {problems.map((problem, index) => (
              <li key={`${String(index)}-${problem}`}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
      {evidenceFrom !== null && (
        <p className="pec-evidence">
          <a
            className="button"
            href={evidenceUrl(evidenceFrom.folderId, evidenceFrom.uid)}
            download
            title={t('pec.evidenceHint')}
          >
            <Icon name="archive" size={18} />
            {t('pec.downloadEvidence')}
          </a>
          <span className="pec-evidence-hint">{t('pec.evidenceHint')}</span>
        </p>
      )}
    </>
  );
}

export function PecPanel({ message }: { message: Message }) {
  const { t } = useTranslation();
  const details = usePecDetails(message.folderId, message.uid);
  const [open, setOpen] = useState(startsOpen);
  const bodyId = useId();
  const sent = details.data?.sent ?? null;
  const title =
    sent !== null
      ? t('pec.sentKind')
      : t(`pec.kind.${details.data === undefined ? message.pecType : details.data.kind}`);
  return (
    <>
      <section className={`pec-panel pec-${message.pecType}`} aria-label={t('pec.details')}>
        <Icon name="seal" size={22} />
        <div className="pec-panel-main">
          <div className="pec-panel-head">
            <p className="pec-type">{title}</p>
            <button
              type="button"
              className="button ghost pec-toggle"
              aria-expanded={open}
              aria-controls={bodyId}
              onClick={() => {
                setOpen(!open);
              }}
            >
              {open ? t('pec.hide') : t('pec.show')}
              <span className="visually-hidden"> {t('pec.details')}</span>
            </button>
          </div>
          <div id={bodyId} hidden={!open}>
            {details.isError && (
              <p className="pec-explain" role="alert">
                {t('pec.loadError')} {problemMessage(t, details.error)}
              </p>
            )}
            {details.data === undefined ? (
              !details.isError && <p className="pec-explain">{t(`pecExplain.${message.pecType}`)}</p>
            ) : (
              <PanelBody message={message} details={details.data} />
            )}
          </div>
        </div>
      </section>
      {sent !== null && <ReceiptsDossierView folderId={message.folderId} uid={message.uid} />}
    </>
  );
}
