/**
 * The bulk creation of boxes from CSV (decision 0021): columns address, holder name, tax code,
 * contact e-mail, mobile, plan (and optionally password), in any order under a header line. Every
 * row is checked before anything is created, and every problem of every row is reported: a
 * malformed address or one of another domain, a missing holder, an invalid tax code (check
 * characters, `validateTaxCode`), a bad contact or mobile, an unknown plan, an address taken or
 * reserved to a deleted box's holder, a duplicate inside the file, a row past the domain's
 * allowance. The real run creates the good rows through the account service, a few at a time.
 */
import { serviceLocalPart, validateTaxCode } from '@pec/core';
import type { Mailbox } from '../../ports/account-store.ts';
import type { AddressReservation } from '../../ports/box-life-store.ts';
import { isAccountError } from '../accounts/account-error.ts';
import { normalizeMailboxFields } from '../accounts/normalize-mailbox-fields.ts';
import { parseMailboxAddress } from '../accounts/parse-mailbox-address.ts';
import { parseCsv } from './parse-csv.ts';

export type ImportProblemCode =
  | 'missing-header'
  | 'invalid-address'
  | 'wrong-domain'
  | 'missing-holder'
  | 'invalid-tax-code'
  | 'invalid-contact'
  | 'invalid-mobile'
  | 'invalid-password'
  | 'unknown-plan'
  | 'address-taken'
  | 'address-reserved'
  | 'duplicate'
  | 'over-allowance'
  | 'creation-failed';

export interface ImportProblem {
  readonly code: ImportProblemCode;
  readonly message: string;
}

export interface ImportRowReport {
  /** The line of the file the row starts on (the header is line 1). */
  readonly line: number;
  readonly address: string;
  readonly problems: readonly ImportProblem[];
}

export interface ImportReport {
  readonly dryRun: boolean;
  readonly domain: string;
  /** Data rows read (the header not counted). */
  readonly rows: number;
  /** Rows without problems: created, or to be created. */
  readonly valid: number;
  readonly bad: readonly ImportRowReport[];
  /** The boxes made, with their passwords shown once (the real run only). */
  readonly created: readonly { readonly line: number; readonly address: string; readonly password: string }[];
}

export interface ImportRow {
  readonly line: number;
  readonly address: string;
  readonly holderName: string;
  readonly taxCode: string | undefined;
  readonly contactEmail: string | undefined;
  readonly mobile: string | undefined;
  readonly plan: string | undefined;
  readonly password: string | undefined;
}

export interface ImportLookups {
  readonly domain: string;
  /** Boxes the domain may still have; null: no limit. */
  readonly remaining: number | null;
  readonly plans: ReadonlySet<string>;
  findMailbox(address: string): Promise<Mailbox | undefined>;
  findReservation(address: string): Promise<AddressReservation | undefined>;
}

const columnNames: Readonly<Record<string, keyof Omit<ImportRow, 'line'>>> = {
  address: 'address',
  indirizzo: 'address',
  adresse: 'address',
  email: 'address',
  pec: 'address',
  holdername: 'holderName',
  holder: 'holderName',
  name: 'holderName',
  titolare: 'holderName',
  nome: 'holderName',
  taxcode: 'taxCode',
  codicefiscale: 'taxCode',
  cf: 'taxCode',
  contactemail: 'contactEmail',
  contact: 'contactEmail',
  emailcontatto: 'contactEmail',
  mobile: 'mobile',
  cellulare: 'mobile',
  phone: 'mobile',
  plan: 'plan',
  piano: 'plan',
  password: 'password',
};

function columnOf(header: string): keyof Omit<ImportRow, 'line'> | undefined {
  return columnNames[header.toLowerCase().replace(/[^a-z]/g, '')];
}

