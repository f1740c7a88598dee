import { z } from 'zod';
import { calendarDateSchema } from './common.ts';
import { CONTACT_TYPES } from './intents.ts';
import { contactStageSchema, contactTypeSchema, intentSchema } from './vocabulary.schemas.ts';

/**
 * The contacts module's API responses (server/src/modules/contacts), one definition for both sides: the
 * server serialises through these schemas (which also document the API in OpenAPI and drop any field they
 * do not name), and the web application reads the types inferred from them. Personal data only masked.
 */

export const CONTACT_CHANNELS = ['phone', 'chat'] as const;
export const contactChannelSchema = z.enum(CONTACT_CHANNELS);
export type ContactChannel = z.infer<typeof contactChannelSchema>;

export const CONTACT_DIRECTIONS = ['inbound', 'outbound'] as const;
export const contactDirectionSchema = z.enum(CONTACT_DIRECTIONS);
export type ContactDirection = z.infer<typeof contactDirectionSchema>;

export const CONTACT_STATUSES = ['waiting', 'active', 'closed'] as const;
export const contactStatusSchema = z.enum(CONTACT_STATUSES);
export type ContactStatus = z.infer<typeof contactStatusSchema>;

export const CONTACT_OUTCOMES = [
  'resolved_first_contact',
  'follow_up_promised',
  'transferred',
  'case_opened',
  'abandoned',
] as const;
export const contactOutcomeSchema = z.enum(CONTACT_OUTCOMES);
export type ContactOutcome = z.infer<typeof contactOutcomeSchema>;

/** none < basic < strong */
export const VERIFICATION_LEVELS = ['none', 'basic', 'strong'] as const;
export const verificationLevelSchema = z.enum(VERIFICATION_LEVELS);
export type VerificationLevel = z.infer<typeof verificationLevelSchema>;

export const VERIFICATION_METHODS = ['caller_number', 'name_id_last6', 'card_last4_factor', 'otp'] as const;
export const verificationMethodSchema = z.enum(VERIFICATION_METHODS);
/**
 * What may back up the card's last four digits: only what the desk never displays. The name and the
 * mobile are search keys and appear (masked) on screen, so they prove nothing about who is calling.
 */
export const CARD_FACTOR_KINDS = ['id_last6', 'birth_date'] as const;
export type CardFactorKind = (typeof CARD_FACTOR_KINDS)[number];
export type VerificationMethod = z.infer<typeof verificationMethodSchema>;

/** What `POST /api/contacts/{id}/verify` takes: one method and its answers. */
export const verifyInputSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('caller_number') }),
  z.object({ method: z.literal('name_id_last6'), name: z.string().min(1).max(60), idLast6: z.string().min(1).max(6) }),
  z.object({
    method: z.literal('card_last4_factor'),
    cardLast4: z.string().regex(/^\d{4}$/),
    factor: z.object({ kind: z.enum(CARD_FACTOR_KINDS), value: z.string().min(1).max(60) }),
  }),
  z.object({ method: z.literal('otp'), code: z.string().regex(/^\d{6}$/) }),
]);
export type VerifyInput = z.input<typeof verifyInputSchema>;

export const contactVerificationSchema = z.object({
  level: verificationLevelSchema,
  methods: z.array(verificationMethodSchema),
  verifiedAt: z.string().nullable(),
});

/**
 * Where a `bot` turn's answer comes from: a published FAQ (its article id) or an operation on the card
 * engine (its code, e.g. `card.freeze`); `title` is what the customer's page shows after "来自：".
 */
export const TURN_SOURCE_KINDS = ['faq', 'operation'] as const;
export const turnSourceSchema = z.object({
  kind: z.enum(TURN_SOURCE_KINDS),
  id: z.string(),
  title: z.string().optional(),
});
export type TurnSource = z.infer<typeof turnSourceSchema>;

/** Why the chat assistant handed a chat to a person (`botSummary.reason`). */
export const BOT_HANDOVER_REASONS = [
  'customer_request',
  'rejected_answers',
  'complaint',
  'angry',
  'emergency',
  'priority_customer',
  'unanswered',
  'operation_needs_person',
  'safety_check',
  'reopened',
  'bot_error',
] as const;
export const botHandoverReasonSchema = z.enum(BOT_HANDOVER_REASONS);
export type BotHandoverReason = z.infer<typeof botHandoverReasonSchema>;

