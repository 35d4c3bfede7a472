// Postmasters (/admin/operator/postmasters; admin and support read, admin changes): who manages
// which customer domains and when they last signed in; for admin a new postmaster, the domains
// assigned, a password reset (shown once, the sessions end) and removal.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFullDate } from '../../i18n/format.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { problemMessage } from '../../ui/problem.ts';
import { useAdminSession } from '../admin/admin-api.ts';
import { operatorApi, operatorKeys, type Postmaster } from './operator-api.ts';

/** The domains as checkboxes, at least one to be chosen. */
function DomainChoice(props: { idPrefix: string; chosen: string[]; onChange: (domains: string[]) => void }) {
  const { t } = useTranslation();
  const domains = useQuery({ queryKey: operatorKeys.domains, queryFn: operatorApi.domains });
  return (
    <fieldset className="admin-choice">
      <legend>{t('operator.postmasters.domains')}</legend>
      {(domains.data ?? []).map((domain) => (
        <label className="check" key={domain.name} htmlFor={`${props.idPrefix}-${domain.name}`}>
          <input
            id={`${props.idPrefix}-${domain.name}`}
            type="checkbox"
            checked={props.chosen.includes(domain.name)}
            onChange={(event) => {
              props.onChange(
                event.target.checked
                  ? [...props.chosen, domain.name]
                  : props.chosen.filter((name) => name !== domain.name),
              );
            }}
          />
          <span>{domain.name}</span>
        </label>
      ))}
    </fieldset>
  );
}

