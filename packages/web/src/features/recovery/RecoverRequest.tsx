// /recover: the PEC address and the holder's tax code; the answer is the same whether they match or
// not (the server never says whether a box exists), so the page says "if they match".
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { problemMessage } from '../../ui/problem.ts';
import { recoveryApi } from './recovery-api.ts';
import { RecoveryCard } from './RecoveryCard.tsx';

type FieldErrors = {
  address?: 'recovery.addressRequired' | 'recovery.addressInvalid';
  taxCode?: 'recovery.taxCodeRequired' | 'recovery.taxCodeInvalid';
};

function validate(address: string, taxCode: string): FieldErrors {
  const errors: FieldErrors = {};
  if (address.trim() === '') errors.address = 'recovery.addressRequired';
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address.trim())) errors.address = 'recovery.addressInvalid';
  const code = taxCode.replace(/\s/g, '');
  if (code === '') errors.taxCode = 'recovery.taxCodeRequired';
  else if (!/^([A-Za-z0-9]{16}|(IT)?\d{11})$/i.test(code)) errors.taxCode = 'recovery.taxCodeInvalid';
  return errors;
}

export function RecoverRequest() {
  const { t } = useTranslation();
  const [address, setAddress] = useState('');
  const [taxCode, setTaxCode] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = validate(address, taxCode);
    setErrors(found);
    setFailure(null);
    if (found.address !== undefined || found.taxCode !== undefined) {
      document.getElementById(found.address !== undefined ? 'recover-address' : 'recover-tax-code')?.focus();
      return;
    }
    setBusy(true);
    try {
      await recoveryApi.ask(address.trim(), taxCode);
      setSent(true);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400)
        setErrors({ taxCode: 'recovery.taxCodeInvalid' });
      else setFailure(problemMessage(t, error));
    } finally {
      setBusy(false);
    }
  }

  if (sent)
    return (
      <RecoveryCard title={t('recovery.sentTitle')}>
        <p className="notice" role="status">
          {t('recovery.sent')}
        </p>
        <p className="recovery-hint">{t('recovery.sentHint')}</p>
        <p className="signin-forgot">
          <Link to="/signin">{t('recovery.backToSignIn')}</Link>
        </p>
      </RecoveryCard>
    );

  return (
    <RecoveryCard title={t('recovery.title')} subtitle={t('recovery.subtitle')}>
      {failure !== null && (
        <div className="alert" role="alert">
          <strong>{t('recovery.errorTitle')}</strong>
          <span>{failure}</span>
        </div>
      )}
      <form noValidate onSubmit={(event) => void submit(event)}>
        <div className="field">
          <label htmlFor="recover-address">{t('recovery.address')}</label>
          <input
            id="recover-address"
            name="username"
            type="email"
            autoComplete="username"
            inputMode="email"
            spellCheck={false}
            autoCapitalize="none"
            value={address}
            aria-invalid={errors.address !== undefined}
            aria-describedby={errors.address === undefined ? undefined : 'recover-address-error'}
            onChange={(event) => {
              setAddress(event.target.value);
            }}
          />
          {errors.address !== undefined && (
            <p id="recover-address-error" className="field-error">
              {t(errors.address)}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="recover-tax-code">{t('recovery.taxCode')}</label>
          <input
            id="recover-tax-code"
            name="taxCode"
            type="text"
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="characters"
            value={taxCode}
            aria-invalid={errors.taxCode !== undefined}
            aria-describedby={
              errors.taxCode === undefined ? 'recover-tax-code-hint' : 'recover-tax-code-error'
            }
            onChange={(event) => {
              setTaxCode(event.target.value);
            }}
          />
          {errors.taxCode === undefined ? (
            <p id="recover-tax-code-hint" className="hint">
              {t('recovery.taxCodeHint')}
            </p>
          ) : (
            <p id="recover-tax-code-error" className="field-error">
              {t(errors.taxCode)}
            </p>
          )}
        </div>
        <button type="submit" className="button primary wide" disabled={busy}>
          {busy ? t('recovery.submitting') : t('recovery.submit')}
        </button>
      </form>
      <p className="signin-forgot">
        <Link to="/signin">{t('recovery.backToSignIn')}</Link>
      </p>
    </RecoveryCard>
  );
}
