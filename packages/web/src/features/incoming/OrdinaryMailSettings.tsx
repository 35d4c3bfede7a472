// /settings/ordinary-mail: what happens to ordinary (non-certified) mail, and the trusted and
// blocked senders (decision 0026).
import { useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../../ui/problem.ts';
import { Alert } from '../security/security-ui.tsx';
import {
  incomingApi,
  incomingKeys,
  useOrdinaryMail,
  type OrdinaryMail,
  type OrdinaryPolicy,
  type SenderEntry,
} from './incoming-api.ts';
import { SettingsFrame } from './SettingsFrame.tsx';

function PolicyForm() {
  const { t } = useTranslation();
  const current = useOrdinaryMail();
  return (
    <section className="settings-section" aria-labelledby="ordinary-policy-title">
      <h2 id="ordinary-policy-title">{t('incoming.ordinary.policy')}</h2>
      <p className="hint">{t('incoming.ordinary.intro')}</p>
      {current.isError && <Alert text={t('incoming.loadError')} />}
      {current.data !== undefined && <PolicyFields initial={current.data} />}
    </section>
  );
}

/** The form, mounted once the settings are loaded so that its state starts from them. */
function PolicyFields({ initial }: { initial: OrdinaryMail }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [policy, setPolicy] = useState<OrdinaryPolicy>(initial.policy);
  const [folder, setFolder] = useState(initial.folder);
  const [forward, setForward] = useState(initial.forwardAddress ?? '');
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  function save(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setNote(null);
    setError(null);
    void incomingApi
      .setOrdinary({ policy, folder, forwardAddress: forward.trim() === '' ? null : forward.trim() })
      .then(async () => {
        setNote(t('incoming.saved'));
        await client.invalidateQueries({ queryKey: incomingKeys.ordinary });
      })
      .catch((caught: unknown) => {
        setError(problemMessage(t, caught));
      });
  }

  const choices: { value: OrdinaryPolicy; hint: string }[] = [
    { value: 'reject', hint: t('incoming.ordinary.rejectHint') },
    { value: 'accept', hint: t('incoming.ordinary.acceptHint') },
    { value: 'forward', hint: t('incoming.ordinary.forwardHint') },
  ];
  return (
    <form className="narrow-form" onSubmit={save}>
      <fieldset className="choice-group">
        <legend className="visually-hidden">{t('incoming.ordinary.policy')}</legend>
        {choices.map((choice) => (
          <label key={choice.value} className="choice">
            <input
              type="radio"
              name="policy"
              value={choice.value}
              checked={policy === choice.value}
              onChange={() => {
                setPolicy(choice.value);
              }}
            />
            <span>
              <strong>{t(`incoming.ordinary.${choice.value}`)}</strong>
              <span className="choice-hint">{choice.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {policy === 'accept' && (
        <div className="field">
          <label htmlFor="ordinary-folder">{t('incoming.ordinary.folder')}</label>
          <input
            type="text"
            id="ordinary-folder"
            value={folder}
            onChange={(e) => {
              setFolder(e.target.value);
            }}
            required
          />
        </div>
      )}
      {policy === 'forward' && (
        <div className="field">
          <label htmlFor="ordinary-forward">{t('incoming.ordinary.forwardAddress')}</label>
          <input
            id="ordinary-forward"
            type="email"
            value={forward}
            onChange={(e) => {
              setForward(e.target.value);
            }}
            required
            autoComplete="email"
          />
        </div>
      )}
      <Alert text={error} />
      <Alert text={note} kind="status" />
      <button type="submit" className="button primary">
        {t('incoming.save')}
      </button>
    </form>
  );
}

function SenderList({ list, entries }: { list: 'allow' | 'block'; entries: SenderEntry[] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: incomingKeys.ordinary });
  function add(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    void incomingApi
      .addSender(list, value)
      .then(async () => {
        setValue('');
        await refresh();
      })
      .catch((caught: unknown) => {
        setError(problemMessage(t, caught));
      });
  }
  const inputId = `sender-${list}`;
  return (
    <div>
      <h3>{t(`incoming.ordinary.${list}`)}</h3>
      <ul className="settings-list">
        {entries.map((entry) => (
          <li key={entry.id} className="settings-item">
            <span className="settings-item-main">
              <code>{entry.value}</code>
            </span>
            <button
              type="button"
              className="button"
              aria-label={t('incoming.ordinary.removeEntry', { value: entry.value })}
              onClick={() => void incomingApi.removeSender(entry.id).then(refresh)}
            >
              {t('incoming.remove')}
            </button>
          </li>
        ))}
      </ul>
      {entries.length === 0 && (
        <p className="hint">
          {t(list === 'allow' ? 'incoming.ordinary.emptyAllow' : 'incoming.ordinary.emptyBlock')}
        </p>
      )}
      <form className="inline-form sender-form" onSubmit={add}>
        <label htmlFor={inputId} className="visually-hidden">
          {`${t(`incoming.ordinary.${list}`)}: ${t('incoming.ordinary.entry')}`}
        </label>
        <input
          type="text"
          id={inputId}
          value={value}
          placeholder={t('incoming.ordinary.entry')}
          onChange={(e) => {
            setValue(e.target.value);
          }}
          required
        />
        <button type="submit" className="button">
          {t('incoming.ordinary.add')}
        </button>
      </form>
      <Alert text={error} />
    </div>
  );
}

function SenderLists() {
  const { t } = useTranslation();
  const current = useOrdinaryMail();
  return (
    <section className="settings-section" aria-labelledby="sender-lists-title">
      <h2 id="sender-lists-title">{t('incoming.ordinary.listsTitle')}</h2>
      <p className="hint">{t('incoming.ordinary.listsHint')}</p>
      <div className="settings-columns">
        <SenderList list="allow" entries={current.data?.allow ?? []} />
        <SenderList list="block" entries={current.data?.block ?? []} />
      </div>
    </section>
  );
}

export function OrdinaryMailSettings() {
  const { t } = useTranslation();
  return (
    <SettingsFrame id="ordinary-title" title={t('incoming.ordinary.title')}>
      <PolicyForm />
      <SenderLists />
    </SettingsFrame>
  );
}
