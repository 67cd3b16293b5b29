// Classification aid (R4.1.6, issue #3 §9): suggests, for each element, whether it is personal
// information, how sensitive, how to mask it and which standard it follows — from its name and from
// sample values. It only suggests; a person confirms in the editor.
import { checkCreditCode, checkIdNumber, isEmail, isLandline, isMobilePhone, luhnValid } from '../platform/validators/index.js';
import type { Element } from './model.js';

export interface Suggestion {
  name: string;
  personalInfo: boolean;
  sensitivity: Element['sensitivity'];
  maskingRule: Element['maskingRule'];
  standardRef: string | null;
  reason: string;
}

interface Pattern {
  label: string;
  byName: RegExp;
  byValue?: (v: string) => boolean;
  personalInfo: boolean;
  sensitivity: Element['sensitivity'];
  maskingRule: Element['maskingRule'];
  standardRef?: string;
}

const COMMON_SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';

// Order matters: the first pattern that matches wins, most specific first. Sensitive categories follow
// the Personal Information Protection Law art. 28 (identity documents, financial accounts, health, biometrics…).
const PATTERNS: Pattern[] = [
  {
    label: '公民身份号码（GB 11643）',
    byName: /身份证|身份号码|证件号码|公民身份/,
    byValue: (v) => checkIdNumber(v).ok,
    personalInfo: true,
    sensitivity: 'sensitive',
    maskingRule: 'mask_middle',
    standardRef: 'GB 11643',
  },
  {
    label: '统一社会信用代码（GB 32100）',
    byName: /信用代码/,
    byValue: (v) => checkCreditCode(v).ok,
    personalInfo: false,
    sensitivity: 'none',
    maskingRule: 'none',
    standardRef: 'GB 32100',
  },
  {
    label: '银行卡号',
    byName: /银行卡|银行账号|卡号/,
    byValue: (v) => luhnValid(v.replace(/\s/g, '')),
    personalInfo: true,
    sensitivity: 'sensitive',
    maskingRule: 'mask_middle',
  },
  {
    label: '生物识别信息',
    byName: /指纹|人脸|虹膜|声纹|掌纹|生物特征/,
    personalInfo: true,
    sensitivity: 'sensitive',
    maskingRule: 'redact',
  },
  {
    label: '健康医疗信息',
    byName: /诊断|病史|病历|疾病|健康|疫苗|接种|检验|用药|残疾/,
    personalInfo: true,
    sensitivity: 'sensitive',
    maskingRule: 'redact',
  },
  { label: '金融财产信息', byName: /余额|存款|收入|工资|财产|贷款/, personalInfo: true, sensitivity: 'sensitive', maskingRule: 'redact' },
  { label: '宗教信仰、行踪轨迹', byName: /宗教|信仰|行踪|轨迹|定位/, personalInfo: true, sensitivity: 'sensitive', maskingRule: 'redact' },
  {
    label: '手机或固定电话',
    byName: /电话|手机|联系方式/,
    byValue: (v) => isMobilePhone(v) || isLandline(v),
    personalInfo: true,
    sensitivity: 'personal',
    maskingRule: 'mask_middle',
  },
  {
    label: '电子邮箱',
    byName: /邮箱|电子邮件|e-?mail/i,
    byValue: isEmail,
    personalInfo: true,
    sensitivity: 'personal',
    maskingRule: 'mask_middle',
  },
  { label: '出生日期', byName: /出生日期|生日/, personalInfo: true, sensitivity: 'personal', maskingRule: 'generalize_date' },
  {
    label: '住址',
    byName: /住址|地址|户籍地|居住地/,
    byValue: (v) => /[省市区县镇乡村路街巷号室]/.test(v) && /\d/.test(v) && v.length >= 8,
    personalInfo: true,
    sensitivity: 'personal',
    maskingRule: 'redact',
  },
  {
    label: '姓名',
    byName: /姓名|名字|法定代表人|联系人|负责人/,
    byValue: (v) => /^[\u4e00-\u9fa5]{2,4}$/.test(v) && COMMON_SURNAMES.includes(v[0]!),
    personalInfo: true,
    sensitivity: 'personal',
    maskingRule: 'mask_tail',
  },
  {
    label: '性别（GB/T 2261.1）',
    byName: /性别/,
    personalInfo: true,
    sensitivity: 'personal',
    maskingRule: 'none',
    standardRef: 'GB/T 2261.1',
  },
];

/** Share of non-empty samples a value test must accept before it counts as evidence. */
const VALUE_SHARE = 0.8;

export function suggestClassification(name: string, samples: readonly string[] = []): Suggestion {
  const values = samples
    .map((s) => s.trim())
    .filter(Boolean)
    .slice(0, 200);
  for (const p of PATTERNS) {
    const nameHit = p.byName.test(name);
    const valueHits = p.byValue ? values.filter(p.byValue).length : 0;
    const valueHit = values.length > 0 && valueHits / values.length >= VALUE_SHARE;
    if (!nameHit && !valueHit) continue;
    const reason = [
      nameHit ? `名称含「${name.match(p.byName)![0]}」` : null,
      valueHit ? `${valueHits}/${values.length} 个样例值符合${p.label}格式` : null,
    ]
      .filter(Boolean)
      .join('；');
    return {
      name,
      personalInfo: p.personalInfo,
      sensitivity: p.sensitivity,
      maskingRule: p.maskingRule,
      standardRef: p.standardRef ?? null,
      reason: `${p.label}：${reason}`,
    };
  }
  return { name, personalInfo: false, sensitivity: 'none', maskingRule: 'none', standardRef: null, reason: '未发现个人信息特征' };
}
