import { Segmented } from 'antd';
import { useI18n } from '../../app/i18n.tsx';

/** 中文 / English switch; the choice is remembered on this browser. */
export function LocaleSwitch() {
  const { locale, setLocale } = useI18n();
  return (
    <Segmented
      size="small"
      value={locale}
      onChange={(v) => setLocale(v === 'en' ? 'en' : 'zh')}
      options={[
        { label: '中文', value: 'zh' },
        { label: 'EN', value: 'en' },
      ]}
      aria-label="Language / 语言"
    />
  );
}
