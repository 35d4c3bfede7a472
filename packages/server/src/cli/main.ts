/**
 * The `pec` command table. Each command lives in its own file under `commands/`; this file only
 * wires them into commander and turns thrown errors into an exit code.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { registerDomain } from './commands/domain.ts';
import { registerIndex } from './commands/index-command.ts';
import { registerInit } from './commands/init.ts';
import { registerInspect } from './commands/inspect.ts';
import { registerLog } from './commands/log.ts';
import { registerMailbox } from './commands/mailbox.ts';
import { registerLifecycle } from './commands/lifecycle.ts';
import { registerOrder } from './commands/order.ts';
import { registerPlan } from './commands/plan.ts';
import { registerMessage } from './commands/message.ts';
import { registerQueue } from './commands/queue.ts';
import { registerQuarantine } from './commands/quarantine.ts';
import { registerRoute } from './commands/route.ts';
import { registerServe } from './commands/serve.ts';
import { registerStart } from './commands/start.ts';
import { registerToken } from './commands/token.ts';
import { registerVerify } from './commands/verify.ts';
import { registerAdminPrincipals } from './commands/admin-principal-commands.ts';

/** The version of this package, for `pec --version`. */
function packageVersion(): string {
  const file = fileURLToPath(new URL('../../package.json', import.meta.url));
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { readonly version?: unknown };
  return typeof parsed.version === 'string' ? parsed.version : 'unknown';
}

export async function runCli(argv: readonly string[]): Promise<number> {
  const program = new Command('pec')
    .description('PEC provider platform: certified e-mail per the Italian technical rules (DM 2 Nov 2005)')
    .version(packageVersion(), '-V, --version', 'print the version of pec')
    .exitOverride()
    .showHelpAfterError();
  registerInit(program);
  registerDomain(program);
  registerIndex(program);
  registerMailbox(program);
  registerPlan(program);
  registerLifecycle(program);
  registerOrder(program);
  registerInspect(program);
  registerVerify(program);
  registerMessage(program);
  registerLog(program);
  registerRoute(program);
  registerQueue(program);
  registerQuarantine(program);
  registerServe(program);
  registerStart(program);
  registerToken(program);
  registerAdminPrincipals(program, 'operator');
  registerAdminPrincipals(program, 'postmaster');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    process.stderr.write(`pec: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}
