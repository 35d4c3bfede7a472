// The rich-text body: TipTap (ProseMirror) with StarterKit limited to the safe subset of
// rich-text.ts — paragraphs, bold, italic, underline, lists, links, quotes — and its keyboard
// shortcuts (Ctrl/⌘+B, I, U, Shift+7, Shift+8, Shift+B; Ctrl/⌘+K for a link). Pasted HTML goes
// through DOMPurify first, so images, styles and remote content never enter. Decision 0024.
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useState } from 'react';
import { FormatToolbar } from './FormatToolbar.tsx';
import { sanitizeRichText } from './rich-text.ts';

export function RichTextEditor(props: {
  id: string;
  label: string;
  html: string;
  autoFocus: boolean;
  onChange: (html: string) => void;
}) {
  const [linkOpen, setLinkOpen] = useState(false);
  const editor: Editor = useEditor({
    // No <style> injected: the CSP allows no inline styles; compose.css carries what it needs.
    injectCSS: false,
    autofocus: props.autoFocus ? 'start' : false,
    extensions: [
      StarterKit.configure({
        heading: false,
        code: false,
        codeBlock: false,
        horizontalRule: false,
        strike: false,
        link: {
          openOnClick: false,
          autolink: true,
          defaultProtocol: 'https',
          protocols: ['mailto'],
          HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null },
        },
      }),
    ],
    content: sanitizeRichText(props.html),
    editorProps: {
      attributes: {
        id: props.id,
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': props.label,
        class: 'compose-rich',
      },
      transformPastedHTML: (html) => sanitizeRichText(html),
      handleKeyDown: (_view, event) => {
        if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
          event.preventDefault();
          setLinkOpen(true);
          return true;
        }
        return false;
      },
    },
    onUpdate: ({ editor: current }) => {
      props.onChange(current.getHTML());
    },
  });
  return (
    <div className="compose-rich-field">
      <FormatToolbar editor={editor} controls={props.id} linkOpen={linkOpen} onLinkOpen={setLinkOpen} />
      <EditorContent editor={editor} />
    </div>
  );
}
