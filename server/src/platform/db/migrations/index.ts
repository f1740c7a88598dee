import type { Migration } from 'kysely';
import * as bot from '../../../modules/bot/migrations/5101_bot.ts';
import * as cards from '../../../modules/cards/migrations/1001_cards.ts';
import * as customerMasks from '../../../modules/cards/migrations/1002_customer_masks.ts';
import * as transactionsRecent from '../../../modules/cards/migrations/1003_transactions_recent.ts';
import * as moneyRules from '../../../modules/cards/migrations/1010_money_rules.ts';
import * as disputedAmounts from '../../../modules/cards/migrations/1020_disputed_amounts.ts';
import * as cases from '../../../modules/cases/migrations/3001_cases.ts';
import * as caseNoticeAndApproval from '../../../modules/cases/migrations/3010_case_notice_and_approval.ts';
import * as chat from '../../../modules/chat/migrations/2101_chat.ts';
import * as contacts from '../../../modules/contacts/migrations/2001_contacts.ts';
import * as contactLinks from '../../../modules/contacts/migrations/2002_contact_links.ts';
import * as contactsRecent from '../../../modules/contacts/migrations/2003_contacts_recent.ts';
import * as callerNumberSource from '../../../modules/contacts/migrations/2004_caller_number_source.ts';
import * as customerResolved from '../../../modules/contacts/migrations/2020_customer_resolved.ts';
import * as agentPresence from '../../../modules/contacts/migrations/2021_agent_presence.ts';
import * as cannedReplies from '../../../modules/contacts/migrations/2022_canned_replies.ts';
import * as satisfactionSurveys from '../../../modules/contacts/migrations/2023_satisfaction_surveys.ts';
import * as botHandover from '../../../modules/contacts/migrations/2030_bot_handover.ts';
import * as emergency from '../../../modules/emergency/migrations/3101_emergency.ts';
import * as emergencyFormalReport from '../../../modules/emergency/migrations/3102_emergency_formal_report.ts';
import * as knowledge from '../../../modules/knowledge/migrations/4001_knowledge.ts';
import * as kbSuggestions from '../../../modules/knowledge/migrations/4002_kb_suggestions.ts';
import * as platform from './0001_platform.ts';
import * as signInSecurity from './0002_sign_in_security.ts';
import * as auditKeyed from './0010_audit_keyed.ts';
import * as systemCredentials from './0020_system_credentials.ts';

/**
 * Every migration in order. Module migrations live in their module folder and are listed here; names
 * sort in the order they must run (platform 0xxx, cards 1xxx, contacts 2xxx, cases 3xxx, knowledge 4xxx, bot 5xxx).
 */
export const migrations: Record<string, Migration> = {
  '0001_platform': platform,
  '0002_sign_in_security': signInSecurity,
  '0010_audit_keyed': auditKeyed,
  '0020_system_credentials': systemCredentials,
  '1001_cards': cards,
  '1002_customer_masks': customerMasks,
  '1003_transactions_recent': transactionsRecent,
  '1010_money_rules': moneyRules,
  '1020_disputed_amounts': disputedAmounts,
  '2001_contacts': contacts,
  '2002_contact_links': contactLinks,
  '2003_contacts_recent': contactsRecent,
  '2004_caller_number_source': callerNumberSource,
  '2020_customer_resolved': customerResolved,
  '2021_agent_presence': agentPresence,
  '2022_canned_replies': cannedReplies,
  '2023_satisfaction_surveys': satisfactionSurveys,
  '2030_bot_handover': botHandover,
  '2101_chat': chat,
  '3001_cases': cases,
  '3010_case_notice_and_approval': caseNoticeAndApproval,
  '3101_emergency': emergency,
  '3102_emergency_formal_report': emergencyFormalReport,
  '4001_knowledge': knowledge,
  '4002_kb_suggestions': kbSuggestions,
  '5101_bot': bot,
};
