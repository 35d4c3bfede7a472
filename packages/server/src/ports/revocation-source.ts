/**
 * Port for the network side of revocation checks (pec-spec §2.3 step 3, §8.4 step 4): download a
 * CRL from a distribution point, and post an OCSP request to a responder (RFC 6960 Appendix A).
 * Adapters bound the time and size of each exchange and reject on any failure.
 */
export interface RevocationSource {
  /** The CRL bytes (DER, sometimes PEM) at `url`. */
  fetchCrl(url: string): Promise<Uint8Array>;
  /** The DER OCSPResponse the responder at `url` returns for the DER `request`. */
  queryOcsp(url: string, request: Uint8Array): Promise<Uint8Array>;
}