/**
 * What the chat assistant learnt and did before handing the chat to a person (guide §3.4: the customer
 * never repeats themselves): intents and slots found, its answers with their sources, the operations it
 * ran, the verification it relied on, and why it handed over.
 */
export const botSummarySchema = z.object({
  reason: botHandoverReasonSchema,
  handedOverAt: z.string(),
  queueCode: z.string(),
  priority: z.boolean(),
  intents: z.array(z.object({ intent: intentSchema, zh: z.string(), confidence: z.number() })),
  slots: z.record(z.string(), z.unknown()),
  answers: z.array(z.object({ seq: z.number().int(), text: z.string(), source: turnSourceSchema.nullable() })),
  actions: z.array(
    z.object({
      operation: z.string(),
      status: z.enum(['done', 'declined', 'failed']),
      detail: z.string(),
      at: z.string(),
    }),
  ),
  verification: z.object({ method: z.string(), level: verificationLevelSchema }),
  rejectedAnswers: z.number().int(),
});
export type BotSummary = z.infer<typeof botSummarySchema>;

/** A contact as the API shows it: no raw row leaves the module, personal data only masked. */
export const contactViewSchema = z.object({
  id: z.string(),
  channel: contactChannelSchema,
  direction: contactDirectionSchema,
  status: contactStatusSchema,
  stage: contactStageSchema,
  customerId: z.string().nullable(),
  callerNumberMasked: z.string().nullable(),
  agent: z.object({ id: z.string(), displayName: z.string(), agentNo: z.string().nullable() }).nullable(),
  queueCode: z.string().nullable(),
  queuedAt: z.string().nullable(),
  departmentId: z.string().nullable(),
  verification: contactVerificationSchema,
  type: contactTypeSchema.nullable(),
  intents: z.array(intentSchema),
  outcome: contactOutcomeSchema.nullable(),
  /**
   * The outcome what happened in the contact implies (a case opened → `case_opened`, a promise recorded →
   * `follow_up_promised`, otherwise `resolved_first_contact`): the close dialog starts from it.
   */
  suggestedOutcome: contactOutcomeSchema,
  satisfaction: z.number().int().nullable(),
  /** The customer's own answer to "问题是否解决" at the end of a chat (null: not asked or not answered). */
  customerResolved: z.boolean().nullable(),
  satisfactionComment: z.string().nullable(),
  confirmationSkipReason: z.string().nullable(),
  hostile: z.boolean(),
  summary: z.string().nullable(),
  customerEndedAt: z.string().nullable(),
  startedAt: z.string(),
  acceptedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  stages: z.array(z.object({ stage: contactStageSchema, at: z.string(), reason: z.string().nullable() })),
  pendingHandover: z.boolean(),
  scripts: z.object({ greeting: z.string(), closing: z.string() }),
  /** Whether the chat assistant serves the chat now (`bot`), handed it over (`handed_over`), or never had it. */
  bot: z.enum(['bot', 'handed_over']).nullable(),
  /** The chat assistant's hand-over summary (null: no hand-over from the assistant). */
  botSummary: botSummarySchema.nullable(),
});
export type ContactView = z.infer<typeof contactViewSchema>;

/** One of the actor's open contacts (the workstation's tabs). */
export const contactListItemSchema = z.object({
  id: z.string(),
  channel: z.string(),
  status: z.string(),
  stage: z.string(),
  customerId: z.string().nullable(),
  type: z.string().nullable(),
  intents: z.array(intentSchema),
  queueCode: z.string().nullable(),
  startedAt: z.string(),
});
export type ContactListItem = z.infer<typeof contactListItemSchema>;

/** One turn of a transcript (phone notes or chat messages); the customer's chat shows the same turns. */
export const contactTurnSchema = z.object({
  seq: z.number().int(),
  speaker: z.enum(['customer', 'agent', 'bot', 'system']),
  text: z.string(),
  at: z.string(),
  /** Bot turns that answer: the FAQ or operation the answer comes from (absent on other turns). */
  source: turnSourceSchema.optional(),
});
export type ContactTurn = z.infer<typeof contactTurnSchema>;

