// The demo city: fictitious units (names start with 示例) and one account per role. Listed in the README.
import type { AccountSpec, Role, UnitSpec, UnitType } from '../identity/index.js';
import { demoId } from './ids.js';

export const DEMO_PASSWORD = 'Gongshu@2026';

const unit = (code: string, name: string, type: UnitType, parentCode?: string): UnitSpec => ({
  id: demoId('unit', code),
  code,
  name,
  type,
  parentId: parentCode ? demoId('unit', parentCode) : null,
});

export const DEMO_UNITS: UnitSpec[] = [
  unit('SZB', '示例市数字办', 'regulator'),
  unit('GZW', '示例市国资委', 'superior_authority'),
  unit('PSU', '示例市大数据服务有限公司', 'platform_service_unit', 'GZW'),
  unit('OPR', '示例市数据运营有限公司', 'data_operator', 'GZW'),
  unit('CON', '示例市数字建设有限公司', 'construction_unit', 'GZW'),
  unit('GAJ', '示例市公安局', 'department'),
  unit('SCJG', '示例市市场监督管理局', 'department'),
  unit('MZJ', '示例市民政局', 'department'),
  unit('RSJ', '示例市人力资源和社会保障局', 'department'),
  unit('WJW', '示例市卫生健康委员会', 'department'),
  unit('YBJ', '示例市医疗保障局', 'department'),
  unit('ZRZY', '示例市自然资源和规划局', 'department'),
  unit('ZJJ', '示例市住房和城乡建设局', 'department'),
  unit('DEV1', '示例智慧科技有限公司', 'secondary_developer'),
  unit('DEV2', '示例数据应用有限公司', 'secondary_developer'),
  unit('TPA', '示例信息安全评估中心', 'third_party_assessor'),
];

const account = (username: string, displayName: string, unitCode: string, roles: Role[]): AccountSpec => ({
  id: demoId('user', username),
  username,
  displayName,
  unitId: demoId('unit', unitCode),
  roles,
});

export const DEMO_ACCOUNTS: AccountSpec[] = [
  account('sysadmin', '示例系统管理员', 'PSU', ['sys_admin']),
  account('secadmin', '示例安全管理员', 'PSU', ['sec_admin']),
  account('auditor', '示例安全审计员', 'SZB', ['auditor']),
  account('regulator', '示例监管员', 'SZB', ['regulator']),
  account('platform', '示例平台技术员', 'PSU', ['platform_staff']),
  account('operator', '示例运营专员', 'OPR', ['operator_staff']),
  account('builder', '示例建设专员', 'CON', ['construction_staff']),
  account('gaj', '示例公安数据专员', 'GAJ', ['department_staff']),
  account('scjg', '示例市场监管数据专员', 'SCJG', ['department_staff']),
  account('mzj', '示例民政数据专员', 'MZJ', ['department_staff']),
  account('rsj', '示例人社数据专员', 'RSJ', ['department_staff']),
  account('wjw', '示例卫健数据专员', 'WJW', ['department_staff']),
  account('ybj', '示例医保数据专员', 'YBJ', ['department_staff']),
  account('zrzy', '示例自然资源数据专员', 'ZRZY', ['department_staff']),
  account('zjj', '示例住建数据专员', 'ZJJ', ['department_staff']),
  account('dev1', '示例开发者一', 'DEV1', ['developer']),
  account('dev2', '示例开发者二', 'DEV2', ['developer']),
  account('assessor', '示例评估专家', 'TPA', ['assessor']),
  account('superior', '示例国资委联络员', 'GZW', ['superior']),
];
