import type { Ctx } from './context.ts';

/**
 * Module settings are JSON documents in the `settings` table, one row per key (`cases.settings`,
 * `contacts.settings`, `emergency.card_network`…). Each module validates its own document and audits its
 * own changes; reading and writing the row is the same for all of them.
 */
export async function readSetting(ctx: Pick<Ctx, 'db'>, key: string): Promise<unknown> {
  const row = await ctx.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (JSON.parse(row.value) as unknown) : undefined;
}

/** Stores a setting (insert or replace) as the acting user, in the caller's transaction when it is one. */
export async function writeSetting(
  ctx: Pick<Ctx, 'db' | 'clock' | 'actor'>,
  key: string,
  value: unknown,
): Promise<void> {
  const row = { value: JSON.stringify(value), updated_at: ctx.clock.now().toISOString(), updated_by: ctx.actor.userId };
  await ctx.db
    .insertInto('settings')
    .values({ key, ...row })
    .onConflict((oc) => oc.column('key').doUpdateSet(row))
    .execute();
}

/** The fields of a settings patch that were given (a field set to undefined leaves the stored value alone). */
export function givenFields<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Removes a setting; whether there was one. */
export async function deleteSetting(ctx: Pick<Ctx, 'db'>, key: string): Promise<boolean> {
  const r = await ctx.db.deleteFrom('settings').where('key', '=', key).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
