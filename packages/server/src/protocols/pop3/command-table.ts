/** Every POP3 command by keyword: the session's dispatch table. */
import type { Pop3CommandDescriptor } from './command-descriptor.ts';
import { authCommand } from './commands/auth.ts';
import { capaCommand } from './commands/capa.ts';
import { deleCommand } from './commands/dele.ts';
import { listCommand } from './commands/list.ts';
import { noopCommand } from './commands/noop.ts';
import { passCommand } from './commands/pass.ts';
import { quitCommand } from './commands/quit.ts';
import { retrCommand } from './commands/retr.ts';
import { rsetCommand } from './commands/rset.ts';
import { statCommand } from './commands/stat.ts';
import { stlsCommand } from './commands/stls.ts';
import { topCommand } from './commands/top.ts';
import { uidlCommand } from './commands/uidl.ts';
import { userCommand } from './commands/user.ts';

export const pop3Commands: ReadonlyMap<string, Pop3CommandDescriptor> = new Map(
  [
    capaCommand,
    stlsCommand,
    userCommand,
    passCommand,
    authCommand,
    statCommand,
    listCommand,
    uidlCommand,
    retrCommand,
    topCommand,
    deleCommand,
    rsetCommand,
    noopCommand,
    quitCommand,
  ].map((descriptor) => [descriptor.keyword, descriptor]),
);