function NewPostmaster({ onDone }: { onDone: (password: { email: string; password: string }) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [domains, setDomains] = useState<string[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: () =>
      operatorApi.addPostmaster({
        email: email.trim(),
        domains,
        ...(displayName.trim() === '' ? {} : { displayName: displayName.trim() }),
      }),
    onSuccess: (answer) => {
      setEmail('');
      setDisplayName('');
      setDomains([]);
      onDone({ email: answer.postmaster.email, password: answer.password });
    },
    onError: (error) => {
      setFailure(problemMessage(t, error));
    },
    onSettled: () => client.invalidateQueries({ queryKey: operatorKeys.postmasters }),
  });

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    if (!email.includes('@')) {
      setFailure(t('operator.postmasters.emailNeeded'));
      return;
    }
    if (domains.length === 0) {
      setFailure(t('operator.postmasters.domainNeeded'));
      return;
    }
    add.mutate();
  }

  return (
    <>
      <h2 id="new-postmaster-title">{t('operator.postmasters.add')}</h2>
      {failure !== null && (
        <p className="alert" role="alert">
          {failure}
        </p>
      )}
      <form className="admin-form" noValidate aria-labelledby="new-postmaster-title" onSubmit={submit}>
        <div className="field">
          <label htmlFor="postmaster-email">{t('operator.postmasters.email')}</label>
          <input
            id="postmaster-email"
            type="email"
            autoComplete="off"
            value={email}
            onChange={(event) => {
              setEmail(event.target.value);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="postmaster-name">{t('operator.postmasters.name')}</label>
          <input
            id="postmaster-name"
            type="text"
            autoComplete="off"
            value={displayName}
            onChange={(event) => {
              setDisplayName(event.target.value);
            }}
          />
        </div>
        <DomainChoice idPrefix="new-postmaster" chosen={domains} onChange={setDomains} />
        <div className="admin-form-actions">
          <button type="submit" className="button primary" disabled={add.isPending}>
            {t('operator.postmasters.addButton')}
          </button>
        </div>
      </form>
    </>
  );
}

function DomainsDialog({ postmaster, onClose }: { postmaster: Postmaster | null; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  // Keyed by the postmaster (below), so the choice starts from their domains each time.
  const [chosen, setChosen] = useState<string[]>(postmaster?.domains ?? []);
  const [failure, setFailure] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => operatorApi.setPostmasterDomains(postmaster?.email ?? '', chosen),
    onSuccess: onClose,
    onError: (error) => {
      setFailure(problemMessage(t, error));
    },
    onSettled: () => client.invalidateQueries({ queryKey: operatorKeys.postmasters }),
  });
  return (
    <Dialog
      open={postmaster !== null}
      title={t('operator.postmasters.domainsOf', { email: postmaster?.email ?? '' })}
      closeLabel={t('operator.close')}
      onClose={onClose}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (chosen.length === 0) setFailure(t('operator.postmasters.domainNeeded'));
          else save.mutate();
        }}
      >
        {failure !== null && (
          <p className="alert" role="alert">
            {failure}
          </p>
        )}
        <DomainChoice idPrefix="edit-postmaster" chosen={chosen} onChange={setChosen} />
        <div className="admin-form-actions">
          <button type="submit" className="button primary" disabled={save.isPending}>
            {t('operator.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function OperatorPostmasters() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const session = useAdminSession();
  const canWrite = session.data?.role === 'admin';
  const [password, setPassword] = useState<{ email: string; password: string } | null>(null);
  const [editing, setEditing] = useState<Postmaster | null>(null);
  const [removing, setRemoving] = useState<Postmaster | null>(null);
  const postmasters = useQuery({ queryKey: operatorKeys.postmasters, queryFn: operatorApi.postmasters });
  const reset = useMutation({
    mutationFn: (email: string) => operatorApi.resetPostmasterPassword(email),
    onSuccess: (answer, email) => {
      setPassword({ email, password: answer.password });
    },
  });
  const remove = useMutation({
    mutationFn: (email: string) => operatorApi.removePostmaster(email),
    onSuccess: () => {
      setRemoving(null);
    },
    onSettled: () => client.invalidateQueries({ queryKey: operatorKeys.postmasters }),
  });
  const toggle = useMutation({
    mutationFn: (postmaster: Postmaster) =>
      operatorApi.setPostmasterDisabled(postmaster.email, postmaster.disabledAt === null),
    onSettled: () => client.invalidateQueries({ queryKey: operatorKeys.postmasters }),
  });
  const failure = postmasters.error ?? reset.error ?? remove.error ?? toggle.error;

  return (
    <section className="admin-section" aria-labelledby="postmasters-title">
      <h1 id="postmasters-title">{t('operator.postmasters.title')}</h1>
      <p className="hint">{t('operator.postmasters.hint')}</p>
      {failure !== null && (
        <p className="alert" role="alert">
          {problemMessage(t, failure)}
        </p>
      )}
      {password !== null && (
        <div className="operator-card" role="status">
          <p>{t('operator.postmasters.passwordFor', { email: password.email })}</p>
          <p className="admin-secret">{password.password}</p>
          <p className="hint">{t('operator.postmasters.passwordOnce')}</p>
        </div>
      )}
      {postmasters.isSuccess && postmasters.data.length === 0 && (
        <p className="admin-empty">{t('operator.postmasters.empty')}</p>
      )}
      {postmasters.isSuccess && postmasters.data.length > 0 && (
        <div className="admin-table-wrap">
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">{t('operator.postmasters.postmaster')}</th>
                <th scope="col">{t('operator.postmasters.domains')}</th>
                <th scope="col">{t('operator.postmasters.lastSignIn')}</th>
                {canWrite && <th scope="col">{t('operator.queue.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {postmasters.data.map((postmaster) => (
                <tr key={postmaster.email}>
                  <td data-label={t('operator.postmasters.postmaster')} className="admin-cell-wrap">
                    <div>
                      <span className="admin-cell-strong">{postmaster.email}</span>
                      {postmaster.displayName !== '' && (
                        <span className="admin-cell-sub">{postmaster.displayName}</span>
                      )}
                      {postmaster.disabledAt !== null && (
                        <span className="admin-cell-sub">{t('operator.postmasters.disabledBadge')}</span>
                      )}
                    </div>
                  </td>
                  <td data-label={t('operator.postmasters.domains')} className="admin-cell-wrap">
                    {postmaster.domains.join(', ')}
                  </td>
                  <td data-label={t('operator.postmasters.lastSignIn')}>
                    {postmaster.lastSignInAt === null
                      ? t('operator.postmasters.never')
                      : formatFullDate(postmaster.lastSignInAt, i18n.language)}
                  </td>
                  {canWrite && (
                    <td data-label={t('operator.queue.actions')}>
                      <span className="operator-buttons">
                        <button
                          type="button"
                          className="button"
                          aria-label={t('operator.postmasters.editDomainsOf', { email: postmaster.email })}
                          onClick={() => {
                            setEditing(postmaster);
                          }}
                        >
                          {t('operator.postmasters.editDomains')}
                        </button>
                        <button
                          type="button"
                          className="button"
                          disabled={reset.isPending}
                          aria-label={t('operator.postmasters.resetOf', { email: postmaster.email })}
                          onClick={() => {
                            reset.mutate(postmaster.email);
                          }}
                        >
                          {t('operator.postmasters.reset')}
                        </button>
                        <button
                          type="button"
                          className="button"
                          disabled={toggle.isPending}
                          aria-label={t(
                            postmaster.disabledAt === null
                              ? 'operator.postmasters.disableOf'
                              : 'operator.postmasters.enableOf',
                            { email: postmaster.email },
                          )}
                          onClick={() => {
                            toggle.mutate(postmaster);
                          }}
                        >
                          {t(
                            postmaster.disabledAt === null
                              ? 'operator.postmasters.disable'
                              : 'operator.postmasters.enable',
                          )}
                        </button>
                        <button
                          type="button"
                          className="button danger"
                          aria-label={t('operator.postmasters.removeOf', { email: postmaster.email })}
                          onClick={() => {
                            setRemoving(postmaster);
                          }}
                        >
                          {t('operator.postmasters.remove')}
                        </button>
                      </span>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canWrite && <NewPostmaster onDone={setPassword} />}
      {canWrite && (
        <DomainsDialog
          key={editing?.email ?? ''}
          postmaster={editing}
          onClose={() => {
            setEditing(null);
          }}
        />
      )}
      {canWrite && (
        <Dialog
          open={removing !== null}
          title={t('operator.postmasters.removeTitle', { email: removing?.email ?? '' })}
          closeLabel={t('operator.close')}
          onClose={() => {
            setRemoving(null);
          }}
        >
          <p className="dialog-hint">{t('operator.postmasters.removeHint')}</p>
          <div className="admin-form-actions">
            <button
              type="button"
              className="button danger"
              disabled={remove.isPending}
              onClick={() => {
                if (removing !== null) remove.mutate(removing.email);
              }}
            >
              {t('operator.postmasters.removeConfirm')}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
