import { z } from 'zod';

/** Staff roles. `dept_handler` always belongs to a department. */
export const ROLES = ['agent', 'senior_agent', 'supervisor', 'qa', 'kb_editor', 'dept_handler', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  agent: { zh: '客服坐席', en: 'Agent' },
  senior_agent: { zh: '高级客服', en: 'Senior agent' },
  supervisor: { zh: '班组长/主管', en: 'Supervisor' },
  qa: { zh: '质检员', en: 'QA inspector' },
  kb_editor: { zh: '知识库管理员', en: 'Knowledge editor' },
  dept_handler: { zh: '专业部门', en: 'Department handler' },
  admin: { zh: '系统管理员', en: 'Administrator' },
};
