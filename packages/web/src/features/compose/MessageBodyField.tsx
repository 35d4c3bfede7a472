// The message body: the rich-text editor (toolbar and shortcuts) or a plain textarea, switched per
// message by "Plain text"; the choice is remembered as the holder's preference for new messages.
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComposeForm } from './compose-form.ts';
import { htmlToPlain, plainToHtml, savePreferredFormat } from './rich-text.ts';

// The editor (TipTap and ProseMirror) loads when compose first opens, not with the first page.
const RichTextEditor = lazy(() =>
  import('./RichTextEditor.tsx').then((m) => ({ default: m.RichTextEditor })),
);
import '../../styles/compose-rich.css';

export function MessageBodyField(props: {
  id: string;
  form: Pick<ComposeForm, 'text' | 'html'>;
  autoFocus: boolean;
  onChange: (patch: Partial<Pick<ComposeForm, 'text' | 'html'>>) => void;
}) {
  const { t } = useTranslation();
  const { form } = props;
  const plain = form.html === null;
  return (
    <div className="compose-message">
      <div className="compose-format-switch">
        <label>
          <input
            type="checkbox"
            checked={plain}
            onChange={(event) => {
              const toPlain = event.target.checked;
              savePreferredFormat(toPlain ? 'plain' : 'rich');
              if (toPlain) props.onChange({ text: htmlToPlain(form.html ?? ''), html: null });
              else props.onChange({ html: plainToHtml(form.text) });
            }}
          />
          {t('composeMore.plainText')}
        </label>
      </div>
      {plain ? (
        <>
          <label className="visually-hidden" htmlFor={props.id}>
            {t('compose.message')}
          </label>
          <textarea
            id={props.id}
            className="compose-text"
            value={form.text}
            placeholder={t('compose.message')}
            autoFocus={props.autoFocus}
            onChange={(event) => {
              props.onChange({ text: event.target.value });
            }}
          />
        </>
      ) : (
        <Suspense fallback={<div className="compose-rich-field" aria-busy="true" />}>
          <RichTextEditor
            id={props.id}
            label={t('compose.message')}
            html={form.html ?? ''}
            autoFocus={props.autoFocus}
            onChange={(html) => {
              props.onChange({ html });
            }}
          />
        </Suspense>
      )}
    </div>
  );
}
