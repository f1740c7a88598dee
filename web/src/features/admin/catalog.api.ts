import {
  botEndpoints,
  cardsEndpoints,
  casesEndpoints,
  contactsEndpoints,
  emergencyEndpoints,
} from '@carddesk/contracts/endpoints';
import { api, call } from '../../app/api.ts';

/** A card product with the terms in force (the server's schema, in contracts). Money in fen, rates as decimals. */
export type { CardProduct as Product, ProductTerms } from '@carddesk/contracts';

/** A module's rule settings: a JSON document the module validates (contacts, cases, bot, emergency). */
export interface SettingsModule {
  key: 'contacts' | 'cases' | 'bot' | 'emergency';
  zh: string;
  en: string;
  path: string;
}

export const SETTINGS_MODULES: SettingsModule[] = [
  {
    key: 'contacts',
    zh: '联络与核身规则(核身等级、锁定、话术、关怀阈值)',
    en: 'Contacts: verification table, lock-out, scripts, well-being',
    path: contactsEndpoints.settings.path,
  },
  {
    key: 'cases',
    zh: '工单规则(计日方式、提醒、欺诈案件时限)',
    en: 'Cases: day basis, reminders, fraud-case days',
    path: casesEndpoints.settings.path,
  },
  {
    key: 'bot',
    zh: '智能助手接待规则(各渠道默认由助手或人工先接待,及按北京时间的时段)',
    en: 'Chat assistant: who answers first per channel, by default and by time of day (Beijing time)',
    path: botEndpoints.settings.path,
  },
  {
    key: 'emergency',
    zh: '紧急业务规则(各卡组织拒付时限、本行受理时限、各产品失卡保障时长与上限、发卡组织)',
    en: 'Emergency lane: chargeback limits per network, the bank’s claim window, lost-card cover per product, card network',
    path: emergencyEndpoints.settings.path,
  },
];

export const listProducts = (signal?: AbortSignal) => call(cardsEndpoints.listProducts, {}, { signal });
export const getSettings = (path: string, signal?: AbortSignal) => api<Record<string, unknown>>(path, { signal });
export const putSettings = (key: string, path: string, patch: Record<string, unknown>) =>
  api<Record<string, unknown>>(path, { method: 'PUT', body: patch, idempotencyKey: key });
