/** Display names of knowledge kinds and version states. */
export const KIND_TEXT: Record<string, [string, string]> = {
  product: ['产品', 'Product'],
  process: ['流程', 'Process'],
  regulation: ['法规', 'Regulation'],
  script: ['话术', 'Script'],
  faq: ['常见问题', 'FAQ'],
};

export const STATUS_TEXT: Record<string, [string, string, string]> = {
  draft: ['草稿', 'Draft', 'default'],
  in_review: ['待审核', 'In review', 'gold'],
  scheduled: ['待生效', 'Scheduled', 'cyan'],
  published: ['已发布', 'Published', 'green'],
  superseded: ['已被替代', 'Superseded', 'default'],
  expired: ['已失效', 'Expired', 'default'],
  withdrawn: ['已下线', 'Withdrawn', 'red'],
};

export function statusText(s: string): [string, string, string] {
  return STATUS_TEXT[s] ?? [s, s, 'default'];
}
