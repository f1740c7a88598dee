import type { Role } from '@carddesk/contracts';

/** Where each role starts after signing in. */
export function homeFor(role: Role): string {
  switch (role) {
    case 'agent':
    case 'senior_agent':
    case 'dept_handler':
      return '/desk';
    case 'supervisor':
    case 'qa':
      return '/supervisor';
    // The head office approves complaint extensions: its own page, not a dashboard it may not read.
    case 'head_office':
      return '/head-office';
    case 'kb_editor':
      return '/kb';
    case 'admin':
      return '/admin';
    default: {
      const never: never = role;
      return never;
    }
  }
}

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
