import { z } from 'zod';
import { CONTACT_STAGES, CONTACT_TYPES, INTENT_CODES, ROLES } from './vocabulary.ts';

/** The vocabulary's lists as schemas, for the request and response schemas that use them. */
export const roleSchema = z.enum(ROLES);
export const contactStageSchema = z.enum(CONTACT_STAGES);
export const contactTypeSchema = z.enum(CONTACT_TYPES);
export const intentSchema = z.enum(INTENT_CODES);
