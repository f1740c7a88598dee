import { CARD_STATUSES, type CardStatus } from '@carddesk/contracts';

/**
 * The card status machine. `pending_activation → active ⇄ frozen`; `lost` / `stolen` from any live
 * state; `replaced` when a successor card is activated; `closed` at the end. Anything else is refused.
 * The states are part of the API contract (`@carddesk/contracts`); the transitions are the engine's own.
 */
export { CARD_STATUSES, type CardStatus };

export type CardEvent = 'activate' | 'freeze' | 'unfreeze' | 'report_lost' | 'report_stolen' | 'supersede' | 'close';

const LIVE: readonly CardStatus[] = ['pending_activation', 'active', 'frozen'];

const TRANSITIONS: Record<CardEvent, { from: readonly CardStatus[]; to: CardStatus }> = {
  activate: { from: ['pending_activation'], to: 'active' },
  freeze: { from: ['active'], to: 'frozen' },
  unfreeze: { from: ['frozen'], to: 'active' },
  report_lost: { from: LIVE, to: 'lost' },
  report_stolen: { from: LIVE, to: 'stolen' },
  // The old card of a renewal or damaged-card replacement stops working once its successor is activated.
  supersede: { from: LIVE, to: 'replaced' },
  close: { from: ['pending_activation', 'active', 'frozen', 'lost', 'stolen', 'replaced'], to: 'closed' },
};

export type Transition =
  | { kind: 'change'; from: CardStatus; to: CardStatus }
  /** Already in the target state: nothing to do, nothing to audit. */
  | { kind: 'unchanged'; status: CardStatus }
  | { kind: 'refused'; from: CardStatus; event: CardEvent };

export function transition(from: CardStatus, event: CardEvent): Transition {
  const t = TRANSITIONS[event];
  if (from === t.to) return { kind: 'unchanged', status: from };
  // A second loss report of either kind stands on the first one: the card is already blocked.
  if ((event === 'report_lost' || event === 'report_stolen') && (from === 'lost' || from === 'stolen')) {
    return { kind: 'unchanged', status: from };
  }
  if (t.from.includes(from)) return { kind: 'change', from, to: t.to };
  return { kind: 'refused', from, event };
}

export function isCardStatus(s: string): s is CardStatus {
  return (CARD_STATUSES as readonly string[]).includes(s);
}

/** A card that can still be used to pay once activated (lost, stolen, replaced and closed cannot). */
export function isLive(status: CardStatus): boolean {
  return LIVE.includes(status);
}

export const CARD_STATUS_LABELS: Record<CardStatus, string> = {
  pending_activation: '待激活',
  active: '正常',
  frozen: '临时冻结',
  lost: '已挂失',
  stolen: '被盗挂失',
  replaced: '已换卡',
  closed: '已销卡',
};
