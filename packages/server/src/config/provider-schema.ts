/**
 * The `provider` section of the configuration: who the provider is. Only the service domain is required;
 * the name, host name and receipt mailbox default from it (pec-spec §7.2, §8.1).
 */
import { isAddrSpec, serviceLocalPart } from '@pec/core';
import { z } from 'zod';

// A DNS name: letters, digits and inner hyphens per label (RFC 1035 §2.3.1, RFC 1123 §2.1).
const domainPattern =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

const domainName = () =>
  z
    .string()
    .regex(domainPattern, 'must be a DNS name (letters, digits, hyphens, dots), e.g. pec.example.it')
    .toLowerCase();

export const providerSchema = z
  .strictObject({
    name: z
      .string()
      .min(1)
      .optional()
      .describe(
        "The provider's name as accredited (the index's providerName; daticert's gestore-emittente). " +
          'It must appear in the CN or O of the signing certificate (pec-spec §7.2, §8.1). Defaults to provider.domain.',
      ),
    domain: domainName().describe(
      `The provider's service domain, a DNS name (stored lowercase). Generated messages come from ${serviceLocalPart}@<domain>, which must ` +
        'equal the e-mail address in the signing certificate (pec-spec §8.1). Required.',
    ),
    hostname: domainName()
      .optional()
      .describe(
        'DNS name this server announces in SMTP greetings and Received fields, and that its MX records name. ' +
          'Defaults to provider.domain.',
      ),
    receiptMailbox: z
      .string()
      // pec-spec §7.2: mailReceipt is a plain addr-spec, dot-atom only (RFC 5322 §3.2.3, §3.4.1).
      .refine((value) => isAddrSpec(value, { dotAtomOnly: true }), {
        message: 'must be a plain dot-atom address such as name@pec.example.it',
      })
      .optional()
      .describe(
        'A plain dot-atom address, where other providers send take-charge receipts and virus notices: the ' +
          `mailReceipt of our index record (pec-spec §7.2). Defaults to ${serviceLocalPart}@<provider.domain>.`,
      ),
  })
  .transform((provider) => ({
    name: provider.name ?? provider.domain,
    domain: provider.domain,
    hostname: provider.hostname ?? provider.domain,
    receiptMailbox: provider.receiptMailbox ?? `${serviceLocalPart}@${provider.domain}`,
  }))
  .describe('Who the provider is. Only provider.domain has no default.');
