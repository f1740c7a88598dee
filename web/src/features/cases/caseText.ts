/** Display names of case states and customer feedback. */
export const STATE_TEXT: Record<string, [string, string, string]> = {
  received: ['已受理', 'Received', 'blue'],
  referred: ['已转办', 'Referred', 'purple'],
  in_progress: ['处理中', 'In progress', 'geekblue'],
  resolved: ['已办结', 'Resolved', 'cyan'],
  notified: ['已告知', 'Customer told', 'green'],
  under_review: ['核查中', 'Under review', 'orange'],
  closed: ['已结案', 'Closed', 'default'],
};

/** [label zh, label en, tag colour] of a case state; unknown states show their code. */
export function stateText(state: string): [string, string, string] {
  return STATE_TEXT[state] ?? [state, state, 'default'];
}

export function feedbackText(code: string): [string, string] {
  return FEEDBACK_TEXT[code] ?? [code, code];
}

export const FEEDBACK_TEXT: Record<string, [string, string]> = {
  satisfied: ['满意', 'Satisfied'],
  unsatisfied: ['不满意', 'Not satisfied'],
  no_answer: ['客户未表态', 'No answer'],
};

/** Days from today (bank date) to `date`: negative when past. */
export function daysUntil(date: string, now = Date.now()): number {
  const today = new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}
