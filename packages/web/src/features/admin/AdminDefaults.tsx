// The domain's settings (/admin/defaults): its allowance of boxes (set by the operator) and the
// defaults new boxes start with (what they do with ordinary, non-PEC mail).
import { useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../../ui/problem.ts';
import { DomainPicker, useSelectedDomain } from './DomainPicker.tsx';
import { panelApi, panelKeys, type DomainAntispam } from './panel-api.ts';

export function AdminDefaults() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { domain } = useSelectedDomain();
  const [policy, setPolicy] = useState<'reject' | 'accept' | null>(null);
  const [antispam, setAntispam] = useState<DomainAntispam | null>(null);
  const [threshold, setThreshold] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  if (domain === undefined) return null;
  const current = policy ?? (domain.ordinaryMailPolicy === 'accept' ? 'accept' : 'reject');
  const spam = antispam ?? domain.antispam;
  const thresholdText = threshold ?? String(spam.threshold);

  async function save(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (domain === undefined) return;
    setNote(null);
    setFailure(null);
    const score = Number(thresholdText.replace(',', '.'));
    if (thresholdText.trim() === '' || !Number.isFinite(score) || score < 0 || score > 100) {
      setFailure(t('admin.defaults.thresholdInvalid'));
      return;
    }
    try {
      await panelApi.setDefaults(domain.name, current, { ...spam, threshold: score });
      await client.invalidateQueries({ queryKey: panelKeys.domains });
      setNote(t('admin.defaults.saved'));
    } catch (error) {
      setFailure(problemMessage(t, error));
    }
  }

  return (
    <section className="admin-section" aria-labelledby="defaults-title">
      <h1 id="defaults-title">{t('admin.defaults.title')}</h1>
      <DomainPicker />
      <dl className="admin-card-grid">
        <div>
          <dt>{t('admin.defaults.allowance')}</dt>
          <dd>
            {domain.boxAllowance === null
              ? t('admin.panel.countUnlimited', { count: domain.boxes })
              : t('admin.panel.countOf', { count: domain.boxes, allowance: domain.boxAllowance })}
          </dd>
        </div>
      </dl>
      <p className="hint">{t('admin.defaults.allowanceHint')}</p>
      <form onSubmit={(event) => void save(event)}>
        <fieldset className="admin-choice">
          <legend>{t('admin.defaults.ordinaryMail')}</legend>
          <p className="hint">{t('admin.defaults.ordinaryMailHint')}</p>
          {(['reject', 'accept'] as const).map((value) => (
            <label className="check" key={value}>
              <input
                type="radio"
                name="ordinary-mail"
                checked={current === value}
                onChange={() => {
                  setPolicy(value);
                }}
              />
              <span>{t(`admin.defaults.policies.${value}`)}</span>
            </label>
          ))}
        </fieldset>
        <fieldset className="admin-choice">
          <legend>{t('admin.defaults.antispam')}</legend>
          <p className="hint">
            {t('admin.defaults.antispamHint')}{' '}
            {domain.antispamSet ? '' : t('admin.defaults.antispamProvider')}
          </p>
          <label className="check">
            <input
              type="checkbox"
              checked={spam.enabled}
              onChange={(event) => {
                setAntispam({ ...spam, enabled: event.target.checked });
              }}
            />
            <span>{t('admin.defaults.antispamEnabled')}</span>
          </label>
          <div className="field">
            <label htmlFor="defaults-threshold">{t('admin.defaults.threshold')}</label>
            <input
              id="defaults-threshold"
              type="text"
              inputMode="decimal"
              value={thresholdText}
              aria-describedby="defaults-threshold-hint"
              onChange={(event) => {
                setThreshold(event.target.value);
              }}
            />
            <p id="defaults-threshold-hint" className="hint">
              {t('admin.defaults.thresholdHint')}
            </p>
          </div>
          {(['spam-folder', 'refuse'] as const).map((value) => (
            <label className="check" key={value}>
              <input
                type="radio"
                name="spam-action"
                checked={spam.action === value}
                onChange={() => {
                  setAntispam({ ...spam, action: value });
                }}
              />
              <span>{t(`admin.defaults.spamActions.${value}`)}</span>
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button primary">
          {t('admin.defaults.save')}
        </button>
      </form>
      {note !== null && <p role="status">{note}</p>}
      {failure !== null && (
        <p className="alert" role="alert">
          {failure}
        </p>
      )}
    </section>
  );
}
