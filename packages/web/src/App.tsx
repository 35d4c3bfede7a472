// Routes: the sign-in screen, and the mailbox behind a session guard.
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, Outlet, RouterProvider, useLocation } from 'react-router';
import { ApiError } from './api/client.ts';
import { useSession } from './api/queries.ts';
import { SignIn } from './features/auth/SignIn.tsx';
import { Mailbox } from './features/mailbox/Mailbox.tsx';
import { Security } from './features/security/Security.tsx';
import { Notices } from './features/notices/Notices.tsx';
import { PlanRenewal } from './features/plan/PlanRenewal.tsx';
import { ContactDetails } from './features/contact/ContactDetails.tsx';
import { SecurityArchiveSettings } from './features/security-archive/SecurityArchiveSettings.tsx';
import { RecoverRequest } from './features/recovery/RecoverRequest.tsx';
import { RecoverReset } from './features/recovery/RecoverReset.tsx';
import { OrdinaryMailSettings } from './features/incoming/OrdinaryMailSettings.tsx';
import { RulesSettings } from './features/incoming/RulesSettings.tsx';
import { AntispamSettings } from './features/incoming/AntispamSettings.tsx';
import { Dashboard } from './features/dashboard/Dashboard.tsx';
import { Options } from './features/settings/Options.tsx';
import { PreferencesSync } from './features/settings/preferences-api.tsx';
import { SettingsHub } from './features/settings/SettingsHub.tsx';
import { AdminLayout } from './features/admin/AdminLayout.tsx';
import { AdminSignIn } from './features/admin/AdminSignIn.tsx';
import { AdminTokens } from './features/admin/AdminTokens.tsx';
import { AdminRecoverRequest } from './features/admin/AdminRecoverRequest.tsx';
import { AdminRecoverReset } from './features/admin/AdminRecoverReset.tsx';
import { AdminAudit } from './features/admin/AdminAudit.tsx';
import { OperatorDomains } from './features/operator/OperatorDomains.tsx';
import { OperatorHealth } from './features/operator/OperatorHealth.tsx';
import { OperatorLog } from './features/operator/OperatorLog.tsx';
import { OperatorQueue } from './features/operator/OperatorQueue.tsx';
import { OperatorQuarantine } from './features/operator/OperatorQuarantine.tsx';
import { OperatorPostmasters } from './features/operator/OperatorPostmasters.tsx';
import { OperatorPlans } from './features/operator/OperatorPlans.tsx';
import { OperatorBoxes } from './features/operator/OperatorBoxes.tsx';
import { OperatorBoxCard } from './features/operator/OperatorBoxCard.tsx';
import { OperatorIndex } from './features/operator/OperatorIndex.tsx';
import { AdminBoxes } from './features/admin/AdminBoxes.tsx';
import { AdminBoxCard } from './features/admin/AdminBoxCard.tsx';
import { AdminNewBox } from './features/admin/AdminNewBox.tsx';
import { AdminImport } from './features/admin/AdminImport.tsx';
import { AdminDefaults } from './features/admin/AdminDefaults.tsx';
import { Integrations } from './features/integrations/Integrations.tsx';
import { ClientSetup } from './features/integrations/ClientSetup.tsx';
import { OperatorWebhooks } from './features/operator/OperatorWebhooks.tsx';
import { ScheduledList } from './features/scheduled/ScheduledList.tsx';
import { Contacts } from './features/contacts/Contacts.tsx';
import { Calendar } from './features/calendar/Calendar.tsx';
import { BrandMark } from './ui/Brand.tsx';
import { problemMessage } from './ui/problem.ts';

function RequireSession() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <div className="page-note">{t('app.loading')}</div>;
  if (session.error instanceof ApiError && session.error.status === 401) {
    return <Navigate to="/signin" replace state={{ from: location.pathname + location.search }} />;
  }
  if (session.isError) {
    return (
      <div className="page-note page-problem" role="alert">
        <BrandMark size={48} />
        <h1>{t('app.problemTitle')}</h1>
        <p>{problemMessage(t, session.error)}</p>
        <button type="button" className="button" onClick={() => void session.refetch()}>
          {t('list.retry')}
        </button>
      </div>
    );
  }
  return (
    <>
      <PreferencesSync />
      <Outlet />
    </>
  );
}

const router = createBrowserRouter([
  { path: '/signin', element: <SignIn /> },
  { path: '/recover', element: <RecoverRequest /> },
  { path: '/recover/:token', element: <RecoverReset /> },
  {
    element: <RequireSession />,
    children: [
      { path: '/', element: <Mailbox /> },
      // One route for every mailbox URL, so the shell stays mounted while messages open and close.
      { path: '/f/*', element: <Mailbox /> },
      { path: '/settings/security', element: <Security /> },
      { path: '/scheduled', element: <ScheduledList /> },
      { path: '/contacts', element: <Contacts /> },
      { path: '/calendar', element: <Calendar /> },
      { path: '/settings/notices', element: <Notices /> },
      { path: '/settings/plan', element: <PlanRenewal /> },
      { path: '/settings/contact', element: <ContactDetails /> },
      { path: '/settings/security-archive', element: <SecurityArchiveSettings /> },
      { path: '/settings/ordinary-mail', element: <OrdinaryMailSettings /> },
      { path: '/settings/rules', element: <RulesSettings /> },
      { path: '/settings/antispam', element: <AntispamSettings /> },
      { path: '/settings', element: <SettingsHub /> },
      { path: '/home', element: <Dashboard /> },
      { path: '/settings/options', element: <Options /> },
      { path: '/settings/integrations', element: <Integrations /> },
      { path: '/settings/mail-client', element: <ClientSetup /> },
    ],
  },
  { path: '/admin/signin', element: <AdminSignIn /> },
  { path: '/admin/recover', element: <AdminRecoverRequest /> },
  { path: '/admin/recover/:token', element: <AdminRecoverReset /> },
  {
    path: '/admin',
    element: <AdminLayout />,
    children: [
      { path: 'boxes', element: <AdminBoxes /> },
      { path: 'boxes/new', element: <AdminNewBox /> },
      { path: 'boxes/:address', element: <AdminBoxCard /> },
      { path: 'import', element: <AdminImport /> },
      { path: 'defaults', element: <AdminDefaults /> },
      { path: 'audit', element: <AdminAudit /> },
      { path: 'tokens', element: <AdminTokens /> },
      { path: 'operator/health', element: <OperatorHealth /> },
      { path: 'operator/log', element: <OperatorLog /> },
      { path: 'operator/queue', element: <OperatorQueue /> },
      { path: 'operator/domains', element: <OperatorDomains /> },
      { path: 'operator/quarantine', element: <OperatorQuarantine /> },
      { path: 'operator/postmasters', element: <OperatorPostmasters /> },
      { path: 'operator/plans', element: <OperatorPlans /> },
      { path: 'operator/boxes', element: <OperatorBoxes /> },
      { path: 'operator/boxes/:address', element: <OperatorBoxCard /> },
      { path: 'operator/index', element: <OperatorIndex /> },
      { path: 'operator/webhooks', element: <OperatorWebhooks /> },
      { path: '*', element: <Navigate to="/admin" replace /> },
    ],
  },
  { path: '*', element: <Navigate to="/" replace /> },
]);

export function App() {
  return <RouterProvider router={router} />;
}