/** The customer matched by the caller number (identified, not verified). */
export const screenPopSchema = z.object({
  customerId: z.string(),
  maskedName: z.string().nullable(),
  callerNumberMasked: z.string(),
});
export type ScreenPop = z.infer<typeof screenPopSchema>;

export const phoneContactStartedSchema = z.object({
  contact: contactViewSchema,
  screenPop: screenPopSchema.nullable(),
});
export type PhoneContactStarted = z.infer<typeof phoneContactStartedSchema>;

export const contactOtpSentSchema = z.object({ sentTo: z.string(), expiresAt: z.string() });
export type ContactOtpSent = z.infer<typeof contactOtpSentSchema>;

/** One identity-verification attempt: a failure is counted and answered, not an error. */
export const verifyResultSchema = z.object({
  success: z.boolean(),
  level: verificationLevelSchema,
  methods: z.array(verificationMethodSchema),
  failuresLeft: z.number(),
  lockedUntil: z.string().nullable(),
});
export type VerifyResult = z.infer<typeof verifyResultSchema>;

export const queueViewSchema = z.object({
  code: z.string(),
  kind: z.enum(['general', 'department']),
  nameZh: z.string(),
  nameEn: z.string(),
  handles: z.array(z.string()),
  waiting: z.number(),
  /** Waiting contacts of type emergency: they are served before everyone else in the queue. */
  emergencyWaiting: z.number(),
  longestWaitSeconds: z.number(),
  oldestQueuedAt: z.string().nullable(),
});
export type QueueView = z.infer<typeof queueViewSchema>;

/** A contact waiting in a queue, as the queue's listing shows it (no personal data), in serving order. */
export const waitingContactSchema = z.object({
  contactId: z.string(),
  channel: z.string(),
  identified: z.boolean(),
  verificationLevel: z.string(),
  type: z.string().nullable(),
  priority: z.enum(['emergency', 'normal']),
  intents: z.array(z.string()),
  queuedAt: z.string().nullable(),
  waitSeconds: z.number(),
  /** The customer's first message (a chat), scrubbed like every stored text and cut short; null on a call. */
  firstMessage: z.string().nullable(),
  /**
   * What the agent should know before taking it: the customer's service flags (`vip`, `care`) once
   * identified, and risk read from the contact itself (`fraud`: a fraud or loss report; `hostile`; `complaint`).
   */
  flags: z.array(z.enum(['vip', 'care', 'fraud', 'hostile', 'complaint'])),
});
export type WaitingContact = z.infer<typeof waitingContactSchema>;

/** What a hand-over carries so the customer never repeats themselves (guide §3.4). */
export const handoverPacketSchema = z.object({
  contactId: z.string(),
  channel: z.string(),
  startedAt: z.string(),
  from: z.object({ userId: z.string().nullable(), displayName: z.string().nullable(), agentNo: z.string().nullable() }),
  customer: z.object({ id: z.string(), maskedName: z.string().nullable() }).nullable(),
  verification: contactVerificationSchema,
  type: contactTypeSchema.nullable(),
  intents: z.array(z.object({ code: intentSchema, zh: z.string() })),
  note: z.string().nullable(),
  recentTurns: z.array(z.object({ speaker: z.string(), text: z.string(), at: z.string() })),
  actions: z.array(z.object({ action: z.string(), at: z.string() })),
  promises: z.array(z.object({ id: z.string(), description: z.string(), deadlineAt: z.string() })),
  /** Cases opened from the contact: the receiver quotes the number instead of asking again. */
  cases: z.array(
    z.object({
      caseId: z.string(),
      number: z.string(),
      kind: z.string(),
      category: z.string(),
      dueDate: z.string(),
      at: z.string(),
    }),
  ),
  /** Emergency actions taken in the contact: which card was blocked, how, and when. */
  emergencies: z.array(
    z.object({ reportId: z.string(), kind: z.string(), action: z.string(), cardLast4: z.string(), at: z.string() }),
  ),
  riskFlags: z.array(z.string()),
});
export type HandoverPacket = z.infer<typeof handoverPacketSchema>;

export const handoverViewSchema = z.object({
  id: z.string(),
  contactId: z.string(),
  status: z.enum(['pending', 'acknowledged']),
  target: z.object({ kind: z.string(), code: z.string().nullable(), userId: z.string().nullable() }),
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  packet: handoverPacketSchema,
});
export type HandoverView = z.infer<typeof handoverViewSchema>;

