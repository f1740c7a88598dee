import { api } from '../../app/api.ts';

/** A card product as the card engine describes it (guide §2.1). */
export interface Product {
  code: string;
  name: string;
  tier: string;
  minLimitFen: number;
  maxLimitFen: number;
  annualRate: string;
  maxInterestFreeDays: number;
  annualFeeFen: number;
  feeWaiver: string;
  pointsRule: string;
}

/** A rule setting: a figure the bank may change (UNCONFIRMED facts become settings with defaults). */
export interface Setting {
  key: string;
  value: string;
  defaultValue: string;
  description: string;
  unconfirmed?: boolean;
}

export const listProducts = (signal?: AbortSignal) => api<Product[]>('/api/products', { signal });
export const listSettings = (signal?: AbortSignal) => api<Setting[]>('/api/settings', { signal });
export const updateSetting = (idempotencyKey: string, key: string, value: string) =>
  api<Setting>(`/api/settings/${encodeURIComponent(key)}`, { method: 'PUT', body: { value }, idempotencyKey });
