// The customer domain a panel screen works on: kept in the URL (?domain=), the first administered
// domain by default; a select when the principal has several, plain text when only one.
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAdminDomains, type AdministeredDomain } from './panel-api.ts';

export function useSelectedDomain(): {
  domain: AdministeredDomain | undefined;
  all: AdministeredDomain[];
  loading: boolean;
} {
  const domains = useAdminDomains();
  const [params] = useSearchParams();
  const all = domains.data?.domains ?? [];
  const wanted = params.get('domain');
  return { domain: all.find((d) => d.name === wanted) ?? all[0], all, loading: domains.isPending };
}

export function DomainPicker() {
  const { t } = useTranslation();
  const { domain, all } = useSelectedDomain();
  const [params, setParams] = useSearchParams();
  if (domain === undefined) return null;
  if (all.length === 1) return <p className="admin-domain-name">{domain.name}</p>;
  return (
    <label className="admin-domain-picker">
      <span>{t('admin.panel.domain')}</span>
      <select
        value={domain.name}
        onChange={(event) => {
          const next = new URLSearchParams(params);
          next.set('domain', event.target.value);
          setParams(next);
        }}
      >
        {all.map((d) => (
          <option key={d.name} value={d.name}>
            {d.name}
          </option>
        ))}
      </select>
    </label>
  );
}
