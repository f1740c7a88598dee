import { type CaseSettings, caseSettingsSchema } from '@carddesk/contracts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { givenFields, readSetting, writeSetting } from '../../platform/settings.ts';
import { type DayBasis, type WorkCalendar, weekdayCalendar } from './clock.rules.ts';

/** Bank settings of the cases module, kept in the platform `settings` table under `cases.*` (schema in the contracts). */
export { type CaseSettings, caseSettingsSchema };

export const DEFAULT_CASE_SETTINGS: CaseSettings = {
  dayBasis: 'calendar',
  reminderDaysBefore: [3, 1],
  fraudDecisionDays: 15,
  followUpHours: 24,
};

const KEY = 'cases.settings';

export async function loadCaseSettings(ctx: Pick<Ctx, 'db'>): Promise<CaseSettings> {
  const stored = await readSetting(ctx, KEY);
  if (stored === undefined) return DEFAULT_CASE_SETTINGS;
  const parsed = caseSettingsSchema.partial().safeParse(stored);
  return parsed.success
    ? ({ ...DEFAULT_CASE_SETTINGS, ...givenFields(parsed.data) } as CaseSettings)
    : DEFAULT_CASE_SETTINGS;
}

/** The settings as the cases API shows them: whoever may list cases reads the rules they run on. */
export async function readCaseSettings(ctx: Ctx): Promise<CaseSettings> {
  authorize(ctx.actor, 'cases.list');
  return loadCaseSettings(ctx);
}

/**
 * Stores a settings change in the caller's transaction (audited with before and after) and returns the new
 * settings. The service (`clock.service.ts`) recomputes the running deadlines they govern.
 */
export async function storeCaseSettings(
  trxCtx: Ctx,
  patch: { [K in keyof CaseSettings]?: CaseSettings[K] | undefined },
): Promise<{ before: CaseSettings; after: CaseSettings }> {
  const current = await loadCaseSettings(trxCtx);
  const parsed = caseSettingsSchema.safeParse({ ...current, ...givenFields(patch) });
  if (!parsed.success) throw new AppError('CASE_SETTING_INVALID', { details: parsed.error.issues });
  await writeSetting(trxCtx, KEY, parsed.data);
  await audit(trxCtx, {
    action: 'cases.settings_update',
    entityType: 'settings',
    entityId: KEY,
    details: { before: current, after: parsed.data },
  });
  return { before: current, after: parsed.data };
}

/** The bank's calendar around a period: weekdays corrected by the holiday table. */
export async function loadWorkCalendar(ctx: Pick<Ctx, 'db'>, from: string, to: string): Promise<WorkCalendar> {
  const rows = await ctx.db
    .selectFrom('case_holidays')
    .select(['date', 'working'])
    .where('date', '>=', from)
    .where('date', '<=', to)
    .execute();
  return weekdayCalendar(new Map(rows.map((r) => [r.date, r.working === 1])));
}

export interface Holiday {
  date: string;
  working: boolean;
  name: string;
}

export async function listHolidays(ctx: Ctx, year: number): Promise<Holiday[]> {
  authorize(ctx.actor, 'cases.list');
  const rows = await ctx.db
    .selectFrom('case_holidays')
    .selectAll()
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .orderBy('date')
    .execute();
  return rows.map((r) => ({ date: r.date, working: r.working === 1, name: r.name }));
}

/** Replaces the bank's calendar entries for one year (holidays and 调休 working weekends), audited. */
export async function storeHolidays(trxCtx: Ctx, year: number, days: readonly Holiday[]): Promise<void> {
  if (days.some((d) => !d.date.startsWith(`${year}-`))) {
    throw new AppError('CASE_SETTING_INVALID', { detail: 'holiday outside the year' });
  }
  const dates = new Set(days.map((d) => d.date));
  if (dates.size !== days.length) throw new AppError('CASE_SETTING_INVALID', { detail: 'a date listed twice' });
  await trxCtx.db
    .deleteFrom('case_holidays')
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .execute();
  if (days.length > 0) {
    await trxCtx.db
      .insertInto('case_holidays')
      .values(days.map((d) => ({ date: d.date, working: d.working ? 1 : 0, name: d.name })))
      .execute();
  }
  await audit(trxCtx, {
    action: 'cases.holidays_replace',
    entityType: 'settings',
    entityId: `case_holidays:${year}`,
    details: { count: days.length },
  });
}

export type { DayBasis };
