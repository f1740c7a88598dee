import type { Keyring } from '../../../platform/pii/keyring.ts';
import { maskAddress, maskIdNumber, maskName, maskPhone } from '../../../platform/pii/mask.ts';
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

/** The masked forms stored beside the encrypted values (written with them, so showing needs no decryption). */
export function customerMasks(p: { name: string; phone: string; idNumber: string; address: string }) {
  return {
    name_masked: maskName(p.name),
    phone_masked: maskPhone(p.phone),
    id_number_masked: maskIdNumber(p.idNumber),
    address_masked: maskAddress(p.address),
  };
}

type MaskField = 'name' | 'phone' | 'idNumber' | 'address';
const MASKERS: Record<MaskField, (v: string) => string> = {
  name: maskName,
  phone: maskPhone,
  idNumber: maskIdNumber,
  address: maskAddress,
};

/**
 * A customer's masked value: the stored form, or — for a row written before masks were stored and not yet
 * backfilled (the cards.customer_masks job) — the encrypted value decrypted and masked here.
 */
export function maskedOf(k: Keyring, field: MaskField, masked: string | null, encrypted: string): string {
  return masked ?? MASKERS[field](k.decrypt(encrypted, ENC[field]));
}
