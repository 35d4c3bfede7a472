// Plans and prices (/admin/operator/plans; admin and support read, admin adds and edits): each
// plan's box space, archive, SMS, term and price of one term, as `pec plan` keeps them. A price
// change applies to the next renewal; existing orders keep theirs (decision 0016).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatSize } from '../../i18n/format.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { problemMessage } from '../../ui/problem.ts';
import { useAdminSession } from '../admin/admin-api.ts';
import { operatorApi, operatorKeys, type Plan } from './operator-api.ts';

// Sizes in binary gigabytes, as `pec plan --quota 1G` reads them.
export const gigabyte = 1024 ** 3;

/** Euro cents as the language writes an amount. */
export function formatPrice(cents: number, language: string): string {
  return new Intl.NumberFormat(language, { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

interface PlanDraft {
  name: string;
  description: string;
  boxGigabytes: string;
  archiveGigabytes: string;
  smsIncluded: boolean;
  durationMonths: string;
  price: string;
}

const emptyDraft: PlanDraft = {
  name: '',
  description: '',
  boxGigabytes: '1',
  archiveGigabytes: '0',
  smsIncluded: false,
  durationMonths: '12',
  price: '',
};

function draftOf(plan: Plan): PlanDraft {
  return {
    name: plan.name,
    description: plan.description,
    boxGigabytes: String(plan.boxQuotaBytes / gigabyte),
    archiveGigabytes: String(plan.archiveQuotaBytes / gigabyte),
    smsIncluded: plan.smsIncluded,
    durationMonths: String(plan.durationMonths),
    price: (plan.priceCents / 100).toFixed(2),
  };
}

/** The plan a draft describes, or the key of what is wrong with it. */
function planOf(draft: PlanDraft): Plan | 'nameNeeded' | 'numbersNeeded' {
  const name = draft.name.trim();
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(name)) return 'nameNeeded';
  const box = Number(draft.boxGigabytes.replace(',', '.'));
  const archive = Number(draft.archiveGigabytes.replace(',', '.'));
  const months = Number(draft.durationMonths);
  const price = Number(draft.price.replace(',', '.'));
  if (
    !(box > 0) ||
    !(archive >= 0) ||
    !Number.isInteger(months) ||
    months < 1 ||
    months > 120 ||
    !(price >= 0)
  )
    return 'numbersNeeded';
  return {
    name,
    description: draft.description.trim(),
    boxQuotaBytes: Math.round(box * gigabyte),
    archiveQuotaBytes: Math.round(archive * gigabyte),
    smsIncluded: draft.smsIncluded,
    durationMonths: months,
    priceCents: Math.round(price * 100),
  };
}

function PlanForm(props: { initial: PlanDraft; editing: boolean; onSaved: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [draft, setDraft] = useState(props.initial);
  const [failure, setFailure] = useState<string | null>(null);
  const prefix = props.editing ? 'edit-plan' : 'new-plan';
  const save = useMutation({
    mutationFn: (plan: Plan) => {
      const { name, ...fields } = plan;
      return props.editing ? operatorApi.changePlan(name, fields) : operatorApi.addPlan(plan);
    },
    onSuccess: () => {
      setDraft(props.initial);
      props.onSaved();
    },
    onError: (error) => {
      setFailure(problemMessage(t, error));
    },
    onSettled: () => client.invalidateQueries({ queryKey: operatorKeys.plans }),
  });

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    const plan = planOf(draft);
    if (typeof plan === 'string') setFailure(t(`operator.plans.${plan}`));
    else save.mutate(plan);
  }

  const text = (field: Exclude<keyof PlanDraft, 'smsIncluded'>, type: 'text' | 'number' = 'text') => (
    <div className="field">
      <label htmlFor={`${prefix}-${field}`}>{t(`operator.plans.fields.${field}`)}</label>
      <input
        id={`${prefix}-${field}`}
        type="text"
        inputMode={type === 'number' ? 'decimal' : undefined}
        autoComplete="off"
        disabled={field === 'name' && props.editing}
        value={draft[field]}
        onChange={(event) => {
          setDraft({ ...draft, [field]: event.target.value });
        }}
      />
    </div>
  );

  return (
    <>
      {failure !== null && (
        <p className="alert" role="alert">
          {failure}
        </p>
      )}
      <form className="admin-form" noValidate onSubmit={submit}>
        {text('name')}
        {text('description')}
        {text('boxGigabytes', 'number')}
        {text('archiveGigabytes', 'number')}
        {text('durationMonths', 'number')}
        {text('price', 'number')}
        <label className="check" htmlFor={`${prefix}-sms`}>
          <input
            id={`${prefix}-sms`}
            type="checkbox"
            checked={draft.smsIncluded}
            onChange={(event) => {
              setDraft({ ...draft, smsIncluded: event.target.checked });
            }}
          />
          <span>{t('operator.plans.fields.smsIncluded')}</span>
        </label>
        <div className="admin-form-actions">
          <button type="submit" className="button primary" disabled={save.isPending}>
            {props.editing ? t('operator.save') : t('operator.plans.addButton')}
          </button>
        </div>
      </form>
    </>
  );
}

export function OperatorPlans() {
  const { t, i18n } = useTranslation();
  const session = useAdminSession();
  const canWrite = session.data?.role === 'admin';
  const [editing, setEditing] = useState<Plan | null>(null);
  const plans = useQuery({ queryKey: operatorKeys.plans, queryFn: operatorApi.plans });

  return (
    <section className="admin-section" aria-labelledby="plans-title">
      <h1 id="plans-title">{t('operator.plans.title')}</h1>
      <p className="hint">{t('operator.plans.hint')}</p>
      {plans.isError && (
        <p className="alert" role="alert">
          {problemMessage(t, plans.error)}
        </p>
      )}
      {plans.isSuccess && plans.data.length === 0 && (
        <p className="admin-empty">{t('operator.plans.empty')}</p>
      )}
      {plans.isSuccess && plans.data.length > 0 && (
        <div className="admin-table-wrap">
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">{t('operator.plans.plan')}</th>
                <th scope="col">{t('operator.plans.space')}</th>
                <th scope="col">{t('operator.plans.term')}</th>
                <th scope="col" className="admin-num">
                  {t('operator.plans.price')}
                </th>
                {canWrite && <th scope="col">{t('operator.queue.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {plans.data.map((plan) => (
                <tr key={plan.name}>
                  <td data-label={t('operator.plans.plan')} className="admin-cell-wrap">
                    <div>
                      <span className="admin-cell-strong">{plan.name}</span>
                      {plan.description !== '' && <span className="admin-cell-sub">{plan.description}</span>}
                    </div>
                  </td>
                  <td data-label={t('operator.plans.space')}>
                    <div>
                      {formatSize(plan.boxQuotaBytes, i18n.language)}
                      <span className="admin-cell-sub">
                        {plan.archiveQuotaBytes > 0 &&
                          t('operator.plans.archive', {
                            size: formatSize(plan.archiveQuotaBytes, i18n.language),
                          })}
                        {plan.archiveQuotaBytes > 0 && plan.smsIncluded && ' · '}
                        {plan.smsIncluded && t('operator.plans.sms')}
                      </span>
                    </div>
                  </td>
                  <td data-label={t('operator.plans.term')}>
                    {t('operator.plans.months', { count: plan.durationMonths })}
                  </td>
                  <td data-label={t('operator.plans.price')} className="admin-num">
                    {formatPrice(plan.priceCents, i18n.language)}
                  </td>
                  {canWrite && (
                    <td data-label={t('operator.queue.actions')}>
                      <button
                        type="button"
                        className="button"
                        aria-label={t('operator.plans.editOf', { name: plan.name })}
                        onClick={() => {
                          setEditing(plan);
                        }}
                      >
                        {t('operator.plans.edit')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canWrite && (
        <>
          <h2>{t('operator.plans.add')}</h2>
          <PlanForm initial={emptyDraft} editing={false} onSaved={() => undefined} />
          <Dialog
            open={editing !== null}
            title={t('operator.plans.editTitle', { name: editing?.name ?? '' })}
            closeLabel={t('operator.close')}
            onClose={() => {
              setEditing(null);
            }}
          >
            {editing !== null && (
              <PlanForm
                key={editing.name}
                initial={draftOf(editing)}
                editing
                onSaved={() => {
                  setEditing(null);
                }}
              />
            )}
          </Dialog>
        </>
      )}
    </section>
  );
}
