// National code tables that cleansing maps to and the code_table rule checks against. Aliases are what
// departments actually write in their exports; each alias names exactly one code, so mapping an alias
// repairs the spelling without guessing.

export interface CodeTable {
  name: string;
  codes: Record<string, string>; // code → label
  aliases: Record<string, string>; // alias → code (Latin aliases are matched case-insensitively)
}

// GB/T 3304-1991, codes 01–56 in the standard's order
const ETHNIC_GROUPS = [
  '汉族',
  '蒙古族',
  '回族',
  '藏族',
  '维吾尔族',
  '苗族',
  '彝族',
  '壮族',
  '布依族',
  '朝鲜族',
  '满族',
  '侗族',
  '瑶族',
  '白族',
  '土家族',
  '哈尼族',
  '哈萨克族',
  '傣族',
  '黎族',
  '傈僳族',
  '佤族',
  '畲族',
  '高山族',
  '拉祜族',
  '水族',
  '东乡族',
  '纳西族',
  '景颇族',
  '柯尔克孜族',
  '土族',
  '达斡尔族',
  '仫佬族',
  '羌族',
  '布朗族',
  '撒拉族',
  '毛南族',
  '仡佬族',
  '锡伯族',
  '阿昌族',
  '普米族',
  '塔吉克族',
  '怒族',
  '乌孜别克族',
  '俄罗斯族',
  '鄂温克族',
  '德昂族',
  '保安族',
  '裕固族',
  '京族',
  '塔塔尔族',
  '独龙族',
  '鄂伦春族',
  '赫哲族',
  '门巴族',
  '珞巴族',
  '基诺族',
];

function ethnicTable(): CodeTable {
  const codes: Record<string, string> = {};
  const aliases: Record<string, string> = {};
  ETHNIC_GROUPS.forEach((label, i) => {
    const code = String(i + 1).padStart(2, '0');
    codes[code] = label;
    aliases[label] = code;
    aliases[label.slice(0, -1)] = code; // 汉 → 01, 土家 → 15
    // Excel turns the text "01" into the number 1: a one-digit value can only be that code
    if (i < 9) aliases[String(i + 1)] = code;
  });
  return { name: '中国各民族名称代码 (ethnic groups of China)', codes, aliases };
}

export const CODE_TABLES: Record<string, CodeTable> = {
  'GB/T 2261.1': {
    name: '人的性别代码 (human sexes)',
    codes: { '0': '未知的性别', '1': '男性', '2': '女性', '9': '未说明的性别' },
    aliases: {
      男: '1',
      男性: '1',
      m: '1',
      male: '1',
      女: '2',
      女性: '2',
      f: '2',
      female: '2',
      未知: '0',
      未知的性别: '0',
      未说明: '9',
      未说明的性别: '9',
    },
  },
  'GB/T 3304': ethnicTable(),
};

/** code or alias → code, with Latin aliases also under their lower-case spelling; built once per compile. */
export function codeLookup(table: CodeTable): Map<string, string> {
  const map = new Map<string, string>();
  for (const [alias, code] of Object.entries(table.aliases)) map.set(alias.toLowerCase(), code);
  for (const code of Object.keys(table.codes)) map.set(code, code);
  return map;
}
