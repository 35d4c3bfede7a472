// Creating one box (/admin/boxes/new?domain=…): address on the domain, holder, tax code, contacts,
// plan; the domain's defaults apply and its allowance is checked; the password is shown once.
import { useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { problemMessage } from '../../ui/problem.ts';
import { DomainPicker, useSelectedDomain } from './DomainPicker.tsx';
import { panelApi } from './panel-api.ts';

const fields = ['localPart', 'holderName', 'taxCode', 'contactEmail', 'mobile', 'plan'] as const;
type FieldName = (typeof fields)[number];

export function AdminNewBox() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { domain } = useSelectedDomain();
  const [values, setValues] = useState<Record<FieldName, string>>({
    localPart: '',
    holderName: '',
    taxCode: '',
    contactEmail: '',
    mobile: '',
    plan: '',
  });
  const [created, setCreated] = useState<{ address: string; password: string } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (domain === undefined) return null;
  const full = domain.boxAllowance !== null && domain.boxes >= domain.boxAllowance;

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (domain === undefined) return;
    setFailure(null);
    if (values.localPart.trim() === '' || values.holderName.trim() === '') {
      setFailure(t('admin.newBox.required'));
      return;
    }
    setBusy(true);
    const optional = (name: 'taxCode' | 'contactEmail' | 'mobile' | 'plan') =>
      values[name].trim() === '' ? {} : { [name]: values[name].trim() };
    try {
      const answer = await panelApi.create(domain.name, {
        address: `${values.localPart.trim()}@${domain.name}`,
        holderName: values.holderName.trim(),
        ...optional('taxCode'),
        ...optional('contactEmail'),
        ...optional('mobile'),
        ...optional('plan'),
      });
      setCreated({ address: answer.box.address, password: answer.password });
      await client.invalidateQueries({ queryKey: ['admin'] });
    } catch (error) {
      setFailure(problemMessage(t, error));
    } finally {
      setBusy(false);
    }
  }

  if (created !== null)
    return (
      <section className="admin-section" role="status" aria-labelledby="new-box-title">
        <h1 id="new-box-title">{t('admin.newBox.created', { address: created.address })}</h1>
        <p>{t('admin.newBox.passwordIs')}</p>
        <p className="admin-secret">{created.password}</p>
        <p className="hint">{t('admin.card.passwordOnce')}</p>
        <div className="admin-actions">
          <Link className="button primary" to={`/admin/boxes/${encodeURIComponent(created.address)}`}>
            {t('admin.newBox.open')}
          </Link>
          <Link className="button" to={`/admin/boxes?domain=${encodeURIComponent(domain.name)}`}>
            {t('admin.card.back')}
          </Link>
        </div>
      </section>
    );

  return (
    <section className="admin-section" aria-labelledby="new-box-title">
      <h1 id="new-box-title">{t('admin.newBox.title')}</h1>
      <DomainPicker />
      <p className="hint">
        {domain.boxAllowance === null
          ? t('admin.panel.countUnlimited', { count: domain.boxes })
          : t('admin.panel.countOf', { count: domain.boxes, allowance: domain.boxAllowance })}{' '}
        {t('admin.newBox.defaults', { policy: t(`admin.defaults.policies.${domain.ordinaryMailPolicy}`) })}
      </p>
      {full && (
        <p className="alert" role="alert">
          {t('admin.newBox.full')}
        </p>
      )}
      {failure !== null && (
        <p className="alert" role="alert">
          {failure}
        </p>
      )}
      <form className="admin-form" noValidate onSubmit={(event) => void submit(event)}>
        {fields.map((name) => (
          <div className="field" key={name}>
            <label htmlFor={`new-box-${name}`}>{t(`admin.newBox.fields.${name}`)}</label>
            {name === 'localPart' ? (
              <span className="admin-address-input">
                <input
                  id="new-box-localPart"
                  type="text"
                  autoComplete="off"
                  spellCheck={false}
                  autoCapitalize="none"
                  value={values.localPart}
                  onChange={(event) => {
                    setValues({ ...values, localPart: event.target.value });
                  }}
                />
                <span className="admin-address-domain">@{domain.name}</span>
              </span>
            ) : (
              <input
                id={`new-box-${name}`}
                type={name === 'contactEmail' ? 'email' : 'text'}
                autoComplete="off"
                value={values[name]}
                onChange={(event) => {
                  setValues({ ...values, [name]: event.target.value });
                }}
              />
            )}
          </div>
        ))}
        <div className="admin-form-actions">
          <button type="submit" className="button primary" disabled={busy || full}>
            {t('admin.newBox.submit')}
          </button>
          <Link className="button" to={`/admin/boxes?domain=${encodeURIComponent(domain.name)}`}>
            {t('admin.card.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
