/**
 * Migration 37: the holder's choice of SMS for the notices of the box's own life (decision 0045):
 * quota, expiry, lifecycle steps, renewal, new sign-in. Off by default, like the SMS of new PEC.
 */
import type { Migration } from './migration.ts';

export const boxLifeSms: Migration = {
  version: 37,
  name: 'box-life-sms',
  statements: () => [`alter table notice_preferences add column sms_box_life integer not null default 0`],
};
