/**
 * `@carddesk/contracts/vocabulary`: the words both sides use — roles, contact stages, types and intents with
 * their labels, access-reason codes, money helpers. Zod-free, so the web application imports it at runtime
 * instead of keeping copies; the zod schemas over the same lists are in `vocabulary.schemas.ts`.
 */
export * from './access.ts';
export * from './intents.ts';
export * from './money.ts';
export * from './roles.ts';

/** greeting → identify/verify → understand need → handle → confirm satisfaction → closing (guide §3.1). */
export const CONTACT_STAGES = ['greeting', 'verify', 'need', 'handle', 'confirm', 'closing'] as const;
export type ContactStage = (typeof CONTACT_STAGES)[number];
