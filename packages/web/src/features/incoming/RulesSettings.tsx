// /settings/rules: the ordered rules on incoming messages (decision 0026): list, add/edit dialog,
// reorder by drag and by keyboard (the arrow buttons), enable/disable, delete, Sieve export.
import { useQueryClient } from '@tanstack/react-query';
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { problemMessage } from '../../ui/problem.ts';
import { Alert } from '../security/security-ui.tsx';
import {
  incomingApi,
  incomingKeys,
  sieveExportUrl,
  useRules,
  type Action,
  type Condition,
  type Rule,
  type RuleDefinition,
} from './incoming-api.ts';
import { emptyRule, RuleDialog } from './RuleDialog.tsx';
import { SettingsFrame } from './SettingsFrame.tsx';

function describeCondition(t: TFunction, c: Condition): string {
  const field = t(`incoming.rules.field.${c.field}`);
  switch (c.field) {
    case 'pec-type':
      return t(`incoming.rules.type.${c.value}`);
    case 'has-attachments':
      return t(c.value ? 'incoming.rules.attachments.yes' : 'incoming.rules.attachments.no');
    case 'size':
      return `${field} ${t(`incoming.rules.op.${c.op}`)} ${String(Math.round(c.value / 1024))}`;
    default:
      return `${field} ${t(`incoming.rules.op.${c.op}`)} “${c.value}”`;
  }
}

function describeAction(t: TFunction, a: Action): string {
  const label = t(`incoming.rules.action.${a.kind}`);
  if (a.kind === 'move') return `${label} ${a.folder}`;
  if (a.kind === 'forward') return `${label} ${a.to}`;
  return label;
}

function summary(t: TFunction, rule: Rule): string {
  if (rule.conditions.length === 0) return t('incoming.rules.summaryAlways');
  const conditions = rule.conditions.map((c) => describeCondition(t, c)).join(' · ');
  return t(rule.match === 'all' ? 'incoming.rules.summaryAll' : 'incoming.rules.summaryAny', { conditions });
}

function definitionOf(rule: Rule): RuleDefinition {
  return {
    name: rule.name,
    enabled: rule.enabled,
    match: rule.match,
    conditions: rule.conditions,
    actions: rule.actions,
  };
}

export function RulesSettings() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const rules = useRules();
  const list = rules.data?.rules ?? [];
  const [editing, setEditing] = useState<{ rule: Rule | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragged, setDragged] = useState<number | null>(null);
  const [announce, setAnnounce] = useState<string | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: incomingKeys.rules });
  const run = (work: Promise<unknown>) =>
    void work.then(refresh).catch((caught: unknown) => {
      setError(problemMessage(t, caught));
    });

  function move(from: number, to: number) {
    if (to < 0 || to >= list.length || from === to) return;
    const ids = list.map((r) => r.id);
    const [id] = ids.splice(from, 1);
    if (id === undefined) return;
    ids.splice(to, 0, id);
    const name = list[from]?.name ?? '';
    setAnnounce(`${name}: ${String(to + 1)} / ${String(list.length)}`);
    run(incomingApi.reorder(ids));
  }

  async function save(rule: RuleDefinition) {
    if (editing?.rule == null) await incomingApi.addRule(rule);
    else await incomingApi.updateRule(editing.rule.id, rule);
    setEditing(null);
    await refresh();
  }

  const onDrop = (index: number) => (event: DragEvent<HTMLLIElement>) => {
    event.preventDefault();
    if (dragged !== null) move(dragged, index);
    setDragged(null);
  };

  return (
    <SettingsFrame id="rules-title" title={t('incoming.rules.title')}>
      <section className="settings-section" aria-labelledby="rules-list-title">
        <h2 id="rules-list-title" className="visually-hidden">
          {t('incoming.rules.title')}
        </h2>
        <p className="hint">{t('incoming.rules.intro')}</p>
        {rules.isError && <Alert text={t('incoming.loadError')} />}
        <div className="actions rules-toolbar">
          <button
            type="button"
            className="button primary"
            onClick={() => {
              setEditing({ rule: null });
            }}
          >
            {t('incoming.rules.add')}
          </button>
          <a className="button" href={sieveExportUrl} download="rules.sieve">
            {t('incoming.rules.export')}
          </a>
        </div>
        {list.length > 1 && <p className="hint">{t('incoming.rules.dragHint')}</p>}
        <ol className="settings-list rules-list">
          {list.map((rule, index) => (
            <li
              key={rule.id}
              className={`settings-item rule-item${dragged === index ? ' dragging' : ''}${rule.enabled ? '' : ' rule-off'}`}
              draggable
              onDragStart={() => {
                setDragged(index);
              }}
              onDragOver={(event) => {
                event.preventDefault();
              }}
              onDrop={onDrop(index)}
              onDragEnd={() => {
                setDragged(null);
              }}
            >
              <span className="rule-handle" aria-hidden="true">
                ⋮⋮
              </span>
              <div className="settings-item-main rule-main">
                <strong>{rule.name}</strong>
                <span className="meta">{summary(t, rule)}</span>
                <span className="meta">→ {rule.actions.map((a) => describeAction(t, a)).join(' · ')}</span>
              </div>
              <div className="actions rule-buttons">
                <label className="check rule-enabled">
                  <input
                    type="checkbox"
                    checked={rule.enabled}
                    onChange={(e) => {
                      run(
                        incomingApi.updateRule(rule.id, { ...definitionOf(rule), enabled: e.target.checked }),
                      );
                    }}
                  />
                  <span>{t('incoming.rules.enabled')}</span>
                </label>
                <button
                  type="button"
                  className="button icon-only"
                  aria-label={t('incoming.rules.moveUp', { name: rule.name })}
                  disabled={index === 0}
                  onClick={() => {
                    move(index, index - 1);
                  }}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button icon-only"
                  aria-label={t('incoming.rules.moveDown', { name: rule.name })}
                  disabled={index === list.length - 1}
                  onClick={() => {
                    move(index, index + 1);
                  }}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    setEditing({ rule });
                  }}
                >
                  {t('incoming.rules.edit')}
                </button>
                <button
                  type="button"
                  className="button rule-delete"
                  onClick={() => {
                    if (window.confirm(t('incoming.rules.deleteConfirm', { name: rule.name })))
                      run(incomingApi.removeRule(rule.id));
                  }}
                >
                  {t('incoming.rules.delete')}
                </button>
              </div>
            </li>
          ))}
        </ol>
        {rules.isSuccess && list.length === 0 && <p className="empty-note">{t('incoming.rules.empty')}</p>}
        <p className="visually-hidden" role="status">
          {announce}
        </p>
        <Alert text={error} />
      </section>
      {editing !== null && (
        <RuleDialog
          initial={editing.rule === null ? emptyRule : definitionOf(editing.rule)}
          isNew={editing.rule === null}
          onSave={save}
          onClose={() => {
            setEditing(null);
          }}
        />
      )}
    </SettingsFrame>
  );
}