/** A promise made to the customer: a follow-up task with a deadline and an owner (guide §1.2, §2.4). */
export const promiseViewSchema = z.object({
  id: z.string(),
  contactId: z.string(),
  customerId: z.string(),
  description: z.string(),
  deadlineAt: z.string(),
  owner: z.object({ userId: z.string().nullable(), departmentId: z.string().nullable() }),
  status: z.enum(['open', 'fulfilled', 'cancelled']),
  overdue: z.boolean(),
  remindedAt: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  closedNote: z.string().nullable(),
});
export type PromiseView = z.infer<typeof promiseViewSchema>;

/** What supervisors are told: an agent's run of hostile contacts (guide §1.3), a missed promise. */
export const ALERT_KINDS = ['wellbeing', 'promise_missed'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const supervisorAlertSchema = z.object({
  id: z.string(),
  kind: z.enum(ALERT_KINDS),
  userId: z.string().nullable(),
  subjectId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
});
export type SupervisorAlert = z.infer<typeof supervisorAlertSchema>;

export const OTP_PURPOSES = ['contact_verify', 'chat_login'] as const;
export type OtpPurpose = (typeof OTP_PURPOSES)[number];

/** A code in the demo outbox: staff see it to play the customer; the phone only masked. */
export const demoOtpSchema = z.object({
  to: z.string(),
  purpose: z.enum(OTP_PURPOSES),
  contactId: z.string().nullable(),
  code: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type DemoOtp = z.infer<typeof demoOtpSchema>;

/** Intent suggestions (NLU) from the customer's latest turns; the agent still chooses. */
export const intentSuggestionsSchema = z.object({
  basedOnTurns: z.array(z.number()),
  intents: z.array(z.object({ intent: intentSchema, zh: z.string(), confidence: z.number() })),
  /** The type the suggested top intent would give the contact (by the usual precedence). */
  type: contactTypeSchema.nullable(),
  emotion: z
    .object({
      level: z.enum(['calm', 'elevated', 'high']),
      anger: z.number(),
      anxiety: z.number(),
      escalate: z.boolean(),
      cues: z.array(z.string()),
    })
    .nullable(),
});
export type IntentSuggestions = z.infer<typeof intentSuggestionsSchema>;

/**
 * The contact rules: verification table and levels, lock-out, codes, promises, well-being, chat, scripts.
 * The answer of `GET /api/contacts/settings`; the server also checks an admin's change against it.
 */
export const contactsSettingsSchema = z.object({
  accessLevels: z.record(z.string(), verificationLevelSchema),
  levelPolicy: z.object({
    methodLevels: z.object({
      caller_number: verificationLevelSchema,
      name_id_last6: verificationLevelSchema,
      card_last4_factor: verificationLevelSchema,
      otp: verificationLevelSchema,
    }),
    strong: z.object({ all: z.array(verificationMethodSchema), anyOf: z.array(verificationMethodSchema) }),
  }),
  verification: z.object({
    /** Failed attempts on one customer within the window before verification locks. */
    maxFailures: z.number().int().min(1).max(20),
    windowMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
    lockMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
  }),
  otp: z.object({
    ttlSeconds: z.number().int().min(60).max(1800),
    resendSeconds: z.number().int().min(10).max(600),
    maxAttempts: z.number().int().min(1).max(10),
    // Codes per phone and purpose in 24 hours: with maxAttempts, bounds how many guesses a day can bring.
    maxPerDay: z.number().int().min(1).max(100).default(10),
  }),
  promises: z.object({
    remindBeforeMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60),
  }),
  wellbeing: z.object({
    /** This many stressful contacts in a row for one agent tells the supervisor. */
    runLength: z.number().int().min(2).max(50),
    /** …all closed within this many minutes. */
    windowMinutes: z
      .number()
      .int()
      .min(5)
      .max(24 * 60),
  }),
  chat: z.object({
    sessionMinutes: z
      .number()
      .int()
      .min(5)
      .max(24 * 60),
  }),
  /** The desk and the wallboard. */
  desk: z.object({
    /** 话后整理: after a contact closes the agent is in wrap-up this long, then ready again. */
    wrapUpSeconds: z.number().int().min(0).max(1800),
    /** How many chats one agent handles at once; the next is refused beyond it. */
    maxConcurrentChats: z.number().int().min(1).max(10),
    /** Service level: the share of contacts answered within this many seconds of joining the queue. */
    serviceLevelSeconds: z.number().int().min(5).max(600),
    /** Wallboard colours: service level below target, abandon rate above its limit, a wait beyond this. */
    serviceLevelTarget: z.number().min(0).max(1),
    abandonRateLimit: z.number().min(0).max(1),
    longestWaitAlertSeconds: z.number().int().min(5).max(3600),
  }),
  scripts: z.object({
    greeting: z.object({ phone: z.string().min(1).max(300), chat: z.string().min(1).max(300) }),
    closing: z.object({ phone: z.string().min(1).max(300), chat: z.string().min(1).max(300) }),
  }),
});
export type ContactsSettings = z.infer<typeof contactsSettingsSchema>;

/**
 * Dashboard figures over the contacts started in [from, to] (bank days): volumes by type and intent per
 * day, first-contact resolution, satisfaction and handling time.
 */
export const contactStatsSchema = z.object({
  from: z.string(),
  to: z.string(),
  total: z.number(),
  byDay: z.array(z.object({ date: z.string(), total: z.number(), byType: z.record(contactTypeSchema, z.number()) })),
  byIntent: z.array(z.object({ date: z.string(), intent: intentSchema, count: z.number() })),
  intentTotals: z.array(z.object({ intent: intentSchema, count: z.number() })),
  closed: z.number(),
  /** Closed with outcome resolved_first_contact ÷ closed with any outcome other than abandoned. */
  firstContactResolutionRate: z.number().nullable(),
  averageSatisfaction: z.number().nullable(),
  rated: z.number(),
  /** Accepted → closed, over closed contacts that were accepted. */
  averageHandlingSeconds: z.number().nullable(),
});
export type ContactStats = z.infer<typeof contactStatsSchema>;

/** A satisfaction survey sent to a caller by SMS; in demo mode the link the SMS would carry. */
export const surveySentSchema = z.object({
  sentTo: z.string(),
  expiresAt: z.string(),
  demoLink: z.string().nullable(),
});
export type SurveySent = z.infer<typeof surveySentSchema>;
/** The survey page's state: whether it can still be answered. */
export const surveyStateSchema = z.object({ status: z.enum(['open', 'answered', 'expired']) });
export type SurveyState = z.infer<typeof surveyStateSchema>;

/** One of a team's canned chat replies (常用语). */
export const cannedReplySchema = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  updatedAt: z.string(),
});
export type CannedReply = z.infer<typeof cannedReplySchema>;

