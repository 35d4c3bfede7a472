// The Options screen (/settings/options): language, theme, list density and preview lines,
// receipts hidden by default, reading pane position, the delay before an opened message is marked
// read, and a plain-text signature. Each change is saved on the server at once (so it follows the
// holder to every device) and applied to this page; the signature is saved with its own button.
import { useId, useState, type ReactNode, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { languageNames, languages } from '../../i18n/index.ts';
import { problemMessage } from '../../ui/problem.ts';
import { usePreferences, useSavePreferences, type Preferences } from './preferences-api.tsx';
import { SettingsFrame } from './SettingsFrame.tsx';

const delays = [0, 2, 5, 10, 30] as const;

function Row(props: { label: string; hint?: string; children: (id: string, hintId: string) => ReactNode }) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="option-row">
      <div className="option-text">
        <label htmlFor={id}>{props.label}</label>
        {props.hint !== undefined && (
          <p id={hintId} className="hint">
            {props.hint}
          </p>
        )}
      </div>
      <div className="option-control">{props.children(id, props.hint === undefined ? '' : hintId)}</div>
    </div>
  );
}

function Signature(props: { initial: string; save: (changes: Partial<Preferences>) => Promise<void> }) {
  const { t } = useTranslation();
  const [text, setText] = useState(props.initial);
  const id = useId();
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    void props.save({ signature: text });
  };
  return (
    <form className="settings-section" aria-labelledby={`${id}-title`} onSubmit={submit}>
      <h2 id={`${id}-title`}>{t('options.signatureTitle')}</h2>
      <p className="hint" id={`${id}-hint`}>
        {t('options.signatureHint')}
      </p>
      <label htmlFor={id} className="visually-hidden">
        {t('options.signature')}
      </label>
      <textarea
        id={id}
        className="option-signature"
        rows={5}
        maxLength={2000}
        value={text}
        aria-describedby={`${id}-hint`}
        onChange={(event) => {
          setText(event.target.value);
        }}
      />
      <button type="submit" className="button primary" disabled={text === props.initial}>
        {t('options.saveSignature')}
      </button>
    </form>
  );
}

function OptionsForm({ prefs }: { prefs: Preferences }) {
  const { t } = useTranslation();
  const save = useSavePreferences();
  const [status, setStatus] = useState<{ kind: 'saved' | 'failed'; text: string } | null>(null);
  const change = async (changes: Partial<Preferences>) => {
    try {
      await save(changes);
      setStatus({ kind: 'saved', text: t('options.saved') });
    } catch (error) {
      setStatus({ kind: 'failed', text: problemMessage(t, error) });
    }
  };
  const select = <K extends keyof Preferences>(key: K, parse: (value: string) => Preferences[K]) => ({
    onChange: (event: { target: { value: string } }) => void change({ [key]: parse(event.target.value) }),
  });
  return (
    <>
      <section className="settings-section" aria-labelledby="options-display">
        <h2 id="options-display">{t('options.displayTitle')}</h2>
        <Row label={t('options.language')} hint={t('options.languageHint')}>
          {(id, hint) => (
            <select
              id={id}
              aria-describedby={hint}
              value={prefs.language ?? ''}
              {...select('language', (v) => (v === '' ? null : (v as Preferences['language'])))}
            >
              <option value="">{t('options.languageBrowser')}</option>
              {languages.map((lng) => (
                <option key={lng} value={lng} lang={lng}>
                  {languageNames[lng]}
                </option>
              ))}
            </select>
          )}
        </Row>
        <Row label={t('options.theme')}>
          {(id) => (
            <select id={id} value={prefs.theme} {...select('theme', (v) => v as Preferences['theme'])}>
              <option value="system">{t('options.themeSystem')}</option>
              <option value="light">{t('options.themeLight')}</option>
              <option value="dark">{t('options.themeDark')}</option>
            </select>
          )}
        </Row>
        <Row label={t('options.density')} hint={t('options.densityHint')}>
          {(id, hint) => (
            <select
              id={id}
              aria-describedby={hint}
              value={prefs.density}
              {...select('density', (v) => v as Preferences['density'])}
            >
              <option value="comfortable">{t('options.densityComfortable')}</option>
              <option value="compact">{t('options.densityCompact')}</option>
            </select>
          )}
        </Row>
        <Row label={t('options.previewLines')}>
          {(id) => (
            <select id={id} value={String(prefs.previewLines)} {...select('previewLines', Number)}>
              {[0, 1, 2].map((n) => (
                <option key={n} value={n}>
                  {t('options.previewLinesValue', { count: n })}
                </option>
              ))}
            </select>
          )}
        </Row>
        <Row label={t('options.readingPane')} hint={t('options.readingPaneHint')}>
          {(id, hint) => (
            <select
              id={id}
              aria-describedby={hint}
              value={prefs.readingPane}
              {...select('readingPane', (v) => v as Preferences['readingPane'])}
            >
              <option value="three">{t('options.paneThree')}</option>
              <option value="two">{t('options.paneTwo')}</option>
              <option value="one">{t('options.paneOne')}</option>
            </select>
          )}
        </Row>
      </section>
      <section className="settings-section" aria-labelledby="options-reading">
        <h2 id="options-reading">{t('options.readingTitle')}</h2>
        <Row label={t('options.markRead')} hint={t('options.markReadHint')}>
          {(id, hint) => (
            <select
              id={id}
              aria-describedby={hint}
              value={prefs.markReadAfterSeconds === null ? 'never' : String(prefs.markReadAfterSeconds)}
              {...select('markReadAfterSeconds', (v) => (v === 'never' ? null : Number(v)))}
            >
              {delays.map((s) => (
                <option key={s} value={s}>
                  {s === 0 ? t('options.markReadAtOnce') : t('options.markReadAfter', { count: s })}
                </option>
              ))}
              <option value="never">{t('options.markReadNever')}</option>
            </select>
          )}
        </Row>
        <div className="option-row">
          <label className="check">
            <input
              type="checkbox"
              checked={prefs.hideReceipts}
              onChange={(event) => void change({ hideReceipts: event.target.checked })}
            />
            <span>{t('options.hideReceipts')}</span>
          </label>
          <p className="hint option-check-hint">{t('options.hideReceiptsHint')}</p>
        </div>
      </section>
      <Signature initial={prefs.signature} save={change} />
      <p className={status?.kind === 'failed' ? 'alert' : 'option-status'} role="status">
        {status?.text ?? ''}
      </p>
    </>
  );
}

export function Options() {
  const { t } = useTranslation();
  const prefs = usePreferences();
  return (
    <SettingsFrame titleId="options-title">
      <h1 id="options-title">{t('options.title')}</h1>
      <p className="hint">{t('options.intro')}</p>
      {prefs.isPending && <p className="page-note">{t('app.loading')}</p>}
      {prefs.isError && (
        <p className="alert" role="alert">
          {problemMessage(t, prefs.error)}
        </p>
      )}
      {prefs.data !== undefined && <OptionsForm prefs={prefs.data} />}
    </SettingsFrame>
  );
}
