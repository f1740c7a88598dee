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
    case 'head_office':
      return '/supervisor';
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
