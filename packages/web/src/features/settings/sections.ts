// The settings sections the hub lists: each a screen at /settings/<section> and its title's key.
export const settingsSections: readonly { path: string; titleKey: string }[] = [
  { path: '/settings/security', titleKey: 'security.title' },
  { path: '/settings/ordinary-mail', titleKey: 'incoming.ordinary.title' },
  { path: '/settings/rules', titleKey: 'incoming.rules.title' },
  { path: '/settings/antispam', titleKey: 'incoming.antispam.title' },
];
