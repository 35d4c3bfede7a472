/**
 * Migration 18: holder preferences. `holder_preferences`, one row per box: the webmail's options
 * (language, theme, density, reading pane, signature…) as a JSON document the preferences service
 * validates, so that they follow the holder across browsers and devices (decision 0025).
 */
import type { Migration } from './migration.ts';

export const holderPreferences: Migration = {
  version: 18,
  name: 'holder-preferences',
  statements: () => [
    `create table holder_preferences (
       mailbox_id bigint primary key references mailboxes(id) on delete cascade,
       preferences text not null,
       updated_at bigint not null)`,
  ],
};