/** An agent's desk state: 示闲 / 示忙 / 小休 / 话后整理. Only `ready` agents are offered contacts. */
export const AGENT_PRESENCES = ['ready', 'not_ready', 'break', 'wrap_up'] as const;
export const agentPresenceSchema = z.enum(AGENT_PRESENCES);
export type AgentPresence = z.infer<typeof agentPresenceSchema>;

/** `GET`/`PUT /api/me/state`: the state, its reason code, since when, and (wrap-up) until when. */
export const agentStateSchema = z.object({
  state: agentPresenceSchema,
  reason: z.string().nullable(),
  since: z.string().nullable(),
  until: z.string().nullable(),
});
export type AgentState = z.infer<typeof agentStateSchema>;

export const liveAgentSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  agentNo: z.string().nullable(),
  role: z.string(),
  /** Serves the queues (the policy's `contacts.floor_staff`): listed on the floor; a supervisor is not. */
  floorStaff: z.boolean(),
  state: z.enum(['offline', 'idle', 'busy']),
  presence: agentPresenceSchema,
  presenceSince: z.string().nullable(),
  contacts: z.array(
    z.object({
      contactId: z.string(),
      channel: z.string(),
      stage: z.string(),
      type: z.string().nullable(),
      since: z.string(),
    }),
  ),
});
export type LiveAgent = z.infer<typeof liveAgentSchema>;

