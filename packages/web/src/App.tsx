// Routes: the sign-in screen, and the mailbox behind a session guard.
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, Outlet, RouterProvider, useLocation } from 'react-router';
import { ApiError } from './api/client.ts';
import { useSession } from './api/queries.ts';
import { SignIn } from './features/auth/SignIn.tsx';
import { Mailbox } from './features/mailbox/Mailbox.tsx';
import { Security } from './features/security/Security.tsx';
import { Notices } from './features/notices/Notices.tsx';
import { RecoverRequest } from './features/recovery/RecoverRequest.tsx';
import { RecoverReset } from './features/recovery/RecoverReset.tsx';
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
  return <Outlet />;
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
      { path: '/settings/notices', element: <Notices /> },
    ],
  },
  { path: '*', element: <Navigate to="/" replace /> },
]);

export function App() {
  return <RouterProvider router={router} />;
}
