/** The MX check of `pec domain add`, through the MxResolver port. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MxResolution } from '../../ports/mx-resolver.ts';
import { checkDomainMx, domainMxWarning } from './check-domain-mx.ts';

const resolver = (answer: MxResolution | Error) => ({
  mx: {
    resolve: (): Promise<MxResolution> =>
      answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer),
  },
});
const settings = { ourHosts: ['mx.pec.example.it'] };

describe('checkDomainMx', () => {
  it('is quiet when the MX names our host (any case, trailing dot)', async () => {
    const check = await checkDomainMx(
      resolver({ kind: 'hosts', hosts: ['MX.pec.example.it.'] }),
      settings,
      'studio.it',
    );
    assert.equal(check.kind, 'ours');
    assert.equal(domainMxWarning('studio.it', check, settings.ourHosts), undefined);
  });

  it('warns when the MX is somebody else', async () => {
    const check = await checkDomainMx(
      resolver({ kind: 'hosts', hosts: ['mx.other.it'] }),
      settings,
      'studio.it',
    );
    assert.match(
      domainMxWarning('studio.it', check, settings.ourHosts) ?? '',
      /^the MX of studio\.it is mx\.other\.it, not this provider \(mx\.pec\.example\.it\)/,
    );
  });

  it('warns for a public mail service without asking DNS', async () => {
    const check = await checkDomainMx(resolver(new Error('must not be asked')), settings, 'Gmail.com');
    assert.equal(check.kind, 'public-mail-domain');
  });

  it('says it could not check when DNS cannot answer, and when the domain takes no mail', async () => {
    const offline = await checkDomainMx(
      resolver({ kind: 'temporary-failure', reason: 'ECONNREFUSED' }),
      settings,
      'studio.it',
    );
    assert.match(
      domainMxWarning('studio.it', offline, settings.ourHosts) ?? '',
      /could not be checked \(ECONNREFUSED\)/,
    );
    const thrown = await checkDomainMx(resolver(new Error('socket closed')), settings, 'studio.it');
    assert.equal(thrown.kind, 'unchecked');
    const none = await checkDomainMx(
      resolver({ kind: 'permanent-failure', reason: 'studio.it does not exist' }),
      settings,
      'studio.it',
    );
    assert.match(domainMxWarning('studio.it', none, settings.ourHosts) ?? '', /receives no mail/);
  });
});
