/**
 * `carddesk qa inspect --transcripts FILE.jsonl [--scorecard CODE] --json`: inspects transcripts from
 * outside (a recording system's speech-to-text, another desk) with a published scorecard and prints one
 * JSON line per transcript: {"id","score","passed","fatal","findings":[{"item","result","turn","evidence"}]}.
 * Nothing is stored. A line that is not a valid transcript prints {"id","error"} and the command exits 1.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseArgs, stringOption } from '../../cli/args.ts';
import type { CliCommand } from '../module.ts';
import { inspect, type Transcript } from './engine/engine.ts';
import { publishedScorecard } from './scorecard.service.ts';
import { maskFullNumbers } from './turn-marks.ts';

const USAGE = `carddesk qa inspect --transcripts FILE.jsonl [--scorecard CODE] --json
    inspect transcripts, one JSON object a line:
    {"id","channel":"phone"|"chat","agentNo","turns":[{"role":"agent"|"customer","text","at"?}]}
    prints one line per transcript: {"id","score","passed","fatal","findings":[{"item","result","turn","evidence"}]}
`;

export const transcriptLineSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  channel: z.enum(['phone', 'chat']),
  agentNo: z.union([z.string(), z.number()]).transform(String).nullish(),
  complaint: z.boolean().optional(),
  turns: z.array(
    z.object({
      role: z.enum(['agent', 'customer', 'system']),
      text: z.string().max(20_000),
      at: z.string().optional(),
    }),
  ),
});

/** One line of a transcripts file as the engine reads it. */
export function parseTranscriptLine(line: string): Transcript {
  const t = transcriptLineSchema.parse(JSON.parse(line));
  return {
    id: t.id,
    channel: t.channel,
    agentNo: t.agentNo ?? null,
    turns: t.turns.map((turn) => ({ speaker: turn.role, text: turn.text, ...(turn.at ? { at: turn.at } : {}) })),
    ...(t.complaint === undefined ? {} : { complaint: t.complaint }),
  };
}

export const qaCommand: CliCommand = async (argv, deps, io) => {
  const { positional, options } = parseArgs(argv);
  const file = stringOption(options, 'transcripts');
  if (positional[0] !== 'inspect' || !file || options.json !== true) {
    io.err(USAGE);
    return 1;
  }
  const { scorecard } = await publishedScorecard(deps, stringOption(options, 'scorecard'));
  let failed = false;
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  for (const [n, line] of lines.entries()) {
    if (!line.trim()) continue;
    let transcript: Transcript;
    try {
      transcript = parseTranscriptLine(line);
    } catch (err) {
      failed = true;
      const id = safeId(line) ?? `line ${n + 1}`;
      io.out(`${JSON.stringify({ id, error: err instanceof z.ZodError ? 'invalid transcript' : 'invalid JSON' })}\n`);
      continue;
    }
    const r = inspect(scorecard, transcript);
    io.out(
      `${JSON.stringify({
        id: r.id,
        score: r.score,
        passed: r.passed,
        fatal: r.fatal,
        // The evidence is shown as the desk shows a transcript: a full card, ID or mobile number masked.
        findings: r.findings.map((f) => ({
          item: f.item,
          result: f.result,
          turn: f.turn,
          evidence: f.evidence === null ? null : maskFullNumbers(f.evidence),
        })),
      })}\n`,
    );
  }
  return failed ? 1 : 0;
};

function safeId(line: string): string | undefined {
  try {
    const v = JSON.parse(line) as { id?: unknown };
    return typeof v.id === 'string' || typeof v.id === 'number' ? String(v.id) : undefined;
  } catch {
    return undefined;
  }
}
