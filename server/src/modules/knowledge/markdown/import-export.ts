/**
 * Bringing a bank's existing knowledge in, and taking it out, as Markdown files with front matter.
 * An import is all or nothing: every file is parsed and checked first; then one transaction creates new
 * articles, adds a version where content changed, and (with `publish`) serves them at once.
 */
import { audit } from '../../../platform/audit.ts';
import { authorize } from '../../../platform/auth/policy.ts';
import type { Ctx } from '../../../platform/context.ts';
import { inTransaction } from '../../../platform/db/dialect.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import type { ArticleRow, VersionRow } from '../article.repository.ts';
import * as repo from '../article.repository.ts';
import {
  type ArticleContent,
  type ArticleView,
  contentProblem,
  OPEN_STATUSES,
  type VersionStatus,
} from '../article.ts';
import { contentOf, toViews } from '../article.view.ts';
import { forgetCalibration } from '../match/match.service.ts';
import { publishApproved, retireLocked } from '../publishing.service.ts';
import { formatArticleFile, type ParsedFile, parseArticleFile } from './front-matter.ts';

export interface SourceFile {
  path: string;
  text: string;
}

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  published: number;
  /** With `replace`: the published articles not in the import, now retired. */
  retired: string[];
  /** With `replace`: the stored matching calibration was dropped (learnt on the replaced content). */
  calibrationReset?: boolean;
  ids: string[];
}

const same = (a: ArticleContent, b: ArticleContent) => JSON.stringify(a) === JSON.stringify(b);

function parseAll(files: readonly SourceFile[]): ParsedFile[] {
  const problems: Array<{ file: string; problem: string }> = [];
  const parsed: ParsedFile[] = [];
  const seen = new Map<string, string>();
  for (const f of files) {
    try {
      const p = parseArticleFile(f.text);
      const problem = contentProblem(p.kind, p.content);
      if (problem) throw new Error(problem);
      const other = seen.get(p.id);
      if (other) throw new Error(`id ${p.id} is also used by ${other}`);
      seen.set(p.id, f.path);
      parsed.push(p);
    } catch (err) {
      problems.push({ file: f.path, problem: err instanceof Error ? err.message : String(err) });
    }
  }
  if (problems.length > 0) {
    throw new AppError('KB_IMPORT_INVALID', { detail: JSON.stringify(problems), details: { problems } });
  }
  return parsed;
}

/**
 * `replace` (with `publish` only) makes the import the whole published knowledge base: every article
 * served before and absent from the files is retired in the same transaction (history kept).
 */
