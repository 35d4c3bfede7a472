/**
 * `POST /api/v1/billing/callback` (decision 0041): the external billing system's final word on an
 * order. Outside the API's scope on purpose: it is signed, not signed-in, so it needs neither a
 * session nor the CSRF header, and its signature is checked over the exact bytes received, which
 * this scope keeps by reading JSON as text. A missing, wrong or stale signature is a 401 problem;
 * the settlement goes through the box-life service, the path of the operator's "mark paid", and
 * is acted on once per callback id and once per order however often the callback comes.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { BillingAnswer } from '../../../ports/billing.ts';
import { billingHeaders, verifyBillingMessage } from '../../../billing/billing-signature.ts';
import { isBoxLifeError } from '../../../services/box-life/box-life-error.ts';
import type { BoxLife } from '../../../services/box-life/create-box-life.ts';
import { requestProblem, type RefusalProblem } from '../refusal-problem.ts';

export const billingCallbackPath = '/api/v1/billing/callback';

export interface BillingCallbackDependencies {
  readonly secret: string;
  readonly toleranceSeconds: number;
  readonly clock: { now(): Date };
  readonly boxLife: Pick<BoxLife, 'settleCallback'>;
}

/** The callback's body, documented in docs/api.md ("Billing system"). */
export const billingCallbackBody = z.object({
  type: z.enum(['payment.paid', 'payment.declined', 'payment.pending']),
  orderId: z.number().int().positive(),
  reference: z.string().max(200).optional(),
  reason: z.string().max(500).optional(),
  paymentUrl: z.url({ protocol: /^https?$/ }).optional(),
});

function toAnswer(body: z.output<typeof billingCallbackBody>): BillingAnswer {
  const reference = body.reference ?? null;
  switch (body.type) {
    case 'payment.paid':
      return { status: 'paid', reference };
    case 'payment.declined':
      return { status: 'declined', reason: body.reason ?? 'declined', reference };
    case 'payment.pending':
      return { status: 'pending', paymentUrl: body.paymentUrl ?? null, reference };
  }
}

const header = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

function send(reply: FastifyReply, problem: RefusalProblem): FastifyReply {
  return reply.code(problem.status).headers(problem.headers).send(problem.body);
}

const signatureDetail = {
  'missing-headers': 'The callback must carry webhook-id, webhook-timestamp and webhook-signature.',
  'stale-timestamp': 'The webhook-timestamp is too far from now: sign the callback again when sending it.',
  'bad-signature': 'The webhook-signature does not match the body with the shared secret.',
} as const;

export function registerBillingCallback(app: FastifyInstance, deps: BillingCallbackDependencies): void {
  void app.register((scope, _options, done) => {
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'string', bodyLimit: 16_384 },
      (_request, body, next) => {
        next(null, body);
      },
    );
    scope.post(billingCallbackPath, async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      const raw = typeof request.body === 'string' ? request.body : '';
      const refused = verifyBillingMessage(
        deps.secret,
        {
          id: header(request.headers[billingHeaders.id]),
          timestamp: header(request.headers[billingHeaders.timestamp]),
          signature: header(request.headers[billingHeaders.signature]),
          body: raw,
        },
        deps.clock.now(),
        deps.toleranceSeconds,
      );
      if (refused !== undefined)
        return send(reply, requestProblem('invalid-signature', signatureDetail[refused]));
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        return send(reply, requestProblem('invalid-request', 'The body is not JSON.'));
      }
      const body = billingCallbackBody.safeParse(parsed);
      if (!body.success) {
        const detail = body.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
        return send(reply, requestProblem('invalid-request', detail));
      }
      const callbackId = header(request.headers[billingHeaders.id]) ?? '';
      try {
        const settled = await deps.boxLife.settleCallback(callbackId, body.data.orderId, toAnswer(body.data));
        return { orderId: settled.order.id, status: settled.order.status, duplicate: !settled.changed };
      } catch (error) {
        if (isBoxLifeError(error, 'not-found'))
          return send(reply, requestProblem('not-found', error.message));
        throw error;
      }
    });
    done();
  });
}
