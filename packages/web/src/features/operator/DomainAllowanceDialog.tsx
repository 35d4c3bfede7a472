// A domain's allowance in the console (admin): how many boxes its postmasters may have (empty: no
// limit) and which plans new boxes may take (none ticked: every plan); decision 0030.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../ui/Dialog.tsx';
import { problemMessage } from '../../ui/problem.ts';
import { operatorApi, operatorKeys, type DomainAllowance } from './operator-api.ts';

function AllowanceForm({ allowance, onSaved }: { allowance: DomainAllowance; onSaved: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const plans = useQuery({ queryKey: operatorKeys.plans, queryFn: operatorApi.plans });
  const [boxes, setBoxes] = useState(allowance.boxAllowance === null ? '' : String(allowance.boxAllowance));
  const [chosen, setChosen] = useState<string[]>(allowance.allowedPlans ?? []);
  const [failure, setFailure] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (boxAllowance: number | null) =>
      operatorApi.setAllowance(allowance.domain, {
        boxAllowance,
        allowedPlans: chosen.length === 0 ? null : chosen,
      }),
    onSuccess: onSaved,
    onError: (error) => {
      setFailure(problemMessage(t, error));
    },
    onSettled: () => client.invalidateQueries({ queryKey: operatorKeys.allowance(allowance.domain) }),
  });

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const count = boxes.trim() === '' ? null : Number(boxes);
    if (count !== null && (!Number.isSafeInteger(count) || count < 0)) {
      setFailure(t('operator.allowance.boxesInvalid'));
      return;
    }
    save.mutate(count);
  }

  return (
    <form onSubmit={submit}>
      <p className="dialog-hint">{t('operator.allowance.inUse', { count: allowance.boxes })}</p>
      {failure !== null && (
        <p className="alert" role="alert">
          {failure}
        </p>
      )}
      <div className="field">
        <label htmlFor="allowance-boxes">{t('operator.allowance.boxes')}</label>
        <input
          id="allowance-boxes"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder={t('operator.allowance.noLimit')}
          value={boxes}
          onChange={(event) => {
            setBoxes(event.target.value);
          }}
        />
      </div>
      <fieldset className="admin-choice">
        <legend>{t('operator.allowance.plans')}</legend>
        {(plans.data ?? []).map((plan) => (
          <label className="check" key={plan.name} htmlFor={`allowance-plan-${plan.name}`}>
            <input
              id={`allowance-plan-${plan.name}`}
              type="checkbox"
              checked={chosen.includes(plan.name)}
              onChange={(event) => {
                setChosen(
                  event.target.checked ? [...chosen, plan.name] : chosen.filter((name) => name !== plan.name),
                );
              }}
            />
            <span>{plan.name}</span>
          </label>
        ))}
        <p className="hint">{t('operator.allowance.plansHint')}</p>
      </fieldset>
      <div className="admin-form-actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {t('operator.save')}
        </button>
      </div>
    </form>
  );
}

export function DomainAllowanceDialog({ domain, onClose }: { domain: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const allowance = useQuery({
    queryKey: operatorKeys.allowance(domain ?? ''),
    queryFn: () => operatorApi.allowance(domain ?? ''),
    enabled: domain !== null,
  });
  return (
    <Dialog
      open={domain !== null}
      title={t('operator.allowance.title', { domain: domain ?? '' })}
      closeLabel={t('operator.close')}
      onClose={onClose}
    >
      {allowance.isError && (
        <p className="alert" role="alert">
          {problemMessage(t, allowance.error)}
        </p>
      )}
      {allowance.isSuccess && domain !== null && (
        <AllowanceForm key={domain} allowance={allowance.data} onSaved={onClose} />
      )}
    </Dialog>
  );
}
