/**
 * `carddesk nlu train --data FILE.csv --out MODEL.json [--dev DEV.csv] [--seed N]`
 * `carddesk nlu eval --data FILE.csv [--model MODEL.json] [--json]`
 *
 * A bank trains on its own intents with the same commands: any labels work; rows labelled
 * `out_of_scope` teach the model to say it does not know.
 */
import { resolve } from 'node:path';
import { intOption, parseArgs, stringOption } from '../../cli/args.ts';
import { type Io, stdio } from '../../cli/io.ts';
import { CsvFormatError, type LabelledText, readLabelledCsv } from './csv.ts';
import { BUILTIN_MODEL_FILE } from './engine.ts';
import { evaluate } from './eval.ts';
import { loadModelFile, ModelFileError, saveModel } from './model-file.ts';
import { TrainingDataError, trainModel } from './train.ts';

const USAGE = `carddesk nlu train --data FILE.csv --out MODEL.json [--dev DEV.csv] [--seed N]
                  train a model from a CSV with the header text,label
carddesk nlu eval --data FILE.csv [--model MODEL.json] [--json]
                  accuracy, macro-F1, per-label precision/recall, out-of-scope recall, latency
                  (the built-in model when --model is not given)
`;

function readData(path: string): LabelledText[] {
  return readLabelledCsv(resolve(path));
}

/** Runs `nlu …` (argv excludes the leading `nlu`); returns the exit code: 0 done, 1 failed, 2 usage. */
export async function nluCli(argv: string[], io: Io = stdio): Promise<number> {
  const { positional, options } = parseArgs(argv);
  const sub = positional[0];
  const data = stringOption(options, 'data');
  try {
    if (sub === 'train' && data) {
      const out = stringOption(options, 'out');
      if (!out) {
        io.err(`--out MODEL.json is required\n\n${USAGE}`);
        return 2;
      }
      const devPath = stringOption(options, 'dev');
      const { model, report } = trainModel(readData(data), {
        ...(devPath ? { dev: readData(devPath) } : {}),
        seed: intOption(options, 'seed', 42),
        log: (m) => io.err(`${m}\n`),
      });
      saveModel(model, resolve(out));
      io.out(`${JSON.stringify({ model: out, ...report })}\n`);
      return 0;
    }
    if (sub === 'eval' && data) {
      const modelPath = stringOption(options, 'model');
      const model = loadModelFile(modelPath ? resolve(modelPath) : BUILTIN_MODEL_FILE);
      const result = evaluate(model, readData(data));
      if (options.json === true) {
        io.out(`${JSON.stringify(result)}\n`);
      } else {
        const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
        io.out(`rows ${result.n}  accuracy ${pct(result.accuracy)}  macro-F1 ${pct(result.macroF1)}\n`);
        if (result.oosRecall !== undefined) io.out(`out-of-scope recall ${pct(result.oosRecall)}\n`);
        io.out(`latency p50 ${result.p50Ms} ms  p99 ${result.p99Ms} ms\n`);
        for (const [label, m] of Object.entries(result.perLabel)) {
          io.out(
            `  ${label.padEnd(24)} precision ${pct(m.precision).padStart(7)}  recall ${pct(m.recall).padStart(7)}  n=${m.support}\n`,
          );
        }
      }
      return 0;
    }
  } catch (err) {
    if (err instanceof CsvFormatError || err instanceof TrainingDataError || err instanceof ModelFileError) {
      io.err(`carddesk nlu: ${err.message}\n`);
      return 1;
    }
    if (err instanceof Error && 'code' in err && err.code === 'ENOENT') {
      io.err(`carddesk nlu: file not found: ${(err as NodeJS.ErrnoException).path ?? ''}\n`);
      return 1;
    }
    throw err;
  }
  io.err(USAGE);
  return 2;
}
