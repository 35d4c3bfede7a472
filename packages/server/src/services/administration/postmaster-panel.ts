/**
 * The postmaster panel in no protocol's words (decision 0021): the customer domains a principal
 * administers with their allowance of boxes, box search and the box card, password changes
 * (the holder is told), creation within the allowance, suspension, the domain's defaults, the
 * usage report and the bulk import from CSV. Every account change goes through the account
 * service. Each call checks the principal's domains again (the HTTP guard checks first), and
 * answers a box of another domain as `not-found`.
 */
import type { MailboxStatus, OrdinaryMailPolicy } from '../../ports/account-store.ts';
import type { DomainAntispam } from '../../ports/admin-store.ts';
import type { AdminPrincipal } from './admin-principal.ts';
import type { ImportReport } from './import-boxes.ts';

export interface AdministeredDomain {
  readonly name: string;
  /** Boxes on the domain (deleted ones not counted). */
  readonly boxes: number;
  /** Null: no limit. */
  readonly boxAllowance: number | null;
  /** The plans new boxes may have; null: every plan. */
  readonly allowedPlans: readonly string[] | null;
  readonly ordinaryMailPolicy: OrdinaryMailPolicy;
  /** The antispam choices of boxes whose holder never saved their own (decision 0039). */
  readonly antispam: DomainAntispam;
  /** False: the provider's defaults, the domain set none. */
  readonly antispamSet: boolean;
}

export interface BoxSummary {
  readonly address: string;
  readonly holderName: string;
  readonly status: MailboxStatus;
  readonly plan: string | null;
  readonly quotaBytes: number;
  readonly usedBytes: number;
  readonly expiresAt: Date | null;
  readonly lastLoginAt: Date | null;
}

export interface BoxAccess {
  readonly at: Date;
  readonly protocol: string;
  readonly outcome: string;
  readonly remoteAddress: string;
  readonly device: string | null;
}

export interface BoxCard extends BoxSummary {
  readonly domain: string;
  readonly holderTaxCode: string | null;
  readonly contactEmail: string | null;
  readonly mobile: string | null;
  readonly activatedAt: Date | null;
  readonly createdAt: Date;
  readonly ordinaryMailPolicy: OrdinaryMailPolicy;
  /** The latest sign-ins and failures, newest first. */
  readonly accessHistory: readonly BoxAccess[];
}

export interface BoxSearch {
  /** Text in the address or the holder's name. */
  readonly q?: string;
  readonly status?: MailboxStatus;
  /** Only boxes using at least this share of their quota, in percent. */
  readonly minUsagePercent?: number;
  readonly limit: number;
  readonly offset: number;
}

export interface NewBoxRequest {
  readonly address: string;
  readonly holderName: string;
  readonly taxCode?: string;
  readonly contactEmail?: string;
  readonly mobile?: string;
  readonly plan?: string;
  /** Absent: a random one, returned once. */
  readonly password?: string;
}

export interface PostmasterPanel {
  domains(principal: AdminPrincipal): Promise<AdministeredDomain[]>;
  search(
    principal: AdminPrincipal,
    domain: string,
    query: BoxSearch,
  ): Promise<{ boxes: BoxSummary[]; total: number }>;
  card(principal: AdminPrincipal, address: string): Promise<BoxCard>;
  /** Sets the password (given or generated), tells the holder; returns the password. */
  setPassword(principal: AdminPrincipal, address: string, password?: string): Promise<string>;
  create(
    principal: AdminPrincipal,
    domain: string,
    request: NewBoxRequest,
  ): Promise<{ box: BoxCard; password: string }>;
  setSuspended(principal: AdminPrincipal, address: string, suspended: boolean): Promise<BoxCard>;
  defaults(principal: AdminPrincipal, domain: string): Promise<AdministeredDomain>;
  setDefaults(
    principal: AdminPrincipal,
    domain: string,
    defaults: { readonly ordinaryMailPolicy?: OrdinaryMailPolicy; readonly antispam?: DomainAntispam },
  ): Promise<AdministeredDomain>;
  /** One CSV line per box: address, holder, status, plan, quota and usage, expiry, last sign-in. */
  usageCsv(principal: AdminPrincipal, domain: string): Promise<string>;
  /** Checks every row; unless `dryRun`, creates the good ones. */
  importBoxes(principal: AdminPrincipal, domain: string, csv: string, dryRun: boolean): Promise<ImportReport>;
}
