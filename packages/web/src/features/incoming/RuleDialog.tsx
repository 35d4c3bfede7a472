// The add/edit dialog of a rule: name, all/any, condition rows and action rows (decision 0026).
import { useEffect, useRef, useState, type ReactNode, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ChoiceSelect } from '../../ui/ChoiceSelect.tsx';
import { problemMessage } from '../../ui/problem.ts';
import { Alert } from '../security/security-ui.tsx';
import { pecTypes, type Action, type Condition, type RuleDefinition } from './incoming-api.ts';

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

/** The × button that takes a row out of its list. */
function RemoveRowButton({ onRemove }: { onRemove: () => void }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="button icon-only"
      aria-label={t('incoming.rules.removeRow')}
      onClick={onRemove}
    >
      ×
    </button>
  );
}

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
      <ChoiceSelect
        label={`${t('incoming.rules.conditions')} ${String(index + 1)}`}
        value={condition.field}
        choices={fields.map((field) => [field, t(`incoming.rules.field.${field}`)] as const)}
        onChange={(field) => {
          onChange(blankCondition(field));
        }}
      />
      {(condition.field === 'sender' || condition.field === 'recipient' || condition.field === 'subject') && (
        <>
          <ChoiceSelect
            label={t('incoming.rules.match')}
            value={condition.op}
            choices={[
              ['contains', t('incoming.rules.op.contains')],
              ['equals', t('incoming.rules.op.equals')],
            ]}
            onChange={(op) => {
              onChange({ ...condition, op });
            }}
          />
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
        <ChoiceSelect
          label={t('incoming.rules.value')}
          value={condition.value}
          choices={pecTypes.map((type) => [type, t(`incoming.rules.type.${type}`)] as const)}
          onChange={(value) => {
            onChange({ ...condition, value });
          }}
        />
      )}
      {condition.field === 'has-attachments' && (
        <ChoiceSelect
          label={t('incoming.rules.value')}
          value={condition.value ? 'yes' : 'no'}
          choices={[
            ['yes', t('incoming.rules.attachments.yes')],
            ['no', t('incoming.rules.attachments.no')],
          ]}
          onChange={(value) => {
            onChange({ ...condition, value: value === 'yes' });
          }}
        />
      )}
      {condition.field === 'size' && (
        <>
          <ChoiceSelect
            label={t('incoming.rules.match')}
            value={condition.op}
            choices={[
              ['over', t('incoming.rules.op.over')],
              ['under', t('incoming.rules.op.under')],
            ]}
            onChange={(op) => {
              onChange({ ...condition, op });
            }}
          />
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
      <RemoveRowButton onRemove={onRemove} />
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
      <ChoiceSelect
        label={`${t('incoming.rules.actions')} ${String(index + 1)}`}
        value={action.kind}
        choices={actionKinds.map((kind) => [kind, t(`incoming.rules.action.${kind}`)] as const)}
        onChange={(kind) => {
          onChange(blankAction(kind));
        }}
      />
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
      <RemoveRowButton onRemove={onRemove} />
    </li>
  );
}

const replaceAt = <Item,>(items: readonly Item[], index: number, next: Item): Item[] =>
  items.map((item, i) => (i === index ? next : item));

/** A titled list of rows (conditions or actions), the words for none, and the button adding a blank row. */
function RuleRows<Item>(props: {
  title: string;
  empty?: string;
  items: readonly Item[];
  row: (item: Item, index: number, onRemove: () => void) => ReactNode;
  onChange: (items: Item[]) => void;
  addLabel: string;
  blank: () => Item;
}) {
  const { items, onChange } = props;
  return (
    <>
      <h3>{props.title}</h3>
      {props.empty !== undefined && items.length === 0 && <p className="hint">{props.empty}</p>}
      <ul className="rule-rows">
        {items.map((item, index) =>
          props.row(item, index, () => {
            onChange(items.filter((_, i) => i !== index));
          }),
        )}
      </ul>
      <button
        type="button"
        className="button"
        onClick={() => {
          onChange([...items, props.blank()]);
        }}
      >
        {props.addLabel}
      </button>
    </>
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
        <RuleRows
          title={t('incoming.rules.conditions')}
          empty={t('incoming.rules.noConditions')}
          items={rule.conditions}
          row={(condition, index, onRemove) => (
            <ConditionRow
              key={index}
              index={index}
              condition={condition}
              onChange={(next) => {
                setRule({ ...rule, conditions: replaceAt(rule.conditions, index, next) });
              }}
              onRemove={onRemove}
            />
          )}
          onChange={(conditions) => {
            setRule({ ...rule, conditions });
          }}
          addLabel={t('incoming.rules.addCondition')}
          blank={() => blankCondition('subject')}
        />
        <RuleRows
          title={t('incoming.rules.actions')}
          items={rule.actions}
          row={(action, index, onRemove) => (
            <ActionRow
              key={index}
              index={index}
              action={action}
              onChange={(next) => {
                setRule({ ...rule, actions: replaceAt(rule.actions, index, next) });
              }}
              onRemove={onRemove}
            />
          )}
          onChange={(actions) => {
            setRule({ ...rule, actions });
          }}
          addLabel={t('incoming.rules.addAction')}
          blank={() => blankAction('flag')}
        />
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
