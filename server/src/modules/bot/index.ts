import type { ModuleDef } from '../module.ts';
import { botRoutes } from './bot.routes.ts';
import { botMigrations } from './migrations/index.ts';

export { reportBotAnswer, reportedAnswers } from './answer-report.service.ts';
export { turnAssist } from './assist.service.ts';
/**
 * The chat assistant (issue 20): answers a signed-in card holder's chat first — published FAQs through the
 * matcher, the holder's own figures and card operations through the card engine and the emergency lane —
 * and hands the chat to a person with a summary. The chat module calls it; it uses the contacts, cards,
 * emergency, knowledge and NLU modules through their index files. Other modules import only from here.
 */
export {
  type BotOutcome,
  botRespond,
  chatResponder,
  MAX_REJECTIONS,
  PRIORITY_AGE,
  REOPEN_HOURS,
  startBotConversation,
} from './bot.service.ts';
export { botMetrics, REPEAT_DAYS } from './metrics.service.ts';
export {
  ACT_MIN_CONFIDENCE,
  FAQ_TRUST,
  handOverMove,
  OPERATION_TRUST,
  planQuestion,
  type QuestionPlan,
} from './reply-plan.rules.ts';
export { checkReply, type SafetyProblem } from './safety.ts';
export {
  type BotRouting,
  DEFAULT_BOT_ROUTING,
  type FirstResponder,
  firstResponder,
  loadBotRouting,
  setBotRouting,
} from './settings.ts';

export const botModule: ModuleDef = {
  name: 'bot',
  migrations: botMigrations,
  routes: botRoutes,
};

/** The module's tables (importing this file also adds them to the one `Database` type). */
export type { BotTables } from './bot.tables.ts';
