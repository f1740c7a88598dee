import type { ErrorDefinition } from './define.ts';

/** Errors of the NLU engine: text analysis, training and evaluation files, the model file. */
export const nluErrors = {
  NLU_TEXT_REQUIRED: { status: 400, zh: '请提供需要分析的文字', en: 'Text to analyse is required' },
  NLU_TEXT_TOO_LONG: {
    status: 400,
    zh: '文字过长,单次分析最多 2000 个字符',
    en: 'The text is too long: at most 2,000 characters per analysis',
  },
  NLU_MODEL_INVALID: {
    status: 400,
    zh: '模型文件无效或已损坏',
    en: 'The model file is not a valid CardDesk NLU model',
  },
  NLU_DATA_INVALID: {
    status: 400,
    zh: '训练或评估数据格式不正确,需要表头为 text,label 的 CSV 文件',
    en: 'The training or evaluation data is not valid: a CSV with the header text,label is expected',
  },
  NLU_MODEL_UNAVAILABLE: {
    status: 503,
    zh: '意图识别模型暂不可用',
    en: 'The NLU model is not available',
  },
} as const satisfies Record<string, ErrorDefinition>;
