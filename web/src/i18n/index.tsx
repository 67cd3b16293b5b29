// The console's language: Chinese by default, English on request, remembered per browser.
// Our own texts live in zh.ts / en.ts; antd's built-in texts follow through ConfigProvider (main.tsx).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setApiLanguage } from '../api';
import { en } from './en';
import { zh, type MessageKey } from './zh';

export type Lang = 'zh-CN' | 'en-US';
export type { MessageKey };
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const STORAGE_KEY = 'gongshu.lang';
const dictionaries: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zh, 'en-US': en };

function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en-US' ? 'en-US' : 'zh-CN';
  } catch {
    return 'zh-CN'; // storage can be blocked (privacy settings); the default is still usable
  }
}

/** True when `key` names a text, for keys built from server values such as `unitType.${type}`. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(zh, key);
}

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);

  // Set during render, not in an effect: children's effects (the first /auth/me) run before ours.
  setApiLanguage(lang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not remembered, but the switch still applies to this tab
    }
    setLangState(next);
  }, []);

  const t = useCallback<Translate>(
    (key, vars) => {
      const text = dictionaries[lang][key];
      return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(vars[name] ?? m)) : text;
    },
    [lang],
  );

  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n must be used inside <I18nProvider>');
  return ctx;
}
