// The signed-in principal, as AdminLayout hands it to the section screens.
import { useOutletContext } from 'react-router';
import type { AdminSession } from './admin-api.ts';

export function usePrincipal(): AdminSession {
  return useOutletContext<AdminSession>();
}
