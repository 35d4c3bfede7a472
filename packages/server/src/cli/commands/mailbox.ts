/**
 * `pec mailbox add | passwd | list | set | export`: the PEC mailboxes (caselle) of the provider, each
 * with its holder, tax code, contacts, plan, quota and status. Passwords are
 * given with `--password`; the account service checks and hashes them (argon2id).
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import {
  mailboxStatuses,
  ordinaryMailPolicies,
  type MailboxStatus,
  type OrdinaryMailPolicy,
} from '../../ports/account-store.ts';
import { standardFolders } from '../../services/accounts/standard-folders.ts';
import type { MailboxChanges } from '../../services/accounts/create-account-service.ts';
import { formatQuotaSize, parseQuotaSize } from '../../services/accounts/parse-quota-size.ts';
import { storesAction, refuse, type DataOption } from './mailbox-action.ts';
import { registerMailboxRules } from './mailbox-rules.ts';
import { registerMailboxAccessLog } from './mailbox-access-log.ts';
import { registerMailboxDelete } from './mailbox-delete.ts';
import { describeMailboxJson, renderMailboxTable } from './mailbox-describe.ts';
import { registerMailboxExport } from './mailbox-export.ts';
import { registerMailboxLife } from './mailbox-life.ts';
import { readPassword, type PasswordOptions } from './read-password.ts';

const dataHelp = 'data folder (default: PEC_DATA, else ./data)';

function parseSize(value: string): number {
  const bytes = parseQuotaSize(value);
  if (bytes === undefined)
    throw new InvalidArgumentError('a size is bytes or a number with K, M, G or T (e.g. 2G).');
  return bytes;
}

/**
 * A date (`2027-03-01`, or ISO 8601 with time), or `never` for none. `never` stays a string here:
 * commander turns a parser's `null` into `''`.
 */
function parseExpiry(value: string): Date | 'never' {
  if (value === 'never') return 'never';
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError('a date is YYYY-MM-DD (or ISO 8601), or never.');
  }
  return date;
}

/** `none` clears an optional field. */
const clearable = (value: string | undefined): string | null | undefined => (value === 'none' ? null : value);

interface HolderOptions {
  readonly holderName?: string;
  readonly taxCode?: string;
  readonly contactEmail?: string;
  readonly mobile?: string;
  readonly quota?: number;
  readonly plan?: string;
  readonly expires?: Date | 'never';
}

function holderOptions(command: Command, clearHint: string): Command {
  return command
    .option('--holder-name <name>', 'holder (titolare) name')
    .option('--tax-code <code>', `holder codice fiscale or partita IVA, checked${clearHint}`)
    .option('--contact-email <address>', `ordinary e-mail for recovery and notices${clearHint}`)
    .option('--mobile <number>', `mobile phone for recovery and notices${clearHint}`)
    .addOption(new Option('--quota <size>', 'quota, e.g. 500M or 2G (default 1G)').argParser(parseSize))
    .option('--plan <name>', `service plan (pec plan list): its quota and term unless given${clearHint}`)
    .addOption(new Option('--expires <date>', 'expiry date YYYY-MM-DD, or never').argParser(parseExpiry));
}

function changesOf(options: HolderOptions): MailboxChanges {
  const taxCode = clearable(options.taxCode);
  const contactEmail = clearable(options.contactEmail);
  const mobile = clearable(options.mobile);
  const plan = clearable(options.plan);
  return {
    ...(options.holderName === undefined ? {} : { holderName: options.holderName }),
    ...(taxCode === undefined ? {} : { taxCode }),
    ...(contactEmail === undefined ? {} : { contactEmail }),
    ...(mobile === undefined ? {} : { mobile }),
    ...(options.quota === undefined ? {} : { quotaBytes: options.quota }),
    ...(plan === undefined ? {} : { plan }),
    ...(options.expires === undefined
      ? {}
      : { expiresAt: options.expires === 'never' ? null : options.expires }),
  };
}

const passwordHelp =
  'the password (at least 8 characters); visible to other users in ps and kept in the shell history: ' +
  'prefer the prompt (in a terminal) or --password-stdin';
const passwordStdinHelp = 'read the password from the first line of standard input (for scripts)';

function registerAdd(mailbox: Command): void {
  const add = mailbox
    .command('add')
    .alias('create')
    .description('Create a mailbox with the folders INBOX, Drafts, Sent, Spam and Trash')
    .argument('<address>', 'the PEC address, on a domain of the provider')
    .option('--password <password>', passwordHelp)
    .option('--password-stdin', passwordStdinHelp)
    .option(
      '--reuse-reserved',
      "give a deleted mailbox's reserved address to a holder other than its own (decision 0019)",
    );
  holderOptions(add, '')
    .option('--data <dir>', dataHelp)
    .action(
      async (
        address: string,
        options: DataOption & HolderOptions & PasswordOptions & { readonly reuseReserved?: boolean },
      ) => {
        const password = await readPassword(options);
        if (password === undefined) return;
        await storesAction(options, async (_ctx, accounts) => {
          const changes = changesOf(options);
          const created = await accounts.createMailbox({
            address,
            password,
            ...(changes.holderName === undefined ? {} : { holderName: changes.holderName }),
            ...(typeof changes.taxCode === 'string' ? { taxCode: changes.taxCode } : {}),
            ...(typeof changes.contactEmail === 'string' ? { contactEmail: changes.contactEmail } : {}),
            ...(typeof changes.mobile === 'string' ? { mobile: changes.mobile } : {}),
            ...(changes.quotaBytes === undefined ? {} : { quotaBytes: changes.quotaBytes }),
            ...(typeof changes.plan === 'string' ? { plan: changes.plan } : {}),
            ...(changes.expiresAt instanceof Date ? { expiresAt: changes.expiresAt } : {}),
            ...(options.reuseReserved === true ? { reuseReserved: true } : {}),
          });
          process.stdout.write(
            `pec: created mailbox ${created.address} (quota ${formatQuotaSize(created.quotaBytes)}) with folders ` +
              `${standardFolders.map((folder) => folder.name).join(', ')}\n`,
          );
        });
      },
    );
}

