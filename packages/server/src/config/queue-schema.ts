/**
 * The `queue` section: how the outbox (decision 0004) hands jobs to workers. A worker leases the
 * jobs it runs; when its node dies, the jobs wait for the lease to lapse before another node's
 * worker takes them over.
 */
import { z } from 'zod';

export const queueSchema = z
  .strictObject({
    leaseSeconds: z
      .number()
      .int()
      .min(1)
      .max(3600)
      .default(60)
      .describe(
        'Seconds a worker holds an outbox job it is running; it renews the lease every third of it while the ' +
          'job runs. When a node dies, its running jobs wait this long before a surviving node runs them. ' +
          'Shorter: faster take-over; longer: fewer renewals.',
      ),
    concurrency: z
      .number()
      .int()
      .min(1)
      .max(256)
      .default(64)
      .describe(
        'Outbox jobs one node runs at once, each under its own lease: deliveries, relays to peers and receipts ' +
          'overlap instead of waiting for one another (a relay mostly waits on the peer, or for a connection). ' +
          'A PEC costs the receiving provider three jobs (delivery, take-charge receipt, delivery receipt), so ' +
          'keep it well above `relay.connectionsPerDestination` (decision 0054).',
      ),
  })
  .prefault({})
  .describe('The outbox (outgoing jobs: delivery, relay, receipts) shared by the workers of every node.');

export type QueueConfig = z.output<typeof queueSchema>;
