/**
 * Port for an RFC 3161 time-stamping authority (pec-spec §6.4, §8.5): posts a DER TimeStampReq and
 * returns the DER TimeStampResp (RFC 3161 §3.4, `application/timestamp-query` / `-reply`).
 */
export interface TimeStampAuthority {
  requestTimeStamp(request: Uint8Array): Promise<Uint8Array>;
}
