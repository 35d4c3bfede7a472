// Bulk creation from CSV (/admin/import): pick or paste the file, check it (dry run: every bad row
// with its reasons, nothing created), then create the good rows and get the passwords as CSV.
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../../ui/problem.ts';
import { DomainPicker, useSelectedDomain } from './DomainPicker.tsx';
import { panelApi, type ImportReport } from './panel-api.ts';

const sample = 'address,holder name,tax code,contact e-mail,mobile,plan';

function passwordsCsv(report: ImportReport): string {
  const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return [
    'address,password',
    ...report.created.map((row) => `${quote(row.address)},${quote(row.password)}`),
  ].join('\r\n');
}

export function AdminImport() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { domain } = useSelectedDomain();
  const [csv, setCsv] = useState('');
  const [report, setReport] = useState<ImportReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (domain === undefined) return null;

  async function pick(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (file === undefined) return;
    setCsv(await file.text());
    setReport(null);
  }

  async function run(dryRun: boolean) {
    if (domain === undefined) return;
    setFailure(null);
    setBusy(true);
    try {
      setReport(await panelApi.import(domain.name, csv, dryRun));
      if (!dryRun) await client.invalidateQueries({ queryKey: ['admin'] });
    } catch (error) {
      setFailure(problemMessage(t, error));
    } finally {
      setBusy(false);
    }
  }

  const checked = report?.dryRun === true;
  return (
    <section className="admin-section" aria-labelledby="import-title">
      <h1 id="import-title">{t('admin.import.title')}</h1>
      <DomainPicker />
      <p className="hint">{t('admin.import.hint')}</p>
      <p className="hint">
        <code>{sample}</code>
      </p>
      <div className="field">
        <label htmlFor="import-file">{t('admin.import.file')}</label>
        <input id="import-file" type="file" accept=".csv,text/csv" onChange={(event) => void pick(event)} />
      </div>
      <div className="field">
        <label htmlFor="import-csv">{t('admin.import.paste')}</label>
        <textarea
          id="import-csv"
          className="admin-csv"
          spellCheck={false}
          value={csv}
          onChange={(event) => {
            setCsv(event.target.value);
            setReport(null);
          }}
        />
      </div>
      <div className="admin-form-actions">
        <button
          type="button"
          className="button"
          disabled={busy || csv.trim() === ''}
          onClick={() => void run(true)}
        >
          {t('admin.import.check')}
        </button>
        <button
          type="button"
          className="button primary"
          disabled={busy || !checked || report.valid === 0}
          onClick={() => void run(false)}
        >
          {checked ? t('admin.import.create', { count: report.valid }) : t('admin.import.createFirst')}
        </button>
      </div>
      {busy && <p role="status">{t('admin.import.working')}</p>}
      {failure !== null && (
        <p className="alert" role="alert">
          {failure}
        </p>
      )}
      {report !== null && (
        <div className={`admin-report ${report.bad.length === 0 ? 'ok' : 'bad'}`} role="status">
          <strong>
            {report.dryRun
              ? t('admin.import.dryRunSummary', {
                  rows: report.rows,
                  valid: report.valid,
                  bad: report.bad.length,
                })
              : t('admin.import.doneSummary', { created: report.created.length, bad: report.bad.length })}
          </strong>
          {report.bad.length > 0 && (
            <ul aria-label={t('admin.import.badRows')}>
              {report.bad.map((row) => (
                <li key={row.line}>
                  {t('admin.import.line', { line: row.line })} ·{' '}
                  <code>{row.address === '' ? '—' : row.address}</code>:{' '}
                  {row.problems
                    .map((problem) =>
                      t(`admin.import.problems.${problem.code}` as 'admin.import.problems.duplicate'),
                    )
                    .join('; ')}
                </li>
              ))}
            </ul>
          )}
          {!report.dryRun && report.created.length > 0 && (
            <p>
              <a
                className="button"
                download={`passwords-${report.domain}.csv`}
                href={`data:text/csv;charset=utf-8,${encodeURIComponent(passwordsCsv(report))}`}
              >
                {t('admin.import.passwords')}
              </a>
            </p>
          )}
        </div>
      )}
    </section>
  );
}
