import type { Migration } from 'kysely';
import * as contacts from './2001_contacts.ts';
import * as contactLinks from './2002_contact_links.ts';
import * as contactsRecent from './2003_contacts_recent.ts';
import * as callerNumberSource from './2004_caller_number_source.ts';
import * as customerResolved from './2020_customer_resolved.ts';
import * as agentPresence from './2021_agent_presence.ts';
import * as cannedReplies from './2022_canned_replies.ts';
import * as satisfactionSurveys from './2023_satisfaction_surveys.ts';
import * as turnMarks from './2024_turn_marks.ts';
import * as botHandover from './2030_bot_handover.ts';

/** The contacts module's migrations, named so they sort in the order they must run. */
export const contactsMigrations: Record<string, Migration> = {
  '2001_contacts': contacts,
  '2002_contact_links': contactLinks,
  '2003_contacts_recent': contactsRecent,
  '2004_caller_number_source': callerNumberSource,
  '2020_customer_resolved': customerResolved,
  '2021_agent_presence': agentPresence,
  '2022_canned_replies': cannedReplies,
  '2023_satisfaction_surveys': satisfactionSurveys,
  '2024_turn_marks': turnMarks,
  '2030_bot_handover': botHandover,
};
