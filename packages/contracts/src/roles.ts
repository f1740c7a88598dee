/**
 * Staff roles. `dept_handler` always belongs to a department. `head_office` is the head office's complaint
 * management post (总行投诉管理岗): the senior approval an extension of a complaint's deadline needs
 * (CBIRC Order 2020 No. 3).
 */
export const ROLES = [
  'agent',
  'senior_agent',
  'supervisor',
  'qa',
  'kb_editor',
  'dept_handler',
  'head_office',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  agent: { zh: '客服坐席', en: 'Agent' },
  senior_agent: { zh: '高级客服', en: 'Senior agent' },
  supervisor: { zh: '班组长/主管', en: 'Supervisor' },
  qa: { zh: '质检员', en: 'QA inspector' },
  kb_editor: { zh: '知识库管理员', en: 'Knowledge editor' },
  dept_handler: { zh: '专业部门', en: 'Department handler' },
  head_office: { zh: '总行投诉管理岗', en: 'Head-office complaint manager' },
  admin: { zh: '系统管理员', en: 'Administrator' },
};
