import type { Keyring } from '../../../platform/pii/keyring.ts';
import { normalizeCardNumber, normalizeMobile } from '../../../platform/pii/validators.ts';

/**
 * Encryption contexts (bound as AAD, so a value copied into another column does not decrypt) and
 * blind-index contexts of the module's personal data, with the normalisation each look-up relies on.
 */
export const ENC = {
  name: 'customers.name',
  idNumber: 'customers.id_number',
  phone: 'customers.phone',
  address: 'customers.address',
  email: 'customers.email',
  pan: 'cards.pan',
  appName: 'card_applications.name',
  appIdNumber: 'card_applications.id_number',
  appPhone: 'card_applications.phone',
  appAddress: 'card_applications.address',
} as const;

export const normalizeName = (name: string): string => name.replace(/\s+/g, '').normalize('NFKC');
export const normalizeIdNumber = (id: string): string => id.trim().toUpperCase();

export const bidx = {
  name: (k: Keyring, v: string) => k.blindIndex(normalizeName(v), 'customer.name'),
  idNumber: (k: Keyring, v: string) => k.blindIndex(normalizeIdNumber(v), 'customer.id_number'),
  /** Expects a normalised mobile number (see normalizeMobile). */
  phone: (k: Keyring, v: string) => k.blindIndex(v, 'customer.phone'),
  pan: (k: Keyring, v: string) => k.blindIndex(normalizeCardNumber(v), 'card.pan'),
};

export { normalizeMobile };
