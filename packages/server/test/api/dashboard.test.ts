/**
 * GET /api/v1/dashboard over a real server (decision 0025): from the provider's tracking, the
 * holder's sent PEC still waiting for delivery receipts 24 hours after acceptance, and the
 * recipients with non-delivery or the 24 h timeout in the last 30 days; a message accepted an hour
 * ago is not yet "awaiting", one delivered to everyone is in neither list, and another holder sees
 * none of it. No session: 401.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { holders, signIn, startApiProvider, type ApiProvider } from './api-provider.ts';

const hour = 3_600_000;

interface Item {
  count: number;
  messages: {
    identifier: string;
    subject: string | null;
    recipients: { address: string; status: string }[];
  }[];
}

describe('GET /api/v1/dashboard (decision 0025)', { timeout: 120_000 }, () => {
  let provider: ApiProvider;
  before(async () => {
    provider = await startApiProvider();
    const { tracking } = provider.ctx.storage;
    const track = async (identifier: string, hoursAgo: number, recipients: string[]) =>
      tracking.track({
        identifier,
        sender: holders.mario,
        subject: `Subject ${identifier}`,
        originalMsgid: `<${identifier}@client>`,
        acceptedAt: new Date(Date.now() - hoursAgo * hour),
        recipients: recipients.map((address) => ({ address, kind: 'certificato' as const })),
      });
    const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * hour);
    await track('waiting', 30, ['a@pec.other.example', 'b@pec.other.example']);
    await tracking.recordEvent('waiting', 'a@pec.other.example', { status: 'delivered', at: at(29) });
    await tracking.recordEvent('waiting', 'b@pec.other.example', { status: 'taken-in-charge', at: at(29) });
    await track('fresh', 1, ['c@pec.other.example']);
    await track('failed', 48, ['d@pec.other.example']);
    await tracking.recordEvent('failed', 'd@pec.other.example', {
      status: 'error',
      at: at(47),
      detail: 'no-dest',
    });
    await track('done', 50, ['e@pec.other.example']);
    await tracking.recordEvent('done', 'e@pec.other.example', { status: 'delivered', at: at(49) });
    await track('old', 24 * 40, ['f@pec.other.example']);
    await tracking.recordEvent('old', 'f@pec.other.example', { status: 'timeout-24h', at: at(24 * 39) });
  });
  after(() => provider.close());

  const dashboard = async (cookie?: string) => {
    const response = await fetch(`${provider.base}/api/v1/dashboard`, {
      headers: cookie === undefined ? {} : { cookie },
    });
    return {
      status: response.status,
      body: (await response.json()) as { awaiting: Item; problems: Item; reason?: string },
    };
  };

  it('needs a session', async () => {
    const { status, body } = await dashboard();
    assert.equal(status, 401);
    assert.equal(body.reason, 'authentication-required');
  });

  it("lists the holder's messages awaiting receipts and the recent delivery problems", async () => {
    const { status, body } = await dashboard(await signIn(provider.base, holders.mario));
    assert.equal(status, 200);
    assert.equal(body.awaiting.count, 1);
    assert.deepEqual(body.awaiting.messages[0]?.identifier, 'waiting');
    assert.deepEqual(body.awaiting.messages[0].recipients, [
      { address: 'b@pec.other.example', status: 'taken-in-charge' },
    ]);
    assert.equal(body.problems.count, 1, 'the 40-day-old timeout is out of the 30 days');
    assert.equal(body.problems.messages[0]?.identifier, 'failed');
    assert.equal(body.problems.messages[0].subject, 'Subject failed');
    assert.deepEqual(body.problems.messages[0].recipients, [
      { address: 'd@pec.other.example', status: 'error' },
    ]);
    const anna = await dashboard(await signIn(provider.base, holders.anna));
    assert.equal(anna.body.awaiting.count, 0);
    assert.equal(anna.body.problems.count, 0);
  });
});
