/**
 * The NLU's intent probabilities for a question, as the matcher uses them. When the model cannot be
 * loaded, matching goes on lexically (undefined) rather than failing the customer's question.
 */
import { analyze } from '../../nlu/index.ts';
import type { IntentGuess } from './matcher.ts';

export function intentsOf(text: string): IntentGuess | undefined {
  try {
    const a = analyze(text.slice(0, 2000));
    const map = new Map<string, number>([[a.intent, a.confidence]]);
    for (const alt of a.alternatives) if (!map.has(alt.intent)) map.set(alt.intent, alt.confidence);
    return map;
  } catch {
    return undefined;
  }
}
