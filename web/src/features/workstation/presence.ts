import type { AgentPresence } from '../../api/contacts.ts';

/** The four desk states, with their colour; the server's codes, worded here. */
export const PRESENCE_TEXT: Record<AgentPresence, [zh: string, en: string, color: string]> = {
  ready: ['示闲', 'Ready', 'green'],
  not_ready: ['示忙', 'Not ready', 'orange'],
  break: ['小休', 'Break', 'blue'],
  wrap_up: ['话后整理', 'Wrap-up', 'purple'],
};
