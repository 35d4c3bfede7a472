// The Contacts screen (/contacts, decision 0037): the address book with search, a group filter,
// add / edit / delete, .vcf import (with the cards left out and why) and export. Each address
// whose domain is in the providers' index is marked PEC.
import { useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { BackTopBar } from '../../ui/BackTopBar.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { problemMessage } from '../../ui/problem.ts';
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
      const problem =
        failure instanceof ApiError
          ? (failure.problem as Record<string, unknown> | null)?.['contactProblem']
          : undefined;
      setError(
        typeof problem === 'string'
          ? t(`contacts.problem.${problem}`, { defaultValue: problemMessage(t, failure) })
          : problemMessage(t, failure),
      );
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
      <label>
        {t('contacts.name')}
        <input
          value={name}
          onChange={(e) => {
            setName(e.target.value);
          }}
        />
      </label>
      <label>
        {t('contacts.pecAddresses')}
        <textarea
          rows={2}
          value={pec}
          onChange={(e) => {
            setPec(e.target.value);
          }}
          aria-describedby="contact-one-a-line"
        />
      </label>
      <label>
        {t('contacts.emailAddresses')}
        <textarea
          rows={2}
          value={emails}
          onChange={(e) => {
            setEmails(e.target.value);
          }}
          aria-describedby="contact-one-a-line"
        />
      </label>
      <p className="hint" id="contact-one-a-line">
        {t('contacts.oneALine')}
      </p>
      <label>
        {t('contacts.phones')}
        <input
          value={phones}
          onChange={(e) => {
            setPhones(e.target.value);
          }}
        />
      </label>
      <label>
        {t('contacts.groups')}
        <input
          value={groups}
          onChange={(e) => {
            setGroups(e.target.value);
          }}
          placeholder={t('contacts.groupsHint')}
        />
      </label>
      <label>
        {t('contacts.notes')}
        <textarea
          rows={3}
          value={notes}
          onChange={(e) => {
            setNotes(e.target.value);
          }}
        />
      </label>
      <div className="contact-form-actions">
        <button type="submit" className="button button-primary">
          {t('contacts.save')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            props.onDone(null);
          }}
        >
          {t('contacts.cancel')}
        </button>
      </div>
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
  const [note, setNote] = useState<string | null>(null);
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

  async function importFile(file: File) {
    try {
      const report = await contactsApi.importCards(await file.text());
      setNote(t('contacts.imported', { count: report.imported }));
      setRejected(report.rejected);
    } catch (failure) {
      setNote(problemMessage(t, failure));
    } finally {
      refresh();
    }
  }

  async function remove(contact: Contact) {
    try {
      await contactsApi.remove(contact.id);
      setNote(t('contacts.deleted', { name: contact.name }));
    } catch (failure) {
      setNote(problemMessage(t, failure));
    } finally {
      refresh();
    }
  }

  return (
    <div className="settings-page">
      <BackTopBar backLabel={t('contacts.back')} />
      <main className="settings-main" aria-labelledby="contacts-title">
        <h1 id="contacts-title">{t('contacts.title')}</h1>
        <p className="hint">{t('contacts.intro')}</p>
        <div className="contacts-toolbar">
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setEditing(null);
            }}
          >
            <Icon name="plus" size={18} />
            {t('contacts.add')}
          </button>
          <label className="button contacts-import">
            <Icon name="archive" size={18} />
            {t('contacts.import')}
            <input
              type="file"
              accept=".vcf,text/vcard"
              className="visually-hidden"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file !== undefined) void importFile(file);
                e.target.value = '';
              }}
            />
          </label>
          <a className="button" href={contactsApi.exportUrl} download="contacts.vcf">
            <Icon name="download" size={18} />
            {t('contacts.export')}
          </a>
        </div>
        <p className="scheduled-note" role="status">
          {note}
        </p>
        {rejected.length > 0 && (
          <section className="settings-section" aria-labelledby="contacts-rejected">
            <h2 id="contacts-rejected">{t('contacts.rejectedTitle')}</h2>
            <ul className="contacts-rejected">
              {rejected.map((r) => (
                <li key={r.card}>
                  {t('contacts.rejectedCard', { card: r.card, name: r.name ?? '—' })}{' '}
                  {t(`contacts.reason.${r.reason}`, { defaultValue: r.reason })}
                </li>
              ))}
            </ul>
          </section>
        )}
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
          <label>
            {t('contacts.search')}
            <input
              type="search"
              value={search}
              onChange={(e) => {
                setSearch(e.target.value);
              }}
            />
          </label>
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
