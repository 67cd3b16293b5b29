// Column layouts of the generated files, in the order departments export them, titled with the
// elements' Chinese names as in src/demo/catalog.ts.
import type { Column } from './record.js';

export const POPULATION_COLUMNS: readonly Column[] = [
  { code: 'name', title: '姓名' },
  { code: 'sex', title: '性别' },
  { code: 'id_number', title: '公民身份号码' },
  { code: 'birth_date', title: '出生日期' },
  { code: 'phone', title: '联系电话' },
  { code: 'household_address', title: '户籍地址' },
  { code: 'ethnicity', title: '民族' },
  { code: 'residence_address', title: '现住址' },
];

export const LOW_INCOME_COLUMNS: readonly Column[] = [
  { code: 'id_number', title: '公民身份号码' },
  { code: 'name', title: '姓名' },
  { code: 'household_address', title: '户籍地址' },
  { code: 'monthly_allowance', title: '月保障金额（元）' },
  { code: 'approved_on', title: '批准日期' },
];

export const LEGAL_ENTITY_COLUMNS: readonly Column[] = [
  { code: 'credit_code', title: '统一社会信用代码' },
  { code: 'entity_name', title: '市场主体名称' },
  { code: 'legal_representative', title: '法定代表人' },
  { code: 'registered_capital', title: '注册资本（万元）' },
  { code: 'established_on', title: '成立日期' },
  { code: 'entity_type', title: '市场主体类型' },
  { code: 'registered_address', title: '住所' },
  { code: 'business_scope', title: '经营范围' },
];

export const SOCIAL_INSURANCE_COLUMNS: readonly Column[] = [
  { code: 'id_number', title: '公民身份号码' },
  { code: 'name', title: '姓名' },
  { code: 'insurance_type', title: '险种' },
  { code: 'status', title: '参保状态' },
  { code: 'credit_code', title: '统一社会信用代码' },
  { code: 'months_paid', title: '累计缴费月数' },
];

export const MEDICAL_INSURANCE_COLUMNS: readonly Column[] = [
  { code: 'id_number', title: '公民身份号码' },
  { code: 'name', title: '姓名' },
  { code: 'scheme', title: '险种' },
  { code: 'status', title: '参保状态' },
  { code: 'enrolled_on', title: '参保日期' },
];

export const HOUSING_FUND_COLUMNS: readonly Column[] = [
  { code: 'id_number', title: '公民身份号码' },
  { code: 'name', title: '姓名' },
  { code: 'account_no', title: '公积金账号' },
  { code: 'monthly_amount', title: '月缴存额（元）' },
  { code: 'balance', title: '账户余额（元）' },
];

/** The same columns headed by their element codes, for departments that export codes. */
export function codeTitled(columns: readonly Column[]): Column[] {
  return columns.map((c) => ({ code: c.code, title: c.code }));
}
