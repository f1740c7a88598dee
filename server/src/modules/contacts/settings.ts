import { contactsSettingsPatchSchema, contactsSettingsSchema } from '@carddesk/contracts';
import type { z } from 'zod';
import { audit } from '../../platform/audit.ts';
import type { AccessNeed } from '../../platform/auth/customer-access.ts';
import { authorize } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/dialect.ts';
import { readSetting, writeSetting } from '../../platform/settings.ts';
import type { Level, LevelPolicy, Scripts } from './contact.ts';

/**
 * The contacts module's configurable rules, kept in the platform `settings` table under one key and
 * merged over these defaults, so a bank changes them without a release (`PUT /api/contacts/settings`).
 */
export const SETTINGS_KEY = 'contacts.config';

/**
 * Which verification level unlocks which work on a customer. The temporary block (freeze, 临时挂失) needs
 * none: it only protects the customer, and the guide (§3.3) wants it at once. The formal loss report blocks
 * the card for good and orders a replacement, so the caller must be verified first. Reading a masked
 * profile or statements needs basic; anything that moves money, changes limits or contact details, or
 * reveals personal data needs strong. A need missing here (a module added it later) needs strong.
 */
export const DEFAULT_ACCESS_LEVELS: Partial<Record<AccessNeed, Level>> = {
  'customer.search': 'none',
  'card.freeze': 'none',
  'customer.profile': 'basic',
  'card.report_lost': 'basic',
  'account.read': 'basic',
  'statement.read': 'basic',
  'transactions.read': 'basic',
  'installment.quote': 'basic',
  'points.read': 'basic',
  'repayment.record': 'basic',
  'limit.decrease': 'basic',
  'fee.waive': 'basic',
  'application.submit': 'basic',
  'case.read': 'basic',
  'case.write': 'basic',
  'customer.reveal_pii': 'strong',
  'installment.apply': 'strong',
  'installment.prepay': 'strong',
  'card.activate': 'strong',
  'card.unfreeze': 'strong',
  'card.replace': 'strong',
  'card.cancel': 'strong',
  'limit.temporary': 'strong',
  'limit.permanent': 'strong',
  'points.redeem': 'strong',
  'profile.update': 'strong',
};

/** The contact rules as the API answers them; an admin's change is checked against the same schema. */
export const contactsConfigSchema = contactsSettingsSchema;

export type ContactsConfig = Omit<z.infer<typeof contactsConfigSchema>, 'levelPolicy' | 'scripts'> & {
  levelPolicy: LevelPolicy;
  scripts: Scripts;
};

export const DEFAULT_CONFIG: ContactsConfig = {
  accessLevels: DEFAULT_ACCESS_LEVELS,
  levelPolicy: {
    // The caller number, as the telephony side delivered it, is the registered phone's (spoofable, so basic
    // at most); the OTP proves possession of that phone; name + ID last six and card last four + birth date
    // or ID digits are knowledge the desk never displayed.
    methodLevels: { caller_number: 'basic', name_id_last6: 'basic', card_last4_factor: 'basic', otp: 'basic' },
    strong: { all: ['otp'], anyOf: ['name_id_last6', 'card_last4_factor'] },
  },
  verification: { maxFailures: 3, windowMinutes: 30, lockMinutes: 30 },
  otp: { ttlSeconds: 300, resendSeconds: 60, maxAttempts: 5, maxPerDay: 10 },
  promises: { remindBeforeMinutes: 120 },
  wellbeing: { runLength: 3, windowMinutes: 120 },
  chat: { sessionMinutes: 60 },
  desk: {
    wrapUpSeconds: 30,
    maxConcurrentChats: 3,
    serviceLevelSeconds: 20,
    serviceLevelTarget: 0.8,
    abandonRateLimit: 0.05,
    longestWaitAlertSeconds: 60,
  },
  scripts: {
    greeting: {
      phone: '您好,{agentNo}号客服很高兴为您服务,请问有什么可以帮您?',
      chat: '您好,{agentNo}号客服很高兴为您服务,请问有什么可以帮您?',
    },
    closing: {
      phone: '感谢您的来电,如有其他问题欢迎随时联系我们,祝您生活愉快,再见!',
      chat: '感谢您的咨询,如有其他问题欢迎随时联系我们,祝您生活愉快!',
    },
  },
};

/** A partial override: any subset of the sections above. */
export const configPatchSchema = contactsSettingsPatchSchema;
export type ConfigPatch = z.infer<typeof configPatchSchema>;

export async function loadConfig(ctx: Ctx): Promise<ContactsConfig> {
  const stored = await readSetting(ctx, SETTINGS_KEY);
  if (stored === undefined) return DEFAULT_CONFIG;
  return merge(DEFAULT_CONFIG, configPatchSchema.parse(stored));
}

function merge(base: ContactsConfig, patch: ConfigPatch): ContactsConfig {
  return {
    ...base,
    ...patch,
    // Access levels merge need by need, so a bank changes one line without restating the table.
    accessLevels: { ...base.accessLevels, ...(patch.accessLevels ?? {}) },
  } as ContactsConfig;
}

/** `GET /api/contacts/settings`: for those who handle contacts (the verification panel) and admins. */
export async function readConfig(ctx: Ctx): Promise<ContactsConfig> {
  authorize(ctx.actor, 'contacts.settings_read');
  return loadConfig(ctx);
}

export function requiredLevel(config: ContactsConfig, need: AccessNeed): Level {
  return config.accessLevels[need] ?? 'strong';
}

export async function updateConfig(ctx: Ctx, patch: ConfigPatch): Promise<ContactsConfig> {
  authorize(ctx.actor, 'settings.manage');
  return inTransaction(ctx, async (tctx) => {
    const stored = await readSetting(tctx, SETTINGS_KEY);
    const current = stored === undefined ? {} : configPatchSchema.parse(stored);
    const next: ConfigPatch = {
      ...current,
      ...patch,
      ...(patch.accessLevels ? { accessLevels: { ...(current.accessLevels ?? {}), ...patch.accessLevels } } : {}),
    };
    await writeSetting(tctx, SETTINGS_KEY, next);
    await audit(tctx, {
      action: 'contacts.settings_update',
      entityType: 'settings',
      entityId: SETTINGS_KEY,
      details: { patch },
    });
    return merge(DEFAULT_CONFIG, next);
  });
}
