// The administrative web app's frame (/admin/...): the guard (no administrative session → the
// admin sign-in), the app bar with the principal and sign-out, and the navigation built from
// admin-sections.ts for the principal's role. Section screens render in the Outlet.
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { BrandMark, ProviderName } from '../../ui/Brand.tsx';
import { LanguageSelect, ThemeToggle } from '../../ui/Preferences.tsx';
import { problemMessage } from '../../ui/problem.ts';
import { adminApi, useAdminSession } from './admin-api.ts';
import { adminSections, sectionsFor } from './admin-sections.ts';

export function AdminLayout() {
  const { t } = useTranslation();
  const session = useAdminSession();
  const location = useLocation();
  const navigate = useNavigate();
  const client = useQueryClient();
  if (session.isPending) return <div className="page-note">{t('app.loading')}</div>;
  if (session.error instanceof ApiError && session.error.status === 401)
    return <Navigate to="/admin/signin" replace state={{ from: location.pathname + location.search }} />;
  if (session.isError)
    return (
      <div className="page-note page-problem" role="alert">
        <p>{problemMessage(t, session.error)}</p>
      </div>
    );
  const principal = session.data;
  const sections = sectionsFor(principal.role);
  const first = sections[0];
  // The bare /admin, or a section the role does not have (its API would answer 404): the first one.
  const foreign = adminSections.some(
    (section) =>
      !section.roles.includes(principal.role) &&
      (location.pathname === section.path || location.pathname.startsWith(`${section.path}/`)),
  );
  if (location.pathname === '/admin' || location.pathname === '/admin/' || foreign)
    return first === undefined ? null : <Navigate to={first.path} replace />;

  async function signOut() {
    await adminApi.signOut().catch(() => undefined);
    client.removeQueries({ queryKey: ['admin'] });
    await navigate('/admin/signin', { replace: true });
  }

  return (
    <div className="admin-page">
      <header className="topbar admin-topbar">
        <span className="topbar-brand">
          <BrandMark size={28} />
          <span className="admin-brand-name">
            <ProviderName />
            <span className="admin-brand-sub">{t('admin.shell.title')}</span>
          </span>
        </span>
        <span className="topbar-spacer" />
        <span className="admin-principal" title={principal.email}>
          <span className="admin-principal-email">{principal.email}</span>
          <span className="tag">{t(`admin.roles.${principal.role}`)}</span>
        </span>
        <LanguageSelect compact />
        <ThemeToggle />
        <button type="button" className="button" onClick={() => void signOut()}>
          {t('admin.shell.signOut')}
        </button>
      </header>
      <nav className="admin-nav" aria-label={t('admin.shell.navigation')}>
        {sections.map((section) => (
          <NavLink key={section.path} to={section.path} className="admin-nav-link">
            {t(section.titleKey as 'admin.sections.boxes')}
          </NavLink>
        ))}
      </nav>
      <main className="admin-main">
        <Outlet context={principal} />
      </main>
    </div>
  );
}
