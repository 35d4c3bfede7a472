/**
 * The `pec` command table. Each command lives in its own file under `commands/`; this file only
 * wires them into commander and turns thrown errors into an exit code. A command's file is imported
 * only when that command runs (or for help), so `pec mailbox list` does not load the signing, PDF,
 * HTTP and server modules: start-up is module loading (decision 0020).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';

type Register = (program: Command) => void;

/** Every top-level command, in the order help lists them, and how to load its registration. */
const commandTable: ReadonlyMap<string, () => Promise<Register>> = new Map<string, () => Promise<Register>>([
  ['init', async () => (await import('./commands/init.ts')).registerInit],
  ['domain', async () => (await import('./commands/domain.ts')).registerDomain],
  ['index', async () => (await import('./commands/index-command.ts')).registerIndex],
  ['mailbox', async () => (await import('./commands/mailbox.ts')).registerMailbox],
  ['plan', async () => (await import('./commands/plan.ts')).registerPlan],
  ['lifecycle', async () => (await import('./commands/lifecycle.ts')).registerLifecycle],
  ['order', async () => (await import('./commands/order.ts')).registerOrder],
  ['inspect', async () => (await import('./commands/inspect.ts')).registerInspect],
  ['verify', async () => (await import('./commands/verify.ts')).registerVerify],
  ['message', async () => (await import('./commands/message.ts')).registerMessage],
  ['log', async () => (await import('./commands/log.ts')).registerLog],
  ['route', async () => (await import('./commands/route.ts')).registerRoute],
  ['queue', async () => (await import('./commands/queue.ts')).registerQueue],
  ['quarantine', async () => (await import('./commands/quarantine.ts')).registerQuarantine],
  ['serve', async () => (await import('./commands/serve.ts')).registerServe],
  ['start', async () => (await import('./commands/start.ts')).registerStart],
  ['token', async () => (await import('./commands/token.ts')).registerToken],
  ['operator', async () => adminPrincipals('operator')],
  ['postmaster', async () => adminPrincipals('postmaster')],
]);

async function adminPrincipals(kind: 'operator' | 'postmaster'): Promise<Register> {
  const { registerAdminPrincipals } = await import('./commands/admin-principal-commands.ts');
  return (program) => registerAdminPrincipals(program, kind);
}

/** The registrations `argv` needs: its command's, or all of them (help, a misspelt command). */
async function registrationsFor(argv: readonly string[]): Promise<Register[]> {
  const name = argv.find((arg) => !arg.startsWith('-'));
  const one = name === undefined ? undefined : commandTable.get(name);
  if (one !== undefined) return [await one()];
  return Promise.all([...commandTable.values()].map((load) => load()));
}
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
  for (const register of await registrationsFor(argv)) register(program);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    process.stderr.write(`pec: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}