/** The rows of the file, or the problem with its header. */
export function readImportRows(csv: string): { rows: ImportRow[] } | { problem: ImportProblem } {
  const [header, ...data] = parseCsv(csv);
  if (header === undefined) return { problem: { code: 'missing-header', message: 'the file is empty' } };
  const columns = header.cells.map(columnOf);
  if (!columns.includes('address') || !columns.includes('holderName')) {
    return {
      problem: {
        code: 'missing-header',
        message:
          'the first line must name the columns: address, holder name, tax code, contact e-mail, mobile, plan',
      },
    };
  }
  const rows = data.map((row) => {
    const value = (column: keyof Omit<ImportRow, 'line'>): string | undefined => {
      const index = columns.indexOf(column);
      const cell = index < 0 ? undefined : row.cells[index]?.trim();
      return cell === undefined || cell === '' ? undefined : cell;
    };
    return {
      line: row.line,
      address: value('address') ?? '',
      holderName: value('holderName') ?? '',
      taxCode: value('taxCode'),
      contactEmail: value('contactEmail'),
      mobile: value('mobile'),
      plan: value('plan'),
      password: value('password'),
    };
  });
  return { rows };
}

function fieldProblem(code: ImportProblemCode, check: () => void): ImportProblem | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    if (!isAccountError(error)) throw error;
    return { code, message: error.message };
  }
}

/** Checks every row; returns the reports of bad rows and the good rows, in file order. */
export async function checkImportRows(
  rows: readonly ImportRow[],
  lookups: ImportLookups,
): Promise<{ good: ImportRow[]; bad: ImportRowReport[] }> {
  const good: ImportRow[] = [];
  const bad: ImportRowReport[] = [];
  const seen = new Map<string, number>();
  let accepted = 0;
  for (const row of rows) {
    const problems: ImportProblem[] = [];
    const parsed = parseMailboxAddress(row.address);
    const address = parsed?.address ?? row.address.trim().toLowerCase();
    if (parsed === undefined) {
      problems.push({ code: 'invalid-address', message: `${JSON.stringify(row.address)} is not an address` });
    } else if (parsed.domain !== lookups.domain) {
      problems.push({ code: 'wrong-domain', message: `${address} is not on ${lookups.domain}` });
    } else if (parsed.localPart === serviceLocalPart) {
      problems.push({ code: 'address-reserved', message: `${serviceLocalPart}@… is the provider's own` });
    }
    if (row.holderName === '')
      problems.push({ code: 'missing-holder', message: 'the holder name is missing' });
    if (row.taxCode !== undefined) {
      const check = validateTaxCode(row.taxCode);
      if (!check.ok) problems.push({ code: 'invalid-tax-code', message: check.reason });
    }
    const contact =
      row.contactEmail === undefined
        ? undefined
        : fieldProblem('invalid-contact', () =>
            normalizeMailboxFields({ contactEmail: row.contactEmail ?? null }),
          );
    if (contact !== undefined) problems.push(contact);
    const mobile =
      row.mobile === undefined
        ? undefined
        : fieldProblem('invalid-mobile', () => normalizeMailboxFields({ mobile: row.mobile ?? null }));
    if (mobile !== undefined) problems.push(mobile);
    if (row.password !== undefined && row.password.length < 8)
      problems.push({ code: 'invalid-password', message: 'the password must have at least 8 characters' });
    if (row.plan !== undefined && !lookups.plans.has(row.plan))
      problems.push({ code: 'unknown-plan', message: `no plan ${row.plan}` });
    if (parsed !== undefined) {
      const first = seen.get(address);
      if (first !== undefined) {
        problems.push({ code: 'duplicate', message: `${address} is also on line ${String(first)}` });
      } else {
        seen.set(address, row.line);
        if ((await lookups.findMailbox(address)) !== undefined) {
          problems.push({ code: 'address-taken', message: `${address} exists` });
        } else {
          const reservation = await lookups.findReservation(address);
          const holder = reservation?.holderTaxCode ?? null;
          if (
            reservation !== undefined &&
            (holder === null ||
              row.taxCode === undefined ||
              holder.toUpperCase() !== row.taxCode.toUpperCase())
          )
            problems.push({
              code: 'address-reserved',
              message: `${address} belonged to a deleted box and is reserved to its holder`,
            });
        }
      }
    }
    if (problems.length === 0 && lookups.remaining !== null && accepted >= lookups.remaining) {
      problems.push({
        code: 'over-allowance',
        message: `the domain's allowance leaves room for ${String(lookups.remaining)} more box(es)`,
      });
    }
    if (problems.length === 0) {
      accepted += 1;
      good.push({ ...row, address });
    } else bad.push({ line: row.line, address, problems });
  }
  return { good, bad };
}
