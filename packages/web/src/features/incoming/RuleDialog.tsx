// The add/edit dialog of a rule: name, all/any, condition rows and action rows (decision 0026).
import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../../ui/problem.ts';
import { Alert } from '../security/security-ui.tsx';
import { pecTypes, type Action, type Condition, type PecType, type RuleDefinition } from './incoming-api.ts';

const fields = ['sender', 'recipient', 'subject', 'pec-type', 'has-attachments', 'size'] as const;
const actionKinds = ['move', 'forward', 'mark-read', 'flag', 'stop'] as const;

function blankCondition(field: Condition['field']): Condition {
  switch (field) {
    case 'pec-type':
      return { field, value: 'posta-certificata' };
    case 'has-attachments':
      return { field, value: true };
    case 'size':
      return { field, op: 'over', value: 1024 * 1024 };
    default:
      return { field, op: 'contains', value: '' };
  }
}

function blankAction(kind: Action['kind']): Action {
  if (kind === 'move') return { kind, folder: '' };
  if (kind === 'forward') return { kind, to: '' };
  return { kind };
}

export const emptyRule: RuleDefinition = {
  name: '',
  enabled: true,
  match: 'all',
  conditions: [{ field: 'subject', op: 'contains', value: '' }],
  actions: [{ kind: 'move', folder: '' }],
};

