/**
 * `pec plan add | list | set`: the plans the operator sells (decision 0016), each with a box quota,
 * an archive quota, SMS included or not, a term in months and a price per term.
 */
import { Option, type Command } from 'commander';
import type { Plan, PlanPatch } from '../../ports/plan-store.ts';
import { formatQuotaSize } from '../../services/accounts/parse-quota-size.ts';
import { boxLifeAction, dataHelp, euro, parseEuro, parseSize, parseWhole } from './box-life-action.ts';
import { refuse, type DataOption } from './mailbox-action.ts';

interface PlanOptions extends DataOption {
  readonly quota?: number;
  readonly archive?: number;
  readonly sms?: boolean;
  readonly months?: number;
  readonly price?: number;
  readonly description?: string;
}

function planOptions(command: Command): Command {
  return command
    .addOption(new Option('--quota <size>', 'box quota, e.g. 1G').argParser(parseSize))
    .addOption(
      new Option('--archive <size>', 'security archive quota, e.g. 3G (default 0)').argParser(parseSize),
    )
    .option('--sms', 'SMS notices included')
    .option('--no-sms', 'SMS notices not included')
    .addOption(new Option('--months <n>', 'term length in months (default 12)').argParser(parseWhole))
    .addOption(new Option('--price <euro>', 'price of one term in euro, e.g. 5.00').argParser(parseEuro))
    .option('--description <text>', 'what the plan is, for people')
    .option('--data <dir>', dataHelp);
}

function patchOf(options: PlanOptions): PlanPatch {
  return {
    ...(options.quota === undefined ? {} : { boxQuotaBytes: options.quota }),
    ...(options.archive === undefined ? {} : { archiveQuotaBytes: options.archive }),
    ...(options.sms === undefined ? {} : { smsIncluded: options.sms }),
    ...(options.months === undefined ? {} : { durationMonths: options.months }),
    ...(options.price === undefined ? {} : { priceCents: options.price }),
    ...(options.description === undefined ? {} : { description: options.description }),
  };
}

function renderPlan(plan: Plan): string {
  return (
    `${plan.name}  box ${formatQuotaSize(plan.boxQuotaBytes)}  archive ${formatQuotaSize(plan.archiveQuotaBytes)}  ` +
    `SMS ${plan.smsIncluded ? 'included' : 'no'}  ${plan.durationMonths} months  ${euro(plan.priceCents)}` +
    `${plan.description === '' ? '' : `  ${plan.description}`}\n`
  );
}

const planJson = (plan: Plan) => ({
  name: plan.name,
  description: plan.description,
  boxQuotaBytes: plan.boxQuotaBytes,
  archiveQuotaBytes: plan.archiveQuotaBytes,
  smsIncluded: plan.smsIncluded,
  durationMonths: plan.durationMonths,
  priceCents: plan.priceCents,
});

export function registerPlan(program: Command): void {
  const plan = program.command('plan').description('The plans sold to holders: quotas, SMS, term and price');

  planOptions(
    plan.command('add').description('Add a plan').argument('<name>', 'lower-case name, e.g. pro'),
  ).action(async (name: string, options: PlanOptions) => {
    if (options.quota === undefined) {
      refuse('a plan needs its box quota: --quota SIZE');
      return;
    }
    const quota = options.quota;
    await boxLifeAction(options, async (boxLife) => {
      const added = await boxLife.addPlan({
        name,
        description: options.description ?? '',
        boxQuotaBytes: quota,
        archiveQuotaBytes: options.archive ?? 0,
        smsIncluded: options.sms ?? false,
        durationMonths: options.months ?? 12,
        priceCents: options.price ?? 0,
      });
      process.stdout.write(`pec: added plan ${renderPlan(added)}`);
    });
  });

  plan
    .command('list')
    .description('List the plans')
    .option('--json', 'print a JSON array')
    .option('--data <dir>', dataHelp)
    .action(async (options: DataOption & { readonly json?: boolean }) => {
      await boxLifeAction(options, async (boxLife) => {
        const plans = await boxLife.listPlans();
        if (options.json === true) process.stdout.write(`${JSON.stringify(plans.map(planJson), null, 2)}\n`);
        else if (plans.length === 0) process.stdout.write('pec: no plans; add one with pec plan add\n');
        else for (const each of plans) process.stdout.write(renderPlan(each));
      });
    });

  planOptions(
    plan
      .command('set')
      .description('Change a plan (boxes keep their quota until moved)')
      .argument('<name>', 'the plan'),
  ).action(async (name: string, options: PlanOptions) => {
    const patch = patchOf(options);
    if (Object.keys(patch).length === 0) {
      refuse('nothing to change: give at least one option (see pec plan set --help)');
      return;
    }
    await boxLifeAction(options, async (boxLife) => {
      process.stdout.write(`pec: changed plan ${renderPlan(await boxLife.setPlan(name, patch))}`);
    });
  });
}
