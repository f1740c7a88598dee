import { useLoad } from '../../app/hooks.ts';
import { useI18n } from '../../app/i18n.tsx';
import { listDepartments } from '../admin/admin.api.ts';

/** Department codes (`disputes`) as their names in the chosen language, from the departments the bank set up. */
export function useDepartmentLabel(): (code: string | null | undefined) => string {
  const { locale } = useI18n();
  const departments = useLoad((s) => listDepartments(s), []);
  return (code) => {
    if (!code) return '—';
    const d = departments.data?.find((x) => x.code === code);
    return d ? (locale === 'en' ? d.nameEn : d.nameZh) : code;
  };
}
