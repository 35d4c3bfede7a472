/**
 * Migration 34: payments through an external billing system (decision 0041). `billing_payments`,
 * one row per order put to the billing system: its state there, the payment URL the holder is
 * sent to, the system's reference and last detail. `billing_callbacks` remembers the ids of the
 * signed callbacks already acted on, so that a replayed callback does nothing twice.
 */
import type { Migration } from './migration.ts';

export const billingPayments: Migration = {
  version: 34,
  name: 'billing-payments',
  statements: () => [
    `create table billing_payments (
       order_id bigint primary key,
       status text not null,
       payment_url text,
       reference text,
       detail text,
       updated_at bigint not null)`,
    `create table billing_callbacks (
       id text primary key,
       received_at bigint not null)`,
  ],
};
