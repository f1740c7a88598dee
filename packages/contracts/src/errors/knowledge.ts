import type { ErrorDefinition } from './define.ts';

/** Errors of the knowledge base: articles, the review workflow, search and import. */
export const knowledgeErrors = {
  KB_ARTICLE_NOT_FOUND: { status: 404, zh: '知识条目不存在或尚未发布', en: 'No such published knowledge article' },
  KB_VERSION_NOT_FOUND: { status: 404, zh: '知识版本不存在', en: 'No such knowledge article version' },
  KB_ARTICLE_EXISTS: { status: 409, zh: '知识条目编号已存在', en: 'A knowledge article with this id already exists' },
  KB_BAD_STATE: {
    status: 409,
    zh: '该版本当前状态不允许此操作',
    en: 'This version is not in a state that allows this action',
  },
  KB_DRAFT_EXISTS: {
    status: 409,
    zh: '该条目已有未发布的草稿或待审版本,请先处理',
    en: 'This article already has an unpublished draft or a version in review',
  },
  KB_NOT_AUTHOR: {
    status: 403,
    zh: '只有作者本人可以修改或提交草稿',
    en: 'Only the author may edit or submit a draft',
  },
  KB_SELF_REVIEW: {
    status: 403,
    zh: '不能审核自己编写的版本,请由其他知识库管理员或主管审核',
    en: 'You may not review your own version; another editor or a supervisor must',
  },
  KB_ARTICLE_RETIRED: { status: 409, zh: '该知识条目已下线', en: 'This knowledge article has been retired' },
  KB_FAQ_NEEDS_QUESTIONS: {
    status: 400,
    zh: '常见问题至少需要一种问法',
    en: 'An FAQ needs at least one question phrasing',
  },
  KB_BAD_EFFECTIVE_DATES: {
    status: 400,
    zh: '生效日期不正确:失效日期须晚于生效日期',
    en: 'The effective dates are not valid: the end must be after the start',
  },
  KB_UNKNOWN_PARAMETER: {
    status: 400,
    zh: '正文引用的产品参数不存在,请检查 {{product:…}} 占位符',
    en: 'The body refers to a product parameter that does not exist',
  },
  KB_SYNONYM_EXISTS: { status: 409, zh: '该同义词已存在', en: 'This synonym already exists' },
  KB_SUGGESTION_NOT_FOUND: { status: 404, zh: '该答案推荐记录不存在', en: 'No such FAQ suggestion' },
  KB_SUGGESTION_DECIDED: {
    status: 409,
    zh: '该答案推荐已记录了不同的处理结果',
    en: 'A different outcome was already recorded for this FAQ suggestion',
  },
  KB_REPLACE_NEEDS_PUBLISH: {
    status: 400,
    zh: '替换发布的知识库时必须同时发布导入内容(--publish)',
    en: 'Replacing the published knowledge base needs the import to be published (--publish)',
  },
  KB_IMPORT_INVALID: {
    status: 400,
    zh: '导入文件格式不正确,未导入任何内容',
    en: 'An imported file is not valid; nothing was imported',
  },
} as const satisfies Record<string, ErrorDefinition>;
