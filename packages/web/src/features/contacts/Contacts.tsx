// The Contacts screen (/contacts, decision 0037): the address book with search, a group filter,
// add / edit / delete, .vcf import (with the cards left out and why) and export. Each address
// whose domain is in the providers' index is marked PEC.
import { useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BackTopBar } from '../../ui/BackTopBar.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { ImportExportToolbar } from '../../ui/ImportExportToolbar.tsx';
import { ImportRejections } from '../../ui/ImportRejections.tsx';
import { LabelledInput, LabelledTextarea } from '../../ui/LabelledInput.tsx';
import { namedProblemMessage } from '../../ui/problem.ts';
import { SaveCancelActions } from '../../ui/SaveCancelActions.tsx';
import { useNotedActions } from '../../ui/use-noted-actions.ts';
import { contactsApi, contactsKey, useContacts, type Contact, type ContactFields } from './contacts-api.ts';
import '../../styles/security.css';
import '../../styles/contacts.css';

const lines = (text: string) =>
  text
    .split(/[\n,;]/)
    .map((s) => s.trim())
    .filter(Boolean);

function ContactForm(props: { contact: Contact | null; onDone: (note: string | null) => void }) {
  const { t } = useTranslation();
  const c = props.contact;
  const [name, setName] = useState(c?.name ?? '');
  const [pec, setPec] = useState((c?.pec ?? []).map((a) => a.address).join('\n'));
  const [emails, setEmails] = useState((c?.emails ?? []).map((a) => a.address).join('\n'));
  const [phones, setPhones] = useState((c?.phones ?? []).join('\n'));
  const [groups, setGroups] = useState((c?.groups ?? []).join(', '));
  const [notes, setNotes] = useState(c?.notes ?? '');
  const [error, setError] = useState<string | null>(null);

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const fields: ContactFields = {
      name,
      pec: lines(pec),
      emails: lines(emails),
      phones: lines(phones.replace(/,/g, '\n')),
      notes,
      groups: lines(groups),
    };
    try {
      if (c === null) await contactsApi.create(fields);
      else await contactsApi.update(c.id, fields);
      props.onDone(t('contacts.saved'));
    } catch (failure) {
      setError(namedProblemMessage(t, failure, 'contactProblem', 'contacts.problem'));
    }
  }

  return (
    <form
      className="settings-section contact-form"
      onSubmit={(e) => void submit(e)}
      aria-labelledby="contact-form-title"
    >
      <h2 id="contact-form-title">
        {c === null ? t('contacts.add') : t('contacts.editNamed', { name: c.name })}
      </h2>
      {error !== null && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      <LabelledInput label={t('contacts.name')} value={name} onChange={setName} />
      <LabelledTextarea
        label={t('contacts.pecAddresses')}
        rows={2}
        value={pec}
        onChange={setPec}
        aria-describedby="contact-one-a-line"
      />
      <LabelledTextarea
        label={t('contacts.emailAddresses')}
        rows={2}
        value={emails}
        onChange={setEmails}
        aria-describedby="contact-one-a-line"
      />
      <p className="hint" id="contact-one-a-line">
        {t('contacts.oneALine')}
      </p>
      <LabelledInput label={t('contacts.phones')} value={phones} onChange={setPhones} />
      <LabelledInput
        label={t('contacts.groups')}
        value={groups}
        onChange={setGroups}
        placeholder={t('contacts.groupsHint')}
      />
      <LabelledTextarea label={t('contacts.notes')} rows={3} value={notes} onChange={setNotes} />
      <SaveCancelActions
        saveLabel={t('contacts.save')}
        cancelLabel={t('contacts.cancel')}
        onCancel={() => {
          props.onDone(null);
        }}
      />
    </form>
  );
}

function AddressLine(props: { address: string; pec: boolean }) {
  const { t } = useTranslation();
  return (
    <span className="contact-address">
      {props.address}
      {props.pec && <span className="tag tag-ok">{t('contacts.pec')}</span>}
    </span>
  );
}

