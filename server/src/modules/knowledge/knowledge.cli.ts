/** `carddesk kb import|export|calibrate|train-matcher|feedback export` (see USAGE). */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, stringOption } from '../../cli/args.ts';
import { serverFile } from '../../paths.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/errors.ts';
import type { CliCommand } from '../module.ts';
import { readArticleFiles, readLines, readSynonyms, SEED_DIR, writeArticleFiles } from './files.ts';
import { exportArticles, importArticles } from './markdown/import-export.ts';
import { exportFeedback } from './match/feedback.service.ts';
import { calibrateMatching } from './match/match.service.ts';
import { readGeneralQuestions, readPairs, sharedDataDir, splitPairs } from './match/pair/data.ts';
import { PAIR_MODEL_FILE } from './match/pair/pair-matcher.ts';
import { trainPairModel } from './match/pair/train.ts';
import { SynonymTable } from './search/query.ts';

const USAGE = `carddesk kb import DIR [--publish [--replace]]
                                     import Markdown articles (drafts unless --publish); --replace
                                     retires every published article not in DIR
carddesk kb export DIR               write every published article as Markdown
carddesk kb calibrate [--out-of-scope FILE]
                                     learn the FAQ matching "none" threshold from the published FAQs
carddesk kb train-matcher [--data DIR] [--out FILE]
                                     train the FAQ pair scorer on the real customer question pairs
                                     (DIR: the shared data folder; default ../shared/data)
carddesk kb feedback export --out FILE.csv
                                     write the agents' use of FAQ suggestions as question,faq_id,outcome
`;

export const kbCommand: CliCommand = async (argv, deps, io) => {
  const { positional, options } = parseArgs(argv);
  const [sub, dir] = positional;
  const ctx = { ...deps, actor: systemActor('cli') };
  try {
    if (sub === 'import' && dir) {
      const report = await importArticles(ctx, readArticleFiles(resolve(dir)), {
        publish: options.publish === true,
        replace: options.replace === true,
      });
      io.out(
        `imported ${report.ids.length} files: ${report.created} new, ${report.updated} changed, ${report.unchanged} unchanged, ${report.published} published\n`,
      );
      if (options.replace === true) {
        const listed = report.retired.slice(0, 20).join(', ');
        const more = report.retired.length > 20 ? ` and ${report.retired.length - 20} more` : '';
        io.out(`retired ${report.retired.length} articles not in ${dir}${listed ? `: ${listed}${more}` : ''}\n`);
        if (report.calibrationReset) {
          io.out(
            'matching calibration reset (learnt on the retired content); run `carddesk kb calibrate` to learn on this content\n',
          );
        }
      }
      return 0;
    }
    if (sub === 'export' && dir) {
      const files = await exportArticles(ctx);
      writeArticleFiles(resolve(dir), files);
      io.out(`exported ${files.length} articles to ${resolve(dir)}\n`);
      return 0;
    }
    if (sub === 'feedback' && dir === 'export') {
      const out = stringOption(options, 'out');
      if (!out) {
        io.err('usage: carddesk kb feedback export --out FILE.csv\n');
        return 1;
      }
      const { csv, rows } = await exportFeedback(ctx);
      writeFileSync(resolve(out), csv);
      io.out(`wrote ${rows} feedback rows to ${resolve(out)}\n`);
      return 0;
    }
    if (sub === 'train-matcher') {
      const data = stringOption(options, 'data') ?? sharedDataDir();
      if (!data) {
        io.err('no shared data folder (zh-customer/pairs.tsv): pass --data DIR or set CARDDESK_SHARED_DATA\n');
        return 1;
      }
      const out = resolve(stringOption(options, 'out') ?? fileURLToPath(serverFile(PAIR_MODEL_FILE)));
      const split = splitPairs(readPairs(data), readGeneralQuestions(data));
      const synonyms = new SynonymTable(readSynonyms(join(SEED_DIR, 'synonyms.yaml')));
      const { file, calibration } = trainPairModel(split.train, split.generalTrain, synonyms);
      writeFileSync(out, `${JSON.stringify(file)}\n`);
      io.out(
        `pair scorer trained on ${split.train.length} pairs (${file.trainedOn.lists} retrieval lists); threshold ${file.threshold}; calibration task recall@1 ${calibration.recallAt1.toFixed(3)}, unrelated "none" ${calibration.unrelatedNone.toFixed(3)}; wrote ${out}\n`,
      );
      return 0;
    }
    if (sub === 'calibrate') {
      const file = stringOption(options, 'out-of-scope') ?? join(SEED_DIR, 'eval', 'out-of-scope.txt');
      const c = await calibrateMatching(ctx, readLines(file));
      io.out(
        c.method === 'pairs'
          ? 'most FAQs have a single phrasing: matching uses the pair scorer and its own threshold (pair-model.json)\n'
          : `threshold ${c.threshold} (balanced accuracy ${c.balancedAccuracy}, slope ${c.slope})\n`,
      );
      return 0;
    }
  } catch (err) {
    if (err instanceof AppError && err.code === 'KB_IMPORT_INVALID') {
      io.err(`nothing imported:\n${JSON.stringify(err.details, null, 2)}\n`);
      return 1;
    }
    if (err instanceof AppError && err.code === 'KB_REPLACE_NEEDS_PUBLISH') {
      io.err('nothing imported: --replace needs --publish\n');
      return 1;
    }
    throw err;
  }
  io.err(USAGE);
  return 1;
};
