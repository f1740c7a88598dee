import {
  botEndpoints,
  cardsEndpoints,
  casesEndpoints,
  contactsEndpoints,
  emergencyEndpoints,
} from '@carddesk/contracts/endpoints';
import { api, type Body, call } from '../../app/api.ts';

/** A card product with the terms in force (the server's schema, in contracts). Money in fen, rates as decimals. */
export type { CardProduct as Product, ProductTerms } from '@carddesk/contracts';

/** A module's rule settings: a JSON document the module validates (contacts, cases, emergency). */
export interface SettingsModule {
  key: 'contacts' | 'cases' | 'emergency';
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

/** Who answers first per channel and time of day (the chat assistant's `bot.routing`), edited in its own form. */
export type { BotRouting } from '@carddesk/contracts';
export const getBotRouting = (signal?: AbortSignal) => call(botEndpoints.settings, {}, { signal });
export const putBotRouting = (key: string, routing: Body<typeof botEndpoints.updateSettings>) =>
  call(botEndpoints.updateSettings, { body: routing }, { idempotencyKey: key });
