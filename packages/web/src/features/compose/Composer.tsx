// Compose: a side sheet on a desktop, the whole screen on a phone (one native modal <dialog>, so
// focus stays inside and Escape closes). Drafts are saved a few seconds after the last edit, on
// demand and on closing; "Send" closes the sheet and counts down with "Undo" before the request
// leaves; a refusal reopens the sheet with the reasons; the clock schedules it. Decisions 0012, 0024.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { composeApi } from '../../api/compose-api.ts';
import { keys } from '../../api/queries.ts';
import { Icon } from '../../ui/Icon.tsx';
import { AttachmentField } from './AttachmentField.tsx';
import { ComposeWarning } from './ComposeWarning.tsx';
import {
  fieldsOf,
  isBlank,
  looksLikeAddress,
  readAsBase64,
  sizeProblem,
  type ComposeForm,
} from './compose-form.ts';
import { DraftStatusLine, type DraftStatus } from './DraftStatusLine.tsx';
import { MessageBodyField } from './MessageBodyField.tsx';
import { ReceiptTypeField } from './ReceiptTypeField.tsx';
import { RecipientField } from './RecipientField.tsx';
import { plainToHtml, preferredFormat } from './rich-text.ts';
import { SendToast, type SendPhase } from './SendToast.tsx';
import { SchedulePicker } from './SchedulePicker.tsx';
import { scheduleMessage } from './schedule-message.ts';
import { composeTitle, sizeText } from './compose-text.ts';
import '../../styles/compose.css';
import { sendErrorOf, type SendError } from './compose-problem.ts';
import { SendErrorAlert } from './SendErrorAlert.tsx';
import { useRecipientChecks } from './use-recipient-checks.ts';

/** What opens the sheet; a new `key` starts a new message. */
export interface ComposeRequest {
  key: number;
  form: ComposeForm;
  mode: 'new' | 'reply' | 'forward' | 'draft';
}

/** A new message starts in the holder's preferred format; a reopened draft stays as it was saved. */
function startingForm(request: ComposeRequest): ComposeForm {
  const { form } = request;
  if (request.mode === 'draft' || form.html !== null || preferredFormat() === 'plain') return form;
  return { ...form, html: plainToHtml(form.text) };
}

/** Seconds the holder has to undo a send. */
export const undoSeconds = 5;
/** Seconds after the last edit before the draft is saved. */
export const autosaveSeconds = 3;

