import type { Component } from './component.ts';
import { coordinationOf, takeNodeIdentity } from './open-coordination.ts';
import type { ProviderContext } from './provider-context.ts';

/**
 * This node's name, unique among running nodes: taken at start (the jobs its previous run held are
 * taken back at once), released at stop.
 */
export function nodeIdentityComponent(ctx: ProviderContext): Component {
  let identity: { release(): Promise<void> } | undefined;
  return {
    name: 'node-identity',
    async start() {
      identity = await takeNodeIdentity(coordinationOf(ctx), ctx.storage.queue);
    },
    async stop() {
      await identity?.release();
    },
  };
}
