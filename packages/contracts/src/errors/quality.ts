import type { ErrorDefinition } from './define.ts';

/** Errors of quality inspection (modules/quality). */
export const qualityErrors = {
  QA_GUARD_BLOCKED: {
    status: 422,
    zh: '回复内容违反质检红线(如索要安全码/密码/验证码或完整卡号、身份证号),请修改后再发送',
    en: 'The reply breaks a fatal quality rule (asks for a CVV2, PIN or SMS code, or spells out a full card or ID number); rephrase it',
  },
  QA_SCORECARD_NOT_FOUND: { status: 404, zh: '未找到该质检评分表', en: 'No such scorecard' },
  QA_SCORECARD_INVALID: { status: 400, zh: '质检评分表内容不正确', en: 'The scorecard definition is not valid' },
  QA_SCORECARD_VERSION_NOT_DRAFT: {
    status: 409,
    zh: '只有草稿版本可以发布',
    en: 'Only a draft version can be published',
  },
  QA_SCORECARD_SAME_PERSON: {
    status: 403,
    zh: '评分表版本须由起草人以外的另一人发布',
    en: 'A scorecard version is published by someone other than its author',
  },
  QA_INSPECTION_NOT_FOUND: { status: 404, zh: '未找到该质检记录', en: 'No such inspection' },
  QA_FINDING_NOT_FOUND: { status: 404, zh: '未找到该质检项结果', en: 'No such finding' },
  QA_NOT_YOUR_INSPECTION: {
    status: 403,
    zh: '只能对自己的质检结果提出申诉',
    en: 'Only the agent inspected may appeal',
  },
  QA_ALREADY_RELEASED: {
    status: 409,
    zh: '质检结果已发布给坐席,如有异议请走申诉流程',
    en: 'The result was released to the agent; changes go through an appeal',
  },
  QA_CALIBRATION_LEAD_ONLY: {
    status: 403,
    zh: '只有发起校准的质检组长可以结束校准',
    en: 'Only the lead who started the calibration round may close it',
  },
  QA_NOT_RELEASED: { status: 409, zh: '质检结果尚未发布给坐席', en: 'The result has not been released to the agent' },
  QA_APPEAL_EXISTS: { status: 409, zh: '该质检项已有申诉', en: 'This finding already has an appeal' },
  QA_APPEAL_NOT_FAILED: {
    status: 409,
    zh: '只能对未通过的质检项提出申诉',
    en: 'Only a failed finding can be appealed',
  },
  QA_SCORECARD_DRAFT_STALE: {
    status: 409,
    zh: '该草稿早于现行版本,发布会回退评分表;请基于现行版本重新起草',
    en: 'This draft is older than the version in force and would roll the scorecard back: draft anew from it',
  },
  QA_APPEAL_FINAL: { status: 409, zh: '已终审,不能再申诉', en: 'The final ruling has been made: no further appeal' },
  QA_APPEAL_NOT_FOUND: { status: 404, zh: '未找到该申诉', en: 'No such appeal' },
  QA_APPEAL_WRONG_STEP: {
    status: 409,
    zh: '申诉不在此处理环节',
    en: 'The appeal is not at this step',
  },
  QA_CALIBRATION_NOT_FOUND: { status: 404, zh: '未找到该校准', en: 'No such calibration round' },
  QA_CALIBRATION_CLOSED: { status: 409, zh: '该校准已结束', en: 'The calibration round is closed' },
  QA_CALIBRATION_NO_REFERENCE: {
    status: 409,
    zh: '组长尚未提交本人评分,无法作为校准基准,请先评分再结束校准',
    en: "The lead's own scores are the reference: score the contact before closing the round",
  },
} as const satisfies Record<string, ErrorDefinition>;
