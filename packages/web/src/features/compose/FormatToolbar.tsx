// The formatting buttons above the rich-text body (a WAI-ARIA toolbar: one tab stop, arrow keys
// between buttons, each a toggle with aria-pressed and its shortcut in the tooltip), and the link
// field that Ctrl/⌘+K or the link button opens.
import { useEditorState, type Editor } from '@tiptap/react';
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

type Command = 'bold' | 'italic' | 'underline' | 'bulletList' | 'orderedList' | 'blockquote' | 'link';

/** Each command with its glyph: a letter, or an SVG path (24×24). */
const commands: readonly { name: Command; glyph: string; keys: string }[] = [
  { name: 'bold', glyph: 'B', keys: 'Ctrl+B' },
  { name: 'italic', glyph: 'I', keys: 'Ctrl+I' },
  { name: 'underline', glyph: 'U', keys: 'Ctrl+U' },
  { name: 'bulletList', glyph: 'M9 6h11M9 12h11M9 18h11M4 6h.01M4 12h.01M4 18h.01', keys: 'Ctrl+Shift+8' },
  {
    name: 'orderedList',
    glyph: 'M10 6h10M10 12h10M10 18h10M4 5l1-1v4M3.5 14a1.5 1.5 0 1 1 2.5 1L3.5 18H6',
    keys: 'Ctrl+Shift+7',
  },
  { name: 'blockquote', glyph: 'M4 6v12M9 7h11M9 12h11M9 17h7', keys: 'Ctrl+Shift+B' },
  {
    name: 'link',
    glyph:
      'M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1',
    keys: 'Ctrl+K',
  },
];

function run(editor: Editor, name: Exclude<Command, 'link'>): void {
  const chain = editor.chain().focus();
  if (name === 'bold') chain.toggleBold().run();
  else if (name === 'italic') chain.toggleItalic().run();
  else if (name === 'underline') chain.toggleUnderline().run();
  else if (name === 'bulletList') chain.toggleBulletList().run();
  else if (name === 'orderedList') chain.toggleOrderedList().run();
  else chain.toggleBlockquote().run();
}

export function FormatToolbar(props: {
  editor: Editor;
  controls: string;
  linkOpen: boolean;
  onLinkOpen: (open: boolean) => void;
}) {
  const { t } = useTranslation();
  const { editor } = props;
  const [focusIndex, setFocusIndex] = useState(0);
  const [href, setHref] = useState('');
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) =>
      Object.fromEntries(commands.map((c) => [c.name, e.isActive(c.name)])) as Record<Command, boolean>,
  });

  const openLink = () => {
    setHref(String(editor.getAttributes('link')['href'] ?? ''));
    props.onLinkOpen(true);
  };
  const applyLink = () => {
    const value = href.trim();
    const chain = editor.chain().focus().extendMarkRange('link');
    if (value === '') chain.unsetLink().run();
    else chain.setLink({ href: /^(https?:|mailto:)/i.test(value) ? value : `https://${value}` }).run();
    props.onLinkOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0 && event.key !== 'Home' && event.key !== 'End') return;
    event.preventDefault();
    const next =
      event.key === 'Home'
        ? 0
        : event.key === 'End'
          ? commands.length - 1
          : (focusIndex + step + commands.length) % commands.length;
    setFocusIndex(next);
    buttons.current[next]?.focus();
  };

  return (
    <>
      <div
        className="format-toolbar"
        role="toolbar"
        aria-label={t('composeMore.formatting')}
        aria-controls={props.controls}
        onKeyDown={onKeyDown}
      >
        {commands.map((command, index) => {
          const label = t(`composeMore.format.${command.name}`);
          return (
            <button
              key={command.name}
              ref={(element) => {
                buttons.current[index] = element;
              }}
              type="button"
              className={`format-button format-${command.name}`}
              aria-pressed={active[command.name]}
              aria-label={label}
              title={`${label} (${command.keys})`}
              tabIndex={index === focusIndex ? 0 : -1}
              onMouseDown={(event) => {
                event.preventDefault();
              }}
              onClick={() => {
                setFocusIndex(index);
                if (command.name === 'link') openLink();
                else run(editor, command.name);
              }}
            >
              {command.glyph.length === 1 ? (
                <span aria-hidden="true">{command.glyph}</span>
              ) : (
                <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
                  <path
                    d={command.glyph}
                    fill="none"
                    stroke="currentColor"
                    strokeWidth="2"
                    strokeLinecap="round"
                  />
                </svg>
              )}
            </button>
          );
        })}
      </div>
      {props.linkOpen && (
        <div className="link-field">
          <label htmlFor={`${props.controls}-link`}>{t('composeMore.linkAddress')}</label>
          <input
            id={`${props.controls}-link`}
            type="url"
            value={href}
            placeholder="https://"
            autoFocus
            onChange={(event) => {
              setHref(event.target.value);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                applyLink();
              } else if (event.key === 'Escape') {
                event.preventDefault();
                event.stopPropagation();
                props.onLinkOpen(false);
                editor.commands.focus();
              }
            }}
          />
          <button type="button" className="button" onClick={applyLink}>
            {t('composeMore.applyLink')}
          </button>
          <button
            type="button"
            className="button ghost"
            onClick={() => {
              editor.chain().focus().extendMarkRange('link').unsetLink().run();
              props.onLinkOpen(false);
            }}
          >
            {t('composeMore.removeLink')}
          </button>
        </div>
      )}
    </>
  );
}
