/**
 * An infected message that is not a valid transport envelope (ordinary mail, an anomaly, a notice):
 * kept in the quarantine for the retention period (pec-spec §2.1, DPR 68/2005 art. 12), logged, and
 * refused (`virus-found`) like infected Internet mail (pec-spec §2.3 table: "may be dropped"), so the
 * sending system reports it to its user. No PEC notice: none is due for these (pec-spec §2.4).
 */
import { legalLogEvents } from '../../log-register/legal-log-events.ts';
import { receivedLogFields, type ReceptionContext } from './reception-context.ts';
import type { ReceptionClass, ReceptionOutcome } from './reception-point.ts';

export async function refuseInfected(
  rc: ReceptionContext,
  classification: ReceptionClass,
  signature: string | undefined,
  sendingProvider: string | null,
): Promise<ReceptionOutcome> {
  const name = signature ?? 'unknown';
  const logged = receivedLogFields(rc, sendingProvider);
  const record = await rc.quarantine.put(rc.reception.raw, {
    point: 'reception',
    signature: name,
    sender: logged.sender,
    recipients: rc.recipients,
    detectedAt: rc.now,
  });
  await rc.deps.storage.legalLog.append({
    ...logged,
    eventType: legalLogEvents.virusQuarantined,
    relatedMsgids: [record.id],
  });
  return {
    kind: 'refused',
    classification,
    refusal: { reason: 'virus-found', signature },
  };
}
