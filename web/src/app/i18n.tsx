import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';

/** The two interface languages: Chinese first, English second (requirements: zh-CN with an English switch). */
export type Locale = 'zh' | 'en';

const STORAGE_KEY = 'carddesk.locale';

function initialLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

let current: Locale = initialLocale();

/** The locale outside React (the API client sends it as Accept-Language). */
export function currentLocale(): Locale {
  return current;
}

/** Picks the text for the current locale. Both texts sit side by side at the call site, so none goes missing. */
export type Translate = (zh: string, en: string) => string;

interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Translate;
}

const I18nContext = createContext<I18n>({ locale: 'zh', setLocale: () => {}, t: (zh) => zh });

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setState] = useState<Locale>(current);
  const setLocale = useCallback((next: Locale) => {
    current = next;
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    document.documentElement.lang = next === 'en' ? 'en' : 'zh-CN';
    setState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({ locale, setLocale, t: (zh, en) => (locale === 'en' ? en : zh) }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

export function useT(): Translate {
  return useContext(I18nContext).t;
}