function ConditionRow({
  condition,
  index,
  onChange,
  onRemove,
}: {
  condition: Condition;
  index: number;
  onChange: (next: Condition) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const id = `condition-${String(index)}`;
  return (
    <li className="rule-row">
      <select
        aria-label={`${t('incoming.rules.conditions')} ${String(index + 1)}`}
        value={condition.field}
        onChange={(e) => {
          onChange(blankCondition(e.target.value as Condition['field']));
        }}
      >
        {fields.map((field) => (
          <option key={field} value={field}>
            {t(`incoming.rules.field.${field}`)}
          </option>
        ))}
      </select>
      {(condition.field === 'sender' || condition.field === 'recipient' || condition.field === 'subject') && (
        <>
          <select
            aria-label={t('incoming.rules.match')}
            value={condition.op}
            onChange={(e) => {
              onChange({ ...condition, op: e.target.value as 'contains' | 'equals' });
            }}
          >
            <option value="contains">{t('incoming.rules.op.contains')}</option>
            <option value="equals">{t('incoming.rules.op.equals')}</option>
          </select>
          <input
            type="text"
            id={id}
            aria-label={t('incoming.rules.value')}
            value={condition.value}
            required
            maxLength={200}
            onChange={(e) => {
              onChange({ ...condition, value: e.target.value });
            }}
          />
        </>
      )}
      {condition.field === 'pec-type' && (
        <select
          aria-label={t('incoming.rules.value')}
          value={condition.value}
          onChange={(e) => {
            onChange({ ...condition, value: e.target.value as PecType });
          }}
        >
          {pecTypes.map((type) => (
            <option key={type} value={type}>
              {t(`incoming.rules.type.${type}`)}
            </option>
          ))}
        </select>
      )}
      {condition.field === 'has-attachments' && (
        <select
          aria-label={t('incoming.rules.value')}
          value={condition.value ? 'yes' : 'no'}
          onChange={(e) => {
            onChange({ ...condition, value: e.target.value === 'yes' });
          }}
        >
          <option value="yes">{t('incoming.rules.attachments.yes')}</option>
          <option value="no">{t('incoming.rules.attachments.no')}</option>
        </select>
      )}
      {condition.field === 'size' && (
        <>
          <select
            aria-label={t('incoming.rules.match')}
            value={condition.op}
            onChange={(e) => {
              onChange({ ...condition, op: e.target.value as 'over' | 'under' });
            }}
          >
            <option value="over">{t('incoming.rules.op.over')}</option>
            <option value="under">{t('incoming.rules.op.under')}</option>
          </select>
          <input
            type="number"
            min={0}
            aria-label={t('incoming.rules.value')}
            value={Math.round(condition.value / 1024)}
            onChange={(e) => {
              onChange({ ...condition, value: Math.max(0, Number(e.target.value)) * 1024 });
            }}
          />
        </>
      )}
      <button
        type="button"
        className="button icon-only"
        aria-label={t('incoming.rules.removeRow')}
        onClick={onRemove}
      >
        ×
      </button>
    </li>
  );
}

function ActionRow({
  action,
  index,
  onChange,
  onRemove,
}: {
  action: Action;
  index: number;
  onChange: (next: Action) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  return (
    <li className="rule-row">
      <select
        aria-label={`${t('incoming.rules.actions')} ${String(index + 1)}`}
        value={action.kind}
        onChange={(e) => {
          onChange(blankAction(e.target.value as Action['kind']));
        }}
      >
        {actionKinds.map((kind) => (
          <option key={kind} value={kind}>
            {t(`incoming.rules.action.${kind}`)}
          </option>
        ))}
      </select>
      {action.kind === 'move' && (
        <input
          type="text"
          aria-label={t('incoming.ordinary.folder')}
          value={action.folder}
          required
          onChange={(e) => {
            onChange({ kind: 'move', folder: e.target.value });
          }}
        />
      )}
      {action.kind === 'forward' && (
        <input
          type="email"
          aria-label={t('incoming.rules.action.forward')}
          value={action.to}
          required
          onChange={(e) => {
            onChange({ kind: 'forward', to: e.target.value });
          }}
        />
      )}
      <button
        type="button"
        className="button icon-only"
        aria-label={t('incoming.rules.removeRow')}
        onClick={onRemove}
      >
        ×
      </button>
    </li>
  );
}

export function RuleDialog({
  initial,
  isNew,
  onSave,
  onClose,
}: {
  initial: RuleDefinition;
  isNew: boolean;
  onSave: (rule: RuleDefinition) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const [rule, setRule] = useState<RuleDefinition>(initial);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog !== null && !dialog.open) dialog.showModal();
  }, []);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (rule.name.trim() === '') {
      setError(t('incoming.rules.nameRequired'));
      return;
    }
    if (rule.actions.length === 0) {
      setError(t('incoming.rules.actionRequired'));
      return;
    }
    setError(null);
    void onSave({ ...rule, name: rule.name.trim() }).catch((caught: unknown) => {
      setError(problemMessage(t, caught));
    });
  }

  const setCondition = (index: number, next: Condition) => {
    setRule({ ...rule, conditions: rule.conditions.map((c, i) => (i === index ? next : c)) });
  };
  const setAction = (index: number, next: Action) => {
    setRule({ ...rule, actions: rule.actions.map((a, i) => (i === index ? next : a)) });
  };
  const title = isNew ? t('incoming.rules.dialogNew') : t('incoming.rules.dialogEdit');
  return (
    <dialog ref={ref} className="rule-dialog" aria-labelledby="rule-dialog-title" onClose={onClose}>
      <form onSubmit={submit}>
        <h2 id="rule-dialog-title">{title}</h2>
        <div className="field">
          <label htmlFor="rule-name">{t('incoming.rules.name')}</label>
          <input
            type="text"
            id="rule-name"
            value={rule.name}
            maxLength={200}
            onChange={(e) => {
              setRule({ ...rule, name: e.target.value });
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="rule-match">{t('incoming.rules.match')}</label>
          <select
            id="rule-match"
            value={rule.match}
            onChange={(e) => {
              setRule({ ...rule, match: e.target.value as 'all' | 'any' });
            }}
          >
            <option value="all">{t('incoming.rules.matchAll')}</option>
            <option value="any">{t('incoming.rules.matchAny')}</option>
          </select>
        </div>
        <h3>{t('incoming.rules.conditions')}</h3>
        {rule.conditions.length === 0 && <p className="hint">{t('incoming.rules.noConditions')}</p>}
        <ul className="rule-rows">
          {rule.conditions.map((condition, index) => (
            <ConditionRow
              key={index}
              index={index}
              condition={condition}
              onChange={(next) => {
                setCondition(index, next);
              }}
              onRemove={() => {
                setRule({ ...rule, conditions: rule.conditions.filter((_, i) => i !== index) });
              }}
            />
          ))}
        </ul>
        <button
          type="button"
          className="button"
          onClick={() => {
            setRule({ ...rule, conditions: [...rule.conditions, blankCondition('subject')] });
          }}
        >
          {t('incoming.rules.addCondition')}
        </button>
        <h3>{t('incoming.rules.actions')}</h3>
        <ul className="rule-rows">
          {rule.actions.map((action, index) => (
            <ActionRow
              key={index}
              index={index}
              action={action}
              onChange={(next) => {
                setAction(index, next);
              }}
              onRemove={() => {
                setRule({ ...rule, actions: rule.actions.filter((_, i) => i !== index) });
              }}
            />
          ))}
        </ul>
        <button
          type="button"
          className="button"
          onClick={() => {
            setRule({ ...rule, actions: [...rule.actions, blankAction('flag')] });
          }}
        >
          {t('incoming.rules.addAction')}
        </button>
        <Alert text={error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => ref.current?.close()}>
            {t('incoming.cancel')}
          </button>
          <button type="submit" className="button primary">
            {t('incoming.save')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
