// Reply, reply all, forward and forward as attachment from the reader: each opens compose
// prefilled (compose-form.ts); a forward brings the original's attachments (forward-attachments.ts).
import { useTranslation } from 'react-i18next';
import type { Message } from '../../api/contract.ts';
import { useSession } from '../../api/queries.ts';
import { formatFullDate } from '../../i18n/format.ts';
import { prefill, senderOf, type ComposeForm, type ReplyMode } from './compose-form.ts';
import { messageAsAttachment, originalAttachments } from './forward-attachments.ts';

/** Builds the prefilled form for a message, in the reader's language, attachments downloaded. */
export function useReplyForm(): (message: Message, mode: ReplyMode) => Promise<ComposeForm> {
  const { t, i18n } = useTranslation();
  const session = useSession();
  return async (message, mode) => {
    const when = formatFullDate(message.date, i18n.language);
    const form = prefill(message, mode, session.data?.address ?? '', {
      intro: t('compose.quoteIntro', { date: when, sender: senderOf(message) }),
      forwarded: t('compose.forwarded'),
      from: t('reader.from'),
      to: t('reader.to'),
      subject: t('compose.subject'),
      date: t('reader.date'),
      when,
    });
    if (mode === 'forward') return { ...form, attachments: await originalAttachments(message) };
    if (mode === 'forwardAttachment') return { ...form, attachments: [await messageAsAttachment(message)] };
    return form;
  };
}

export function ReplyActions(props: {
  message: Message;
  onCompose: (mode: ReplyMode, message: Message) => void;
}) {
  const { t } = useTranslation();
  const modes: readonly ReplyMode[] = ['reply', 'replyAll', 'forward', 'forwardAttachment'];
  return (
    <div className="reply-actions">
      {modes.map((mode) => (
        <button
          key={mode}
          type="button"
          className="button ghost"
          onClick={() => {
            props.onCompose(mode, props.message);
          }}
        >
          {mode === 'forwardAttachment' ? t('composeMore.forwardAttachment') : t(`compose.${mode}`)}
        </button>
      ))}
    </div>
  );
}