export function Contacts() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [group, setGroup] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Contact | null | undefined>(undefined);
  const [rejected, setRejected] = useState<{ card: number; name: string | null; reason: string }[]>([]);
  const list = useContacts(group);
  const wanted = search.trim().toLowerCase();
  const contacts = (list.data?.contacts ?? []).filter(
    (c) =>
      wanted === '' ||
      c.name.toLowerCase().includes(wanted) ||
      [...c.pec, ...c.emails].some((a) => a.address.toLowerCase().includes(wanted)),
  );
  const refresh = () => void client.invalidateQueries({ queryKey: contactsKey });
  const { note, setNote, run } = useNotedActions(refresh);

  const importFile = (file: File) =>
    run(async () => {
      const report = await contactsApi.importCards(await file.text());
      setRejected(report.rejected);
      return t('contacts.imported', { count: report.imported });
    });

  const remove = (contact: Contact) =>
    run(async () => {
      await contactsApi.remove(contact.id);
      return t('contacts.deleted', { name: contact.name });
    });

  return (
    <div className="settings-page">
      <BackTopBar backLabel={t('contacts.back')} />
      <main className="settings-main" aria-labelledby="contacts-title">
        <h1 id="contacts-title">{t('contacts.title')}</h1>
        <p className="hint">{t('contacts.intro')}</p>
        <ImportExportToolbar
          addLabel={t('contacts.add')}
          onAdd={() => {
            setEditing(null);
          }}
          importLabel={t('contacts.import')}
          accept=".vcf,text/vcard"
          onImport={(file) => void importFile(file)}
          exportLabel={t('contacts.export')}
          exportUrl={contactsApi.exportUrl}
          exportName="contacts.vcf"
        />
        <p className="scheduled-note" role="status">
          {note}
        </p>
        <ImportRejections id="contacts-rejected" title={t('contacts.rejectedTitle')}>
          {rejected.map((r) => (
            <li key={r.card}>
              {t('contacts.rejectedCard', { card: r.card, name: r.name ?? '—' })}{' '}
              {t(`contacts.reason.${r.reason}`, { defaultValue: r.reason })}
            </li>
          ))}
        </ImportRejections>
        {editing !== undefined && (
          <ContactForm
            key={editing?.id ?? 'new'}
            contact={editing}
            onDone={(done) => {
              setEditing(undefined);
              if (done !== null) setNote(done);
              refresh();
            }}
          />
        )}
        <div className="contacts-filters">
          <LabelledInput label={t('contacts.search')} type="search" value={search} onChange={setSearch} />
          <label>
            {t('contacts.group')}
            <select
              value={group ?? ''}
              onChange={(e) => {
                setGroup(e.target.value === '' ? null : e.target.value);
              }}
            >
              <option value="">{t('contacts.allGroups')}</option>
              {(list.data?.groups ?? []).map((g) => (
                <option key={g} value={g}>
                  {g}
                </option>
              ))}
            </select>
          </label>
        </div>
        {list.isError && (
          <p className="alert" role="alert">
            {t('contacts.loadError')}
          </p>
        )}
        {list.isSuccess && contacts.length === 0 && <p className="hint">{t('contacts.empty')}</p>}
        <ul className="settings-list" aria-label={t('contacts.title')}>
          {contacts.map((c) => (
            <li key={c.id} className="settings-item contact-item">
              <div className="settings-item-main">
                <strong>{c.name}</strong>
                {c.pec.map((a) => (
                  <AddressLine key={a.address} address={a.address} pec />
                ))}
                {c.emails.map((a) => (
                  <AddressLine key={a.address} address={a.address} pec={a.inIndex} />
                ))}
                {c.phones.length > 0 && <span className="meta">{c.phones.join(', ')}</span>}
                {c.groups.length > 0 && (
                  <span className="meta">
                    {t('contacts.groups')}: {c.groups.join(', ')}
                  </span>
                )}
              </div>
              <div className="scheduled-actions">
                <button
                  type="button"
                  className="button"
                  aria-label={t('contacts.editNamed', { name: c.name })}
                  onClick={() => {
                    setEditing(c);
                  }}
                >
                  <Icon name="edit" size={18} />
                  {t('contacts.edit')}
                </button>
                <button
                  type="button"
                  className="button"
                  aria-label={t('contacts.deleteNamed', { name: c.name })}
                  onClick={() => void remove(c)}
                >
                  <Icon name="trash" size={18} />
                  {t('contacts.delete')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      </main>
    </div>
  );
}