export const liveWaitingSchema = z.object({
  contactId: z.string(),
  queueCode: z.string().nullable(),
  channel: z.string(),
  type: z.string().nullable(),
  priority: z.enum(['emergency', 'normal']),
  queuedAt: z.string().nullable(),
  waitSeconds: z.number(),
});
export type LiveWaiting = z.infer<typeof liveWaitingSchema>;

/** The supervisor's live floor: queues, the waiting contacts in serving order, agents with what they handle. */
export const supervisorLiveSchema = z.object({
  at: z.string(),
  queues: z.array(queueViewSchema),
  waiting: z.array(liveWaitingSchema),
  agents: z.array(liveAgentSchema),
  /** Today (bank day): contacts answered within `thresholds.serviceLevelSeconds` of queueing ÷ those settled or waiting longer. */
  serviceLevel: z.number().nullable(),
  /** Today: answered ÷ (answered + abandoned in the queue). */
  answerRate: z.number().nullable(),
  /** Today: abandoned in the queue ÷ (answered + abandoned). */
  abandonRate: z.number().nullable(),
  /** The longest wait of anyone waiting now, in seconds (0: nobody waits). */
  longestWaitSeconds: z.number(),
  today: z.object({ offered: z.number(), answered: z.number(), answeredInTime: z.number(), abandoned: z.number() }),
  /** The settings the wallboard colours its figures by. */
  thresholds: z.object({
    serviceLevelSeconds: z.number(),
    serviceLevelTarget: z.number(),
    abandonRateLimit: z.number(),
    longestWaitAlertSeconds: z.number(),
  }),
});
export type SupervisorLive = z.infer<typeof supervisorLiveSchema>;

/**
 * One contact behind a dashboard figure (`GET /api/supervisor/contacts`): what the supervisor needs to see
 * which contacts make a figure, masked like the live view (the caller number only masked, no customer name).
 */
export const supervisorContactSchema = z.object({
  id: z.string(),
  channel: contactChannelSchema,
  status: contactStatusSchema,
  type: contactTypeSchema.nullable(),
  intents: z.array(intentSchema),
  queueCode: z.string().nullable(),
  agent: z.object({ displayName: z.string(), agentNo: z.string().nullable() }).nullable(),
  callerNumberMasked: z.string().nullable(),
  startedAt: z.string(),
  queuedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** Seconds in the queue: until answered, until the customer left, or until now while waiting (null: never queued). */
  waitSeconds: z.number().nullable(),
  outcome: contactOutcomeSchema.nullable(),
  satisfaction: z.number().nullable(),
  hostile: z.boolean(),
});
export type SupervisorContact = z.infer<typeof supervisorContactSchema>;
export const supervisorContactPageSchema = z.object({ items: z.array(supervisorContactSchema), total: z.number() });
export type SupervisorContactPage = z.infer<typeof supervisorContactPageSchema>;

/** The customer 360 view's `contacts` section: the customer's recent contacts (no transcript). */
export const customerContactItemSchema = z.object({
  id: z.string(),
  channel: z.string(),
  direction: z.string(),
  status: z.string(),
  type: z.string().nullable(),
  intents: z.array(z.string()),
  outcome: z.string().nullable(),
  satisfaction: z.number().nullable(),
  agentNo: z.string().nullable(),
  startedAt: z.string(),
  closedAt: z.string().nullable(),
});
export type CustomerContactItem = z.infer<typeof customerContactItemSchema>;

// --- What the contacts routes take (request bodies and queries; `routes/contacts.ts` joins them to paths) ---

const contactText = z.string().trim().min(1).max(2000);
/** A flag in a query string: `true` or `false`. */
const queryFlag = z.enum(['true', 'false']).transform((v) => v === 'true');
const querySeconds = z.coerce.number().int().min(0).max(86_400);

/** `POST /api/contacts`: an inbound call with screen pop by caller number, or an outbound call to a customer. */
export const startPhoneContactInputSchema = z.object({
  channel: z.literal('phone'),
  direction: z.enum(['inbound', 'outbound']),
  callerNumber: z.string().min(5).max(20).optional(),
  customerId: z.string().min(1).max(64).optional(),
});

