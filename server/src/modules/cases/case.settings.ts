import { z } from 'zod';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/dialect.ts';
import { AppError } from '../../platform/errors.ts';
import { type DayBasis, type WorkCalendar, weekdayCalendar } from './regulatory-clock.ts';

/**
 * Bank settings of the cases module, kept in the platform `settings` table under `cases.*`. Every value
 * has a default, so a fresh installation works; figures the regulation does not fix are settings.
 */
export const caseSettingsSchema = z.object({
  /** Whether the complaint deadlines count calendar days (the 2020 rule) or working days. */
  dayBasis: z.enum(['calendar', 'working']),
  /** Reminders go out this many days before a due date, one each. */
  reminderDaysBefore: z.array(z.number().int().min(0).max(30)).max(5),
  /** Days a fraud case has for its decision (no regulatory figure found: a bank setting). */
  fraudDecisionDays: z.number().int().min(1).max(180),
  /** Hours between follow-up checks of an emergency case until it closes. */
  followUpHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 14),
});
export type CaseSettings = z.infer<typeof caseSettingsSchema>;

export const DEFAULT_CASE_SETTINGS: CaseSettings = {
  dayBasis: 'calendar',
  reminderDaysBefore: [3, 1],
  fraudDecisionDays: 15,
  followUpHours: 24,
};

const KEY = 'cases.settings';

export async function loadCaseSettings(ctx: Pick<Ctx, 'db'>): Promise<CaseSettings> {
  const row = await ctx.db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  if (!row) return DEFAULT_CASE_SETTINGS;
  const parsed = caseSettingsSchema.partial().safeParse(JSON.parse(row.value));
  return parsed.success
    ? ({ ...DEFAULT_CASE_SETTINGS, ...stripUndefined(parsed.data) } as CaseSettings)
    : DEFAULT_CASE_SETTINGS;
}

export async function updateCaseSettings(
  ctx: Ctx,
  patch: { [K in keyof CaseSettings]?: CaseSettings[K] | undefined },
): Promise<CaseSettings> {
  authorize(ctx.actor, 'cases.manage');
  return inTransaction(ctx.db, async (trx) => {
    const current = await loadCaseSettings({ db: trx });
    const parsed = caseSettingsSchema.safeParse({ ...current, ...stripUndefined(patch) });
    if (!parsed.success) throw new AppError('CASE_SETTING_INVALID', { details: parsed.error.issues });
    const now = ctx.clock.now().toISOString();
    const value = JSON.stringify(parsed.data);
    await trx
      .insertInto('settings')
      .values({ key: KEY, value, updated_at: now, updated_by: ctx.actor.userId })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now, updated_by: ctx.actor.userId }))
      .execute();
    await audit(
      { ...ctx, db: trx },
      {
        action: 'cases.settings_update',
        entityType: 'settings',
        entityId: KEY,
        details: { before: current, after: parsed.data },
      },
    );
    return parsed.data;
  });
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
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

/** Replaces the bank's calendar entries for one year (holidays and 调休 working weekends). */
export async function replaceHolidays(ctx: Ctx, year: number, days: readonly Holiday[]): Promise<Holiday[]> {
  authorize(ctx.actor, 'cases.manage');
  if (days.some((d) => !d.date.startsWith(`${year}-`))) {
    throw new AppError('CASE_SETTING_INVALID', { detail: 'holiday outside the year' });
  }
  await inTransaction(ctx.db, async (trx) => {
    await trx
      .deleteFrom('case_holidays')
      .where('date', '>=', `${year}-01-01`)
      .where('date', '<=', `${year}-12-31`)
      .execute();
    for (const d of days) {
      await trx
        .insertInto('case_holidays')
        .values({ date: d.date, working: d.working ? 1 : 0, name: d.name })
        .execute();
    }
    await audit(
      { ...ctx, db: trx },
      {
        action: 'cases.holidays_replace',
        entityType: 'settings',
        entityId: `case_holidays:${year}`,
        details: { count: days.length },
      },
    );
  });
  return listHolidays(ctx, year);
}

export type { DayBasis };
