import { findAuthDataInText } from '../../platform/pii/auth-data.ts';

/**
 * The checks every reply of the chat assistant passes before the customer sees it (issue 20 §7), the
 * rules the desk holds agents to: never ask for authentication data (CVV2, PIN, a one-time code), never
 * quote a figure that does not come from the card engine or an approved article, never promise an
 * outcome. A reply that fails is not sent: the assistant hands the chat to a person instead.
 */
export type SafetyProblem = 'asks_auth_data' | 'carries_auth_data' | 'invented_figure' | 'promise';

const SECRET = /(CVV2?|CVN2?|安全码|卡背面|背面三位|(?:交易|查询|取款)?密码|PIN|验证码|动态码|校验码)/i;
// Asking for it to be given to someone (in the chat, to a person): typing a PIN into an ATM or the bank's
// app ("在ATM输入交易密码") is how it is meant to be used, not a request for it.
const ASK = /(提供|告诉|告知|发送|发给|报一下|报给|回复|说一下|念一下|发过来)/;
const NEGATION = /(勿|不要|切勿|不会|绝不|不得|不可|谨防|任何人|不索要|不会索要)/;
const PROMISE =
  /(保证(您|会|能|给您|为您)|一定(会|能)(为您|给您|帮您)|肯定(会|能)|包您|绝对(会|能)|承诺(您|会)|百分之百)/;

/** Digit runs a reply may carry only when one of the allowed texts (engine figures, the article) has them. */
function figures(text: string): string[] {
  return (text.replace(/[,，]/g, '').match(/\d+(?:\.\d+)?/g) ?? []).filter((d) => d.length > 0);
}

export function checkReply(text: string, allowed: readonly string[]): SafetyProblem[] {
  const problems: SafetyProblem[] = [];
  for (const clause of text.split(/[。！？!?；;\n]/)) {
    if (SECRET.test(clause) && ASK.test(clause) && !NEGATION.test(clause)) {
      problems.push('asks_auth_data');
      break;
    }
  }
  if (findAuthDataInText(text).length > 0) problems.push('carries_auth_data');
  const allowedFigures = new Set(allowed.flatMap(figures));
  if (figures(text).some((f) => !allowedFigures.has(f))) problems.push('invented_figure');
  if (PROMISE.test(text)) problems.push('promise');
  return problems;
}