export async function importArticles(
  ctx: Ctx,
  files: readonly SourceFile[],
  options: { publish?: boolean; replace?: boolean } = {},
): Promise<ImportReport> {
  authorize(ctx.actor, 'kb.write');
  if (options.replace) {
    if (!options.publish) throw new AppError('KB_REPLACE_NEEDS_PUBLISH');
    authorize(ctx.actor, 'kb.review');
  }
  // Publishing on import skips the second reviewer, so only the system (CLI, seeding) may do it.
  if (options.publish && ctx.actor.kind !== 'system') authorize(ctx.actor, 'users.manage');
  const parsed = parseAll(files);
  return inTransaction(ctx, async (tctx) => {
    const trx = tctx.db;
    const now = ctx.clock.now().toISOString();
    const report: ImportReport = { created: 0, updated: 0, unchanged: 0, published: 0, retired: [], ids: [] };
    const existing = new Map<string, ArticleRow>();
    for (let i = 0; i < parsed.length; i += 500) {
      const ids = parsed.slice(i, i + 500).map((p) => p.id);
      for (const a of await trx.selectFrom('kb_articles').selectAll().where('id', 'in', ids).execute()) {
        existing.set(a.id, a);
      }
    }
    const reviewer = { reviewer_id: ctx.actor.userId, reviewer_name: ctx.actor.username, review_comment: 'import' };
    const version = (p: ParsedFile, no: number, status: VersionStatus): VersionRow => ({
      id: newId(ctx.clock.now()),
      article_id: p.id,
      version_no: no,
      status,
      title: p.content.title,
      body: p.content.body,
      questions: JSON.stringify(p.content.questions),
      tags: JSON.stringify(p.content.tags),
      products: JSON.stringify(p.content.products),
      intent: p.content.intent ?? null,
      audience: p.content.audience,
      source: p.content.source ?? null,
      effective_from: p.content.effectiveFrom ?? null,
      effective_to: p.content.effectiveTo ?? null,
      author_id: ctx.actor.userId,
      author_name: ctx.actor.username,
      ...(options.publish ? reviewer : { reviewer_id: null, reviewer_name: null, review_comment: null }),
      created_at: now,
      updated_at: now,
      submitted_at: options.publish ? now : null,
      published_at: null,
    });

    // New articles go in as batches; published ones straight into the index (the common, bulk case).
    const fresh = parsed.filter((p) => !existing.has(p.id));
    const freshVersions = fresh.map((p) => version(p, 1, 'draft'));
    await repo.insertArticles(
      trx,
      fresh.map((p) => ({
        id: p.id,
        kind: p.kind,
        status: 'active',
        current_version_id: null,
        created_at: now,
        updated_at: now,
      })),
    );
    await repo.insertVersions(trx, freshVersions);
    report.created = fresh.length;
    if (options.publish) {
      for (const [i, v] of freshVersions.entries()) {
        const p = fresh[i] as ParsedFile;
        await publishApproved(
          tctx,
          { id: p.id, kind: p.kind, status: 'active', current_version_id: null, created_at: now, updated_at: now },
          {
            ...v,
            status: 'in_review',
          },
        );
      }
      report.published += fresh.length;
    }

    for (const p of parsed.filter((x) => existing.has(x.id))) {
      const a = existing.get(p.id) as ArticleRow;
      if (a.kind !== p.kind || a.status !== 'active') {
        throw new AppError('KB_IMPORT_INVALID', {
          details: { problems: [{ id: p.id, problem: 'kind differs or retired' }] },
        });
      }
      const versions = await repo.versionsOf(trx, a.id);
      const open = versions.find((v) => OPEN_STATUSES.includes(v.status as VersionStatus));
      const served = versions.find((v) => v.id === a.current_version_id);
      const latest = open ?? versions[0];
      let target: VersionRow | undefined;
      if (latest && same(contentOf(latest), p.content)) {
        report.unchanged++;
        target = latest;
      } else if (open) {
        const row = version(p, open.version_no, open.status as VersionStatus);
        const { id: _id, created_at: _c, ...set } = row;
        await repo.updateVersion(trx, open.id, set);
        target = { ...open, ...set };
        report.updated++;
      } else {
        target = version(p, (versions[0]?.version_no ?? 0) + 1, 'draft');
        await repo.insertVersions(trx, [target]);
        report.updated++;
      }
      if (options.publish && target.id !== served?.id && target.status !== 'scheduled') {
        await repo.updateVersion(trx, target.id, reviewer);
        await publishApproved(tctx, a, { ...target, ...reviewer });
        report.published++;
      }
    }
    report.ids = parsed.map((p) => p.id);
    if (options.replace) {
      const keep = new Set(report.ids);
      const active = await trx
        .selectFrom('kb_articles')
        .selectAll()
        .where('status', '=', 'active')
        .orderBy('id')
        .execute();
      for (const a of active.filter((x) => !keep.has(x.id))) {
        const locked = await repo.lockArticle(trx, a.id);
        if (locked?.status !== 'active') continue;
        await retireLocked(tctx, locked, 'replaced by import');
        report.retired.push(a.id);
      }
      // The matching calibration was learnt on the content just replaced.
      if (report.retired.length > 0) report.calibrationReset = await forgetCalibration(trx);
    }
    await audit(tctx, {
      action: 'kb.import',
      entityType: 'kb_article',
      details: { ...report, publish: options.publish === true, replace: options.replace === true },
    });
    return report;
  });
}

/** Every served article as a file (`<kind>/<id>.md`). */
export async function exportArticles(ctx: Ctx): Promise<SourceFile[]> {
  authorize(ctx.actor, 'kb.read');
  const rows = await repo.servedVersions(ctx.db);
  const views: ArticleView[] = await toViews(ctx, rows);
  return views.map((v) => ({ path: `${v.kind}/${v.id}.md`, text: formatArticleFile(v) }));
}
