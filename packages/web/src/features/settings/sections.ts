// The sections of the settings hub, one line each: where the screen lives and its title's key.
export const settingsSections: { path: string; titleKey: string }[] = [
  { path: '/settings/notices', titleKey: 'notices.title' },
];
