// The sections of the administrative web app, as AdminLayout's navigation shows them: one line
// per section (path under /admin, its title key in the `admin` catalogue, the roles that see it).
// A section's screen is one route line in App.tsx under the AdminLayout element.
import type { AdminRole } from './admin-api.ts';

export interface AdminSection {
  readonly path: string;
  readonly titleKey: `admin.sections.${string}`;
  readonly roles: readonly AdminRole[];
}

export const adminSections: readonly AdminSection[] = [
  { path: '/admin/boxes', titleKey: 'admin.sections.boxes', roles: ['postmaster', 'admin', 'support'] },
  { path: '/admin/import', titleKey: 'admin.sections.import', roles: ['postmaster', 'admin'] },
  { path: '/admin/defaults', titleKey: 'admin.sections.defaults', roles: ['postmaster', 'admin'] },
  { path: '/admin/audit', titleKey: 'admin.sections.audit', roles: ['admin', 'auditor'] },
  { path: '/admin/operator/health', titleKey: 'admin.sections.operatorHealth', roles: ['admin', 'support'] },
  { path: '/admin/operator/log', titleKey: 'admin.sections.operatorLog', roles: ['admin', 'auditor'] },
  { path: '/admin/operator/queue', titleKey: 'admin.sections.operatorQueue', roles: ['admin', 'support'] },
  {
    path: '/admin/operator/quarantine',
    titleKey: 'admin.sections.operatorQuarantine',
    roles: ['admin', 'support'],
  },
  {
    path: '/admin/operator/domains',
    titleKey: 'admin.sections.operatorDomains',
    roles: ['admin', 'support'],
  },
  {
    path: '/admin/operator/postmasters',
    titleKey: 'admin.sections.operatorPostmasters',
    roles: ['admin', 'support'],
  },
  { path: '/admin/operator/plans', titleKey: 'admin.sections.operatorPlans', roles: ['admin', 'support'] },
  { path: '/admin/operator/boxes', titleKey: 'admin.sections.operatorBoxes', roles: ['admin', 'support'] },
  { path: '/admin/operator/index', titleKey: 'admin.sections.operatorIndex', roles: ['admin', 'support'] },
  {
    path: '/admin/operator/webhooks',
    titleKey: 'admin.sections.operatorWebhooks',
    roles: ['admin', 'support'],
  },
  {
    path: '/admin/tokens',
    titleKey: 'admin.sections.tokens',
    roles: ['postmaster', 'admin', 'support', 'auditor'],
  },
];

/** The sections a role sees, in order. */
export function sectionsFor(role: AdminRole): AdminSection[] {
  return adminSections.filter((section) => section.roles.includes(role));
}