export const contactTurnsQuerySchema = z.object({ after: z.coerce.number().int().min(0).default(0) });
export const contactTurnInputSchema = z.object({
  text: contactText,
  speaker: z.enum(['agent', 'customer']).optional(),
});
export const linkCustomerInputSchema = z.object({ customerId: z.string().min(1).max(64) });
/** The stage is parsed by the service (after its authorization), not by the schema. */
export const moveStageInputSchema = z.object({
  stage: z.string().min(1).max(20),
  reason: z.string().max(500).optional(),
});
export const classifyInputSchema = z.object({
  intents: z.array(intentSchema).min(1).max(10),
  source: z.enum(['agent', 'nlu']).optional(),
  hostile: z.boolean().optional(),
});
export const closeContactInputSchema = z.object({
  outcome: contactOutcomeSchema,
  skipConfirmationReason: z.string().max(500).optional(),
  summary: z.string().max(2000).optional(),
});

/** The general queue's code (the server's `GENERAL_QUEUE`). */
export const GENERAL_QUEUE_CODE = 'general';
/** Where a contact is transferred: the general queue, a department or a person. */
export const transferTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('queue'), code: z.literal(GENERAL_QUEUE_CODE) }),
  z.object({ kind: z.literal('department'), code: z.string().min(1).max(40) }),
  z.object({ kind: z.literal('user'), userId: z.string().min(1).max(64) }),
]);
export type TransferTarget = z.infer<typeof transferTargetSchema>;
export const transferInputSchema = z.object({ target: transferTargetSchema, note: z.string().max(2000).optional() });

/** A promise: exactly one of a deadline or a number of hours; owned by a person or a department. */
export const createPromiseSchema = z
  .object({
    description: z.string().trim().min(2).max(500),
    deadline: z.iso.datetime({ offset: true }).optional(),
    dueInHours: z
      .number()
      .positive()
      .max(24 * 90)
      .optional(),
    owner: z
      .union([z.object({ userId: z.string().min(1).max(64) }), z.object({ departmentCode: z.string().min(1).max(40) })])
      .optional(),
  })
  .refine((v) => (v.deadline === undefined) !== (v.dueInHours === undefined), {
    message: 'give exactly one of deadline or dueInHours',
  });
export type CreatePromiseInput = z.infer<typeof createPromiseSchema>;
export const promiseListQuerySchema = z.object({
  scope: z.enum(['mine', 'all']).default('mine'),
  overdue: z.enum(['1', '0', 'true', 'false']).optional(),
});
export const fulfilPromiseInputSchema = z.object({ note: z.string().trim().min(2).max(1000) });

export const queueParamsSchema = z.object({ code: z.string().min(1).max(40) });

export const surveyParamsSchema = z.object({ token: z.string().min(16).max(64) });
export const surveyAnswerInputSchema = z.object({ rating: z.number().int().min(1).max(5), resolved: z.boolean() });

export const cannedReplyInputSchema = z.object({
  title: z.string().trim().min(1).max(40),
  text: z.string().trim().min(1).max(500),
});

export const agentStateInputSchema = z.object({
  state: agentPresenceSchema,
  reason: z.string().trim().min(1).max(60).optional(),
});

/** A partial override of the contact rules: any subset of their sections. */
export const contactsSettingsPatchSchema = contactsSettingsSchema.partial();

export const contactStatsQuerySchema = z.object({ from: calendarDateSchema, to: calendarDateSchema });
/** `GET /api/supervisor/contacts`: the drill-down behind a figure, filtered the way the figures are computed. */
export const supervisorContactQuerySchema = z.object({
  from: calendarDateSchema.optional(),
  to: calendarDateSchema.optional(),
  basis: z.enum(['started', 'queued']).default('started'),
  status: z.enum(CONTACT_STATUSES).optional(),
  channel: z.enum(CONTACT_CHANNELS).optional(),
  type: z.enum([...CONTACT_TYPES, 'unclassified']).optional(),
  intent: intentSchema.optional(),
  queue: z.string().min(1).max(40).optional(),
  outcome: z.enum(CONTACT_OUTCOMES).optional(),
  answered: queryFlag.optional(),
  abandoned: queryFlag.optional(),
  answeredWithin: querySeconds.optional(),
  missedWithin: querySeconds.optional(),
  rated: queryFlag.optional(),
  hostile: queryFlag.optional(),
  agentId: z.string().min(1).max(64).optional(),
  alertId: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const supervisorAlertsQuerySchema = z.object({ open: z.enum(['1', '0']).default('1') });
