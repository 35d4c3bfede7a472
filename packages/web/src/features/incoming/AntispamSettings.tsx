// /settings/antispam: the holder's spam filter choices (decision 0026). A signed PEC is never
// refused; the holder only chooses whether one labelled as spam is also filed in Spam.
import { useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../../ui/problem.ts';
import { Alert } from '../security/security-ui.tsx';
import { incomingApi, incomingKeys, useAntispam, type Antispam } from './incoming-api.ts';
import { SettingsFrame } from './SettingsFrame.tsx';

function AntispamForm() {
  const { t } = useTranslation();
  const current = useAntispam();
  return (
    <section className="settings-section" aria-labelledby="antispam-form-title">
      <h2 id="antispam-form-title" className="visually-hidden">
        {t('incoming.antispam.title')}
      </h2>
      <p className="hint">{t('incoming.antispam.intro')}</p>
      {current.data?.filterActive === false && <Alert text={t('incoming.antispam.notYet')} kind="status" />}
      {current.isError && <Alert text={t('incoming.loadError')} />}
      {current.data !== undefined && <AntispamFields initial={current.data} />}
    </section>
  );
}

/** The form, mounted once the settings are loaded so that its state starts from them. */
function AntispamFields({ initial }: { initial: Antispam }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form, setForm] = useState<Antispam>(initial);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  function save(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setNote(null);
    setError(null);
    void incomingApi
      .setAntispam(form)
      .then(async () => {
        setNote(t('incoming.saved'));
        await client.invalidateQueries({ queryKey: incomingKeys.antispam });
      })
      .catch((caught: unknown) => {
        setError(problemMessage(t, caught));
      });
  }

  return (
    <form className="narrow-form" onSubmit={save}>
      <label className="check">
        <input
          type="checkbox"
          checked={form.enabled}
          onChange={(e) => {
            setForm({ ...form, enabled: e.target.checked });
          }}
        />
        <span>{t('incoming.antispam.enabled')}</span>
      </label>
      <div className="field">
        <label htmlFor="spam-threshold">{t('incoming.antispam.threshold')}</label>
        <input
          id="spam-threshold"
          disabled={!form.enabled}
          type="number"
          min={1}
          max={50}
          step={0.5}
          value={form.threshold}
          onChange={(e) => {
            setForm({ ...form, threshold: Number(e.target.value) });
          }}
          aria-describedby="spam-threshold-hint"
        />
        <span id="spam-threshold-hint" className="choice-hint">
          {t('incoming.antispam.thresholdHint')}
        </span>
      </div>
      <fieldset className="choice-group" disabled={!form.enabled}>
        <legend className="field-legend">{t('incoming.antispam.action')}</legend>
        {(['spam-folder', 'refuse'] as const).map((action) => (
          <label key={action} className="choice">
            <input
              type="radio"
              name="spam-action"
              checked={form.action === action}
              onChange={() => {
                setForm({ ...form, action });
              }}
            />
            <span>
              {t(action === 'refuse' ? 'incoming.antispam.refuse' : 'incoming.antispam.spamFolder')}
            </span>
          </label>
        ))}
      </fieldset>
      <label className="check pec-spam">
        <input
          type="checkbox"
          checked={form.pecToSpamFolder}
          disabled={!form.enabled}
          onChange={(e) => {
            setForm({ ...form, pecToSpamFolder: e.target.checked });
          }}
        />
        <span>
          {t('incoming.antispam.pecToSpam')}
          <span className="choice-hint">{t('incoming.antispam.pecToSpamHint')}</span>
        </span>
      </label>
      <Alert text={error} />
      <Alert text={note} kind="status" />
      <button type="submit" className="button primary">
        {t('incoming.save')}
      </button>
    </form>
  );
}

export function AntispamSettings() {
  const { t } = useTranslation();
  return (
    <SettingsFrame id="antispam-title" title={t('incoming.antispam.title')}>
      <AntispamForm />
    </SettingsFrame>
  );
}
