/**
 * AUTHENTICATE (RFC 9051 §6.2.2) with SASL PLAIN (RFC 4616) and LOGIN, and SASL-IR initial responses
 * (RFC 4959). Refused before TLS. `*` cancels; a malformed response is BAD.
 */
import { bad, defineCommand, no, type CommandContext, type CommandResult } from '../command-descriptor.ts';
import { parseAuthenticateResponse } from '../grammar/index.ts';
import { refusalResponse } from '../refusal-response.ts';
import { authenticateUser } from './authenticate-user.ts';

type Step =
  | { readonly kind: 'data'; readonly data: Uint8Array }
  | { readonly kind: 'stop'; readonly result: CommandResult };

/** The client's next SASL response after the challenge `prompt`. */
async function respond(ctx: CommandContext, prompt: string): Promise<Step> {
  const line = await ctx.readLine({ kind: 'challenge', data: new TextEncoder().encode(prompt) });
  if (line === null) return { kind: 'stop', result: bad('Authentication line unreadable.') };
  const response = parseAuthenticateResponse(line);
  if (response === null) return { kind: 'stop', result: bad('Invalid base64 data in SASL response.') };
  if (response.kind === 'cancel') return { kind: 'stop', result: bad('Authentication aborted by client.') };
  return response;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

async function plain(ctx: CommandContext, initial: Uint8Array | null): Promise<CommandResult> {
  let data = initial;
  if (data === null) {
    const step = await respond(ctx, '');
    if (step.kind === 'stop') return step.result;
    data = step.data;
  }
  // RFC 4616: [authzid] NUL authcid NUL passwd.
  const parts = utf8.decode(data).split('\0');
  if (parts.length !== 3) return bad('Invalid PLAIN response.');
  const [authzid = '', authcid = '', password = ''] = parts;
  if (authzid !== '' && authzid.toLowerCase() !== authcid.toLowerCase()) {
    return refusalResponse({ reason: 'foreign-identity' });
  }
  return authenticateUser(ctx, authcid, password);
}

async function login(ctx: CommandContext, initial: Uint8Array | null): Promise<CommandResult> {
  let username = initial;
  if (username === null) {
    const step = await respond(ctx, 'Username:');
    if (step.kind === 'stop') return step.result;
    username = step.data;
  }
  const step = await respond(ctx, 'Password:');
  if (step.kind === 'stop') return step.result;
  return authenticateUser(ctx, utf8.decode(username), utf8.decode(step.data));
}

export const authenticate = defineCommand({
  name: 'AUTHENTICATE',
  states: ['not-authenticated'],
  run(ctx, command) {
    if (!ctx.session.secure) return refusalResponse({ reason: 'encryption-required' });
    switch (command.mechanism) {
      case 'PLAIN':
        return plain(ctx, command.initialResponse);
      case 'LOGIN':
        return login(ctx, command.initialResponse);
      default:
        return no('Unsupported authentication mechanism.', { kind: 'CANNOT' });
    }
  },
});
