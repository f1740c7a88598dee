import type { Role } from '@carddesk/contracts';

/** Role names for display only: what a user may do comes from their permissions (`permissions.ts`). */
export const ROLE_TEXT: Record<Role, [string, string]> = {
  agent: ['客服坐席', 'Agent'],
  senior_agent: ['高级客服', 'Senior agent'],
  supervisor: ['班组长/主管', 'Supervisor'],
  qa: ['质检员', 'QA inspector'],
  kb_editor: ['知识库管理员', 'Knowledge editor'],
  dept_handler: ['专业部门', 'Department handler'],
  head_office: ['总行投诉管理岗', 'Head-office complaint manager'],
  admin: ['系统管理员', 'Administrator'],
};
