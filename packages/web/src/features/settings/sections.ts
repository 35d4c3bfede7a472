// The sections of the settings hub (/settings), in the order the hub lists them. Each feature
// that has a settings screen adds one line: its route under /settings/ and its title's key.
export interface SettingsSection {
  path: string;
  titleKey: string;
}

export const settingsSections: SettingsSection[] = [
  { path: '/settings/options', titleKey: 'options.title' },
  { path: '/settings/security', titleKey: 'security.title' },
  { path: '/settings/ordinary-mail', titleKey: 'incoming.ordinary.title' },
  { path: '/settings/rules', titleKey: 'incoming.rules.title' },
  { path: '/settings/antispam', titleKey: 'incoming.antispam.title' },
  { path: '/settings/notices', titleKey: 'notices.title' },
  { path: '/settings/contact', titleKey: 'contact.title' },
  { path: '/settings/security-archive', titleKey: 'securityArchive.title' },
  { path: '/settings/mail-client', titleKey: 'clientSetup.title' },
  { path: '/settings/integrations', titleKey: 'integrations.title' },
  { path: '/settings/plan', titleKey: 'plan.title' },
];
