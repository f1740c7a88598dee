/**
 * In-memory structures built from served knowledge (the synonym table, the FAQ matcher), rebuilt when the
 * knowledge generation counter moves — so every instance sees a publish at once. One cache per runtime
 * (keyed by its config object); nothing built inside an open transaction is kept, since that transaction
 * may still roll back.
 */
import type { Ctx } from '../../platform/context.ts';
import { generation } from './article.repository.ts';

interface Entry<T> {
  generation: number;
  value: T;
}

export class GenerationCache<T> {
  readonly #entries = new WeakMap<object, Map<string, Entry<T>>>();
  constructor(private readonly build: (ctx: Ctx, key: string) => Promise<T>) {}

  async get(ctx: Ctx, key = ''): Promise<T> {
    const gen = await generation(ctx.db);
    let byKey = this.#entries.get(ctx.config);
    const hit = byKey?.get(key);
    if (hit && hit.generation === gen) return hit.value;
    const value = await this.build(ctx, key);
    if (!ctx.db.isTransaction) {
      if (!byKey) {
        byKey = new Map();
        this.#entries.set(ctx.config, byKey);
      }
      byKey.set(key, { generation: gen, value });
    }
    return value;
  }
}
