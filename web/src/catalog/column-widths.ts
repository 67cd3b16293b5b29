// Widths of the catalog tables' code-list columns. English labels are longer and their words must not
// break in the middle ("unconditionally" is the longest), while Chinese labels fit narrower columns,
// which keep the whole catalog table in view at 1440 px.
import type { Lang } from '../i18n';

export interface CodeListWidths {
  /** sharing type and open type */
  type: number;
  updateCycle: number;
  version: number;
}

export function codeListWidths(lang: Lang): CodeListWidths {
  return lang === 'zh-CN' ? { type: 92, updateCycle: 72, version: 56 } : { type: 124, updateCycle: 84, version: 72 };
}
