/**
 * ENABLE (RFC 5161, RFC 9051 §6.3.1): turns on the advertised extensions the client names (CONDSTORE,
 * QRESYNC, IMAP4rev2) and lists in `* ENABLED` only those newly enabled; unknown names are ignored.
 * Dovecot also accepts it in the selected state; CONDSTORE then reports HIGHESTMODSEQ (RFC 7162 §3.1).
 */
import { defineCommand } from '../command-descriptor.ts';
import type { EnabledExtension } from '../session-state.ts';

const enableable: readonly EnabledExtension[] = ['CONDSTORE', 'QRESYNC', 'IMAP4rev2'];

export const enable = defineCommand({
  name: 'ENABLE',
  states: ['authenticated', 'selected'],
  run(ctx, command) {
    const advertised = new Set(ctx.capabilities().map((name) => name.toUpperCase()));
    const enabled: string[] = [];
    const hadCondstore = ctx.session.condstore;
    for (const requested of command.capabilities) {
      const extension = enableable.find((name) => name.toUpperCase() === requested.toUpperCase());
      if (extension === undefined || !advertised.has(extension.toUpperCase())) continue;
      if (ctx.session.enabled.has(extension)) continue;
      ctx.session.enabled.add(extension);
      enabled.push(extension);
      // RFC 7162 §3.2.3: enabling QRESYNC enables CONDSTORE too (a later ENABLE CONDSTORE lists nothing).
      if (extension === 'QRESYNC') ctx.session.enabled.add('CONDSTORE');
    }
    ctx.send({ kind: 'enabled', capabilities: enabled });
    const selected = ctx.session.selectedOrNull;
    // CONDSTORE newly on, directly or through QRESYNC (RFC 7162 §3.2.3).
    const nowCondstore = enabled.includes('CONDSTORE') || enabled.includes('QRESYNC');
    if (selected !== null && !hadCondstore && nowCondstore) {
      ctx.send({
        kind: 'untagged',
        status: 'OK',
        code: { kind: 'HIGHESTMODSEQ', value: selected.highestModseq },
        text: 'Highest',
      });
    }
    return undefined;
  },
});
