// Reply, reply all and forward from the reader: each opens compose prefilled (compose-form.ts).
import { useTranslation } from 'react-i18next';
import type { Message } from '../../api/contract.ts';
import { useSession } from '../../api/queries.ts';
import { formatFullDate } from '../../i18n/format.ts';
import { prefill, senderOf, type ComposeForm, type ReplyMode } from './compose-form.ts';

/** Builds the prefilled form for a message, in the reader's language. */
export function useReplyForm(): (message: Message, mode: ReplyMode) => ComposeForm {
  const { t, i18n } = useTranslation();
  const session = useSession();
  return (message, mode) => {
    const when = formatFullDate(message.date, i18n.language);
    return prefill(message, mode, session.data?.address ?? '', {
      intro: t('compose.quoteIntro', { date: when, sender: senderOf(message) }),
      forwarded: t('compose.forwarded'),
      from: t('reader.from'),
      to: t('reader.to'),
      subject: t('compose.subject'),
      date: t('reader.date'),
      when,
    });
  };
}

export function ReplyActions(props: {
  message: Message;
  onCompose: (mode: ReplyMode, message: Message) => void;
}) {
  const { t } = useTranslation();
  const modes: readonly ReplyMode[] = ['reply', 'replyAll', 'forward'];
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
          {t(`compose.${mode}`)}
        </button>
      ))}
    </div>
  );
}
