import { CONTACT_TYPE_LABELS, CONTACT_TYPES, INTENT_CODES, INTENTS } from '@carddesk/contracts/vocabulary';
import type { Locale } from '../../app/i18n.tsx';

/**
 * Display of the contact taxonomy: the codes and their zh/en labels are the contract's vocabulary
 * (`@carddesk/contracts/vocabulary`); the colours are the web's.
 */
export const typeColor = (code: string | null | undefined): string =>
  code ? (TYPE_COLORS[code] ?? 'default') : 'default';

export const TYPE_COLORS: Record<string, string> = {
  consult: 'blue',
  transaction: 'green',
  complaint: 'orange',
  emergency: 'red',
};

function pick(label: { zh: string; en: string } | undefined, code: string, locale: Locale): string {
  if (!label) return code;
  return locale === 'en' ? label.en : label.zh;
}
const TYPE_LABELS: Record<string, { zh: string; en: string }> = CONTACT_TYPE_LABELS;
const INTENT_LABELS: Record<string, { zh: string; en: string }> = INTENTS;

export const typeLabel = (code: string | null | undefined, locale: Locale) =>
  code ? pick(TYPE_LABELS[code], code, locale) : '—';
export const intentLabel = (code: string | null | undefined, locale: Locale) =>
  code ? pick(INTENT_LABELS[code], code, locale) : '—';

export const INTENT_OPTIONS = (locale: Locale) =>
  INTENT_CODES.map((code) => ({ value: code, label: intentLabel(code, locale) }));
export const TYPE_OPTIONS = (locale: Locale) =>
  CONTACT_TYPES.map((code) => ({ value: code, label: typeLabel(code, locale) }));