function registerPasswd(mailbox: Command): void {
  mailbox
    .command('passwd')
    .description("Set a mailbox's password")
    .argument('<address>', 'the mailbox')
    .option('--password <password>', passwordHelp)
    .option('--password-stdin', passwordStdinHelp)
    .option('--data <dir>', dataHelp)
    .action(async (address: string, options: DataOption & PasswordOptions) => {
      const password = await readPassword(options);
      if (password === undefined) return;
      await storesAction(options, async (_ctx, accounts) => {
        await accounts.setPassword(address, password);
        process.stdout.write(`pec: password of ${address.trim().toLowerCase()} changed\n`);
      });
    });
}

function registerList(mailbox: Command): void {
  mailbox
    .command('list')
    .description('List the mailboxes')
    .option('--json', 'print a JSON array (fields in README)')
    .option('--domain <domain>', 'only mailboxes on this domain')
    .option('--data <dir>', dataHelp)
    .action(async (options: DataOption & { readonly json?: boolean; readonly domain?: string }) => {
      await storesAction(options, async (_ctx, accounts) => {
        if (options.domain !== undefined) {
          const wanted = options.domain.trim().toLowerCase();
          const domains = await accounts.listDomains();
          if (!domains.some((d) => d.name === wanted)) {
            refuse(
              `unknown domain ${wanted}: the provider serves ${domains.map((d) => d.name).join(', ')} ` +
                '(pec domain list)',
            );
            return;
          }
        }
        const mailboxes = await accounts.listMailboxes(
          options.domain === undefined ? {} : { domain: options.domain },
        );
        if (mailboxes.length === 0 && options.json !== true) {
          process.stdout.write(
            `pec: no mailboxes${options.domain === undefined ? '' : ` on ${options.domain}`}; ` +
              'create one with pec mailbox add\n',
          );
          return;
        }
        process.stdout.write(
          options.json === true
            ? `${JSON.stringify(mailboxes.map(describeMailboxJson), null, 2)}\n`
            : renderMailboxTable(mailboxes),
        );
      });
    });
}

type SetOptions = DataOption &
  HolderOptions & {
    readonly ordinaryMail?: OrdinaryMailPolicy;
    readonly forwardTo?: string;
    readonly status?: MailboxStatus;
  };

function registerSet(mailbox: Command): void {
  const set = mailbox
    .command('set')
    .description('Change a mailbox: ordinary-mail policy, quota, status, holder data')
    .argument('<address>', 'the mailbox')
    .addOption(
      new Option('--ordinary-mail <policy>', 'what happens to ordinary (non-PEC) mail').choices(
        ordinaryMailPolicies,
      ),
    )
    .option('--forward-to <address>', 'where ordinary mail goes with --ordinary-mail forward')
    .addOption(new Option('--status <status>', 'lifecycle status').choices(mailboxStatuses));
  holderOptions(set, '; none clears it')
    .option('--data <dir>', dataHelp)
    .action(async (address: string, options: SetOptions) => {
      const changes: MailboxChanges = {
        ...changesOf(options),
        ...(options.status === undefined ? {} : { status: options.status }),
      };
      const policy = options.ordinaryMail ?? (options.forwardTo === undefined ? undefined : 'forward');
      if (Object.keys(changes).length === 0 && policy === undefined) {
        refuse('nothing to change: give at least one option (see pec mailbox set --help)');
        return;
      }
      await storesAction(options, async (_ctx, accounts) => {
        const updated = await accounts.updateMailbox(address, {
          ...changes,
          ...(policy === undefined ? {} : { ordinaryMailPolicy: policy }),
          ...(options.forwardTo === undefined ? {} : { forwardTo: options.forwardTo }),
        });
        process.stdout.write(renderMailboxTable([updated]));
      });
    });
}

export function registerMailbox(program: Command): void {
  const mailbox = program.command('mailbox').description('Manage the PEC mailboxes of the provider');
  registerAdd(mailbox);
  registerPasswd(mailbox);
  registerList(mailbox);
  registerSet(mailbox);
  registerMailboxExport(mailbox);
  registerMailboxAccessLog(mailbox);
  registerMailboxRules(mailbox);
  registerMailboxDelete(mailbox);
  registerMailboxLife(mailbox);
}