export function Composer(props: { request: ComposeRequest | null }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const titleId = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [seenKey, setSeenKey] = useState<number | null>(null);
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<ComposeForm | null>(null);
  const [mode, setMode] = useState<ComposeRequest['mode']>('new');
  const [version, setVersion] = useState(0);
  const [savedVersion, setSavedVersion] = useState(0);
  const [draft, setDraft] = useState<DraftStatus>({ kind: 'idle' });
  const [error, setError] = useState<SendError | null>(null);
  const [phase, setPhase] = useState<SendPhase | null>(null);
  /** The message counting down to its send (kept apart: a new compose may open meanwhile). */
  const [pending, setPending] = useState<ComposeForm | null>(null);
  const saving = useRef<Promise<void> | null>(null);

  // A new request (a new key) starts a new message: state from the previous render's props.
  if (props.request !== null && props.request.key !== seenKey) {
    setSeenKey(props.request.key);
    setForm(startingForm(props.request));
    setMode(props.request.mode);
    setVersion(0);
    setSavedVersion(0);
    setDraft({ kind: 'idle' });
    setError(null);
    setOpen(true);
  }

  const limits = useQuery({ queryKey: ['outgoing-limits'], queryFn: composeApi.limits, staleTime: Infinity });
  const checks = useRecipientChecks(form);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog === null) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const edit = (patch: Partial<ComposeForm>) => {
    setForm((current) => (current === null ? current : { ...current, ...patch }));
    setVersion((v) => v + 1);
  };

  const saveDraft = (current: ComposeForm, at: number): Promise<void> => {
    if (saving.current !== null || isBlank(current)) return saving.current ?? Promise.resolve();
    setDraft({ kind: 'saving' });
    const work = composeApi
      .saveDraft(fieldsOf(current), current.draftUid)
      .then((saved) => {
        setForm((f) => (f === null ? f : { ...f, draftUid: saved.uid }));
        setSavedVersion(at);
        setDraft({ kind: 'saved', at: new Date() });
        void queryClient.invalidateQueries({ queryKey: keys.folders });
        void queryClient.invalidateQueries({ queryKey: ['messages', saved.folderId] });
      })
      .catch(() => {
        setDraft({ kind: 'error' });
      })
      .finally(() => {
        saving.current = null;
      });
    saving.current = work;
    return work;
  };

  // Autosave: a few seconds after the last edit (pending edits made while saving come next).
  useEffect(() => {
    if (!open || form === null || version === savedVersion || draft.kind === 'saving') return;
    const timer = setTimeout(() => void saveDraft(form, version), autosaveSeconds * 1000);
    return () => {
      clearTimeout(timer);
    };
  });

  async function deliver(current: ComposeForm) {
    setPhase({ kind: 'sending' });
    try {
      await saving.current;
      const result = await composeApi.send(fieldsOf(current), current.draftUid);
      setPhase({ kind: 'accepted', identifier: result.identifier });
      setPending(null);
      setForm((shown) => (shown === current ? null : shown));
      void queryClient.invalidateQueries({ queryKey: keys.folders });
      void queryClient.invalidateQueries({ queryKey: ['messages'] });
    } catch (failure) {
      setPhase(null);
      setPending(null);
      setForm(current);
      setError(sendErrorOf(t, failure));
      setOpen(true);
    }
  }

  // The undo countdown; at zero the request leaves.
  useEffect(() => {
    if (phase?.kind !== 'countdown' || pending === null) return;
    const timer = setTimeout(() => {
      if (phase.seconds > 1) setPhase({ kind: 'countdown', seconds: phase.seconds - 1 });
      else void deliver(pending);
    }, 1000);
    return () => {
      clearTimeout(timer);
    };
  });

  const toast = (
    <SendToast
      phase={phase}
      onUndo={() => {
        setPhase(null);
        if (pending !== null) setForm(pending);
        setPending(null);
        setOpen(true);
      }}
      onDismiss={() => {
        setPhase(null);
      }}
    />
  );
  if (form === null) return toast;

  const invalid = [...form.to, ...form.cc].filter(
    (a) => !looksLikeAddress(a) || checks.get(a.toLowerCase())?.valid === false,
  );
  const notInIndex = [...form.to, ...form.cc].filter(
    (a) => checks.get(a.toLowerCase())?.kind === 'not-in-index',
  );
  const tooBig = sizeProblem(form, limits.data);

  function close() {
    if (form !== null && version !== savedVersion && !isBlank(form)) void saveDraft(form, version);
    setOpen(false);
  }

  async function discard() {
    const uid = form?.draftUid ?? null;
    setForm(null);
    setOpen(false);
    if (uid !== null) {
      await composeApi.deleteDraft(uid).catch(() => undefined);
      void queryClient.invalidateQueries({ queryKey: keys.folders });
      void queryClient.invalidateQueries({ queryKey: ['messages'] });
    }
  }

  function blocker(current: ComposeForm): SendError | null {
    if (current.to.length === 0) return { title: t('compose.errors.noRecipient'), reasons: [] };
    if (invalid.length > 0)
      return { title: t('compose.errors.invalidAddress', { addresses: invalid.join(', ') }), reasons: [] };
    return tooBig === null ? null : { title: sizeText(t, i18n.language, tooBig), reasons: [] };
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (form === null) return;
    setError(blocker(form));
    if (blocker(form) !== null) return;
    setOpen(false);
    setPending(form);
    setPhase({ kind: 'countdown', seconds: undoSeconds });
  }

  async function scheduleFrom(current: ComposeForm, when: { sendAt: Date; timeZone: string }) {
    setError(blocker(current));
    if (blocker(current) !== null) return;
    await saving.current;
    try {
      setPhase({ kind: 'note', text: await scheduleMessage(queryClient, t, i18n.language, current, when) });
      setForm(null);
      setOpen(false);
    } catch (failure) {
      setError(sendErrorOf(t, failure));
    }
  }

  async function addFiles(files: File[]) {
    const read = await Promise.all(
      files.map(async (file) => ({
        key: `${file.name}-${String(file.size)}-${String(Math.random())}`,
        name: file.name,
        contentType: file.type === '' ? 'application/octet-stream' : file.type,
        size: file.size,
        content: await readAsBase64(file),
      })),
    );
    setForm((current) =>
      current === null ? current : { ...current, attachments: [...current.attachments, ...read] },
    );
    setVersion((v) => v + 1);
  }

  return (
    <>
      <dialog
        ref={dialogRef}
        className="compose-sheet"
        aria-labelledby={titleId}
        onCancel={(event) => {
          event.preventDefault();
          close();
        }}
        onDragOver={(event) => {
          event.preventDefault();
        }}
        onDrop={(event) => {
          event.preventDefault();
          const files = Array.from(event.dataTransfer.files);
          if (files.length > 0) void addFiles(files);
        }}
      >
        <form className="compose-form" onSubmit={submit} noValidate>
          <header className="compose-head">
            <h2 id={titleId}>{composeTitle(t, mode)}</h2>
            <DraftStatusLine draft={draft} />
            <button type="button" className="icon-button" title={t('compose.close')} onClick={close}>
              <Icon name="close" />
              <span className="visually-hidden">{t('compose.close')}</span>
            </button>
          </header>
          <div className="compose-body">
            {error !== null && <SendErrorAlert error={error} />}
            <RecipientField
              label={t('compose.to')}
              addresses={form.to}
              checks={checks}
              invalid={invalid.some((a) => form.to.includes(a))}
              autoFocus={form.to.length === 0}
              onChange={(to) => {
                edit({ to });
              }}
            />
            <RecipientField
              label={t('compose.cc')}
              addresses={form.cc}
              checks={checks}
              invalid={invalid.some((a) => form.cc.includes(a))}
              onChange={(cc) => {
                edit({ cc });
              }}
            />
            <p className="compose-hint">{t('compose.addressesHint')}</p>
            {notInIndex.length > 0 && (
              <ComposeWarning>
                {t('compose.notInIndex', { count: notInIndex.length, addresses: notInIndex.join(', ') })}
              </ComposeWarning>
            )}
            <div className="compose-row">
              <label className="cf-label" htmlFor={`${titleId}-subject`}>
                {t('compose.subject')}
              </label>
              <input
                id={`${titleId}-subject`}
                type="text"
                value={form.subject}
                maxLength={900}
                autoFocus={form.to.length > 0 && form.subject === ''}
                onChange={(event) => {
                  edit({ subject: event.target.value });
                }}
              />
            </div>
            <ReceiptTypeField
              id={`${titleId}-receipt`}
              value={form.receiptType}
              onChange={(receiptType) => {
                edit({ receiptType });
              }}
            />
            <MessageBodyField
              key={seenKey}
              id={`${titleId}-text`}
              form={form}
              autoFocus={form.to.length > 0 && form.subject !== ''}
              onChange={edit}
            />
            <AttachmentField
              attachments={form.attachments}
              limitBytes={limits.data?.maxMessageBytes}
              onAdd={(files) => void addFiles(files)}
              onRemove={(key) => {
                edit({ attachments: form.attachments.filter((a) => a.key !== key) });
              }}
            />
            {tooBig !== null && <ComposeWarning>{sizeText(t, i18n.language, tooBig)}</ComposeWarning>}
          </div>
          <footer className="compose-foot">
            <span className="send-split">
              <button type="submit" className="button primary">
                <Icon name="sent" size={18} />
                {t('compose.send')}
              </button>
              <SchedulePicker
                onSchedule={(sendAt, timeZone) => void scheduleFrom(form, { sendAt, timeZone })}
              />
            </span>
            <button
              type="button"
              className="button"
              disabled={isBlank(form) || draft.kind === 'saving'}
              onClick={() => void saveDraft(form, version)}
            >
              {t('compose.saveDraft')}
            </button>
            <span className="topbar-spacer" />
            <button type="button" className="button ghost danger" onClick={() => void discard()}>
              <Icon name="trash" size={18} />
              <span className="discard-label">{t('compose.discard')}</span>
            </button>
          </footer>
        </form>
      </dialog>
      {toast}
    </>
  );
}
