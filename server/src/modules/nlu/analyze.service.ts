import { type NluAnalysis, nluAnalysisSchema } from '@carddesk/contracts';
import { authorize } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import { analyze } from './engine.ts';

/** Classifies one utterance for staff (the workstation's live assist); the text is never stored. */
export function analyzeUtterance(ctx: Ctx, text: string): NluAnalysis {
  authorize(ctx.actor, 'nlu.analyze');
  const result = analyze(text, { now: ctx.clock.now() });
  return nluAnalysisSchema.parse({ ...result, alternatives: [...result.alternatives] });
}
