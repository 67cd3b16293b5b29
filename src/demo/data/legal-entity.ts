// SCJG's 法人基本信息: market entities registered in Quanzhou, with valid and unique GB 32100 codes
// and defects injected at exact counts.
import { creditCodeCheckChar } from '../../platform/validators/index.js';
import { dayOf, isoOf } from './calendar.js';
import { DefectPlan } from './defect-plan.js';
import { KeyedPermutation } from './keyed-permutation.js';
import { personName } from './names.js';
import { organizationCodeCheckChar } from './organization-code.js';
import { QUANZHOU_REGIONS, streetAddress, weightedRegion } from './places.js';
import { checkedCount, checkedSeed } from './population.js';
import { Prng, cumulativeOf, pickWeighted, streamSeed } from './prng.js';
import { DEFAULT_LEGAL_ENTITY_RATES, defectCount, mergeRates, type LegalEntityRates } from './rates.js';
import { RULE_IDS, type GeneratedRecord } from './record.js';
import { reiterable } from './reiterable.js';

export const LEGAL_ENTITY_DEFECTS = ['badCheckDigit', 'futureEstablished', 'duplicate'] as const;
export type LegalEntityDefect = (typeof LEGAL_ENTITY_DEFECTS)[number];

export interface LegalEntityOptions {
  count: number;
  seed?: number;
  rates?: Partial<LegalEntityRates>; // over DEFAULT_LEGAL_ENTITY_RATES
  today: string;
}

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'; // GB 32100's 31 characters
const ENTITY_STREAM = 31;
const NUMERIC_CODES = 32;
const NEW_CODES = 33;
const PLAN_KEY = 34;
const DEFECT_STREAM = 35;
const FIRST_ESTABLISHED = dayOf('1992-01-01');
// Codes issued since the credit-code reform carry a new 'MA…' organisation body; older firms kept a numeric one.
const REFORM = dayOf('2015-10-01');
const NUMERIC_SPACE = 100_000_000;
const NEW_SPACE = 31 ** 6;

// 350500 is the city's own registration authority; the others are the county-level bureaus.
const REGISTRARS = [{ code: '350500', name: '' }, ...QUANZHOU_REGIONS];
const REGISTRAR_CUMULATIVE = cumulativeOf([300, ...QUANZHOU_REGIONS.map((r) => r.weight)]);

const TYPES = [
  { type: '有限责任公司（自然人投资或控股）', suffix: '有限公司' },
  { type: '有限责任公司（自然人独资）', suffix: '有限公司' },
  { type: '股份有限公司（非上市、自然人投资或控股）', suffix: '股份有限公司' },
  { type: '个人独资企业', suffix: '商行' },
  { type: '普通合伙企业', suffix: '合伙企业（普通合伙）' },
];
const TYPE_CUMULATIVE = cumulativeOf([50, 25, 5, 12, 8]);

const GENERAL = '（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）';
const TRADES = [
  { word: '贸易', scope: '一般项目：日用百货销售；五金产品批发；服装服饰零售；国内贸易代理。' + GENERAL },
  { word: '鞋业', scope: '一般项目：鞋制造；鞋帽批发；鞋帽零售；箱包制造。' + GENERAL },
  { word: '纺织服装', scope: '一般项目：服装制造；面料纺织加工；服装服饰批发。' + GENERAL },
  { word: '石材', scope: '一般项目：建筑用石加工；石材销售；建筑材料销售。' + GENERAL },
  { word: '茶业', scope: '一般项目：茶叶种植；初级农产品收购；食品销售（仅销售预包装食品）。' + GENERAL },
  { word: '陶瓷', scope: '一般项目：日用陶瓷制品制造；工艺美术品及礼仪用品制造；陶瓷制品销售。' + GENERAL },
  { word: '食品', scope: '许可项目：食品生产；食品销售。一般项目：农副产品销售。' },
  { word: '信息技术', scope: '一般项目：软件开发；信息系统集成服务；技术服务、技术开发、技术咨询。' + GENERAL },
  { word: '物流', scope: '一般项目：普通货物仓储服务；国内货物运输代理；装卸搬运。' + GENERAL },
  { word: '电子科技', scope: '一般项目：电子元器件制造；电子产品销售；技术服务、技术开发。' + GENERAL },
];
const BRAND_CHARS = [...'鑫盛恒源华泰达顺宏隆兴祥福嘉瑞丰宝利通誉'];
const CAPITALS = [3, 5, 10, 20, 30, 50, 100, 200, 300, 500, 800, 1000, 2000, 5000];

function base31(n: number, width: number): string {
  let s = '';
  for (let i = 0; i < width; i++) {
    s = CHARSET[n % 31] + s;
    n = Math.floor(n / 31);
  }
  return s;
}

/** Entity k of a seed, rebuilt on demand. Codes are unique: k maps through a keyed permutation to a distinct organisation body. */
export class LegalEntityFactory {
  readonly today: number;
  private readonly numeric: KeyedPermutation;
  private readonly modern: KeyedPermutation;
  private readonly prng = new Prng(0);

  constructor(
    readonly seed: number,
    readonly count: number,
    today: string,
  ) {
    this.today = dayOf(today);
    if (count > NUMERIC_SPACE || this.today < FIRST_ESTABLISHED) {
      throw new RangeError(`法人数量或日期超出范围 (legal entity count or date out of range)`);
    }
    this.numeric = new KeyedPermutation(NUMERIC_SPACE, streamSeed(seed, NUMERIC_CODES, 0));
    this.modern = new KeyedPermutation(NEW_SPACE, streamSeed(seed, NEW_CODES, 0));
  }

  /** The entity's credit code and the facts it is built from; leaves the PRNG ready for the rest of the entity. */
  code(k: number): { creditCode: string; established: number; registrar: string; district: (typeof QUANZHOU_REGIONS)[number] } {
    const prng = this.prng.reseed(streamSeed(this.seed, ENTITY_STREAM, k));
    const established = FIRST_ESTABLISHED + prng.int(this.today - FIRST_ESTABLISHED + 1);
    const registrar = pickWeighted(prng, REGISTRARS, REGISTRAR_CUMULATIVE);
    const district = registrar.name ? (registrar as (typeof QUANZHOU_REGIONS)[number]) : weightedRegion(prng);
    const body = established < REFORM ? String(this.numeric.forward(k)).padStart(8, '0') : 'MA' + base31(this.modern.forward(k), 6);
    const first17 = '91' + registrar.code + body + organizationCodeCheckChar(body);
    return { creditCode: first17 + creditCodeCheckChar(first17), established, registrar: registrar.code, district };
  }

  entity(k: number): { values: Record<string, string | null>; established: number } {
    const { creditCode, established, district } = this.code(k);
    const prng = this.prng;
    const kind = pickWeighted(prng, TYPES, TYPE_CUMULATIVE);
    const trade = prng.pick(TRADES);
    const brand = prng.pick(BRAND_CHARS) + prng.pick(BRAND_CHARS);
    return {
      established,
      values: {
        credit_code: creditCode,
        entity_name: `泉州${brand}示例${trade.word}${kind.suffix}`,
        legal_representative: personName(prng, prng.chance(0.7)),
        registered_capital: prng.pick(CAPITALS).toFixed(2),
        established_on: isoOf(established),
        entity_type: kind.type,
        registered_address: streetAddress(prng, district),
        business_scope: trade.scope,
      },
    };
  }
}

/** Which legal entity record carries which defect. */
export function legalEntityPlan(count: number, seed: number, rates: LegalEntityRates): DefectPlan<LegalEntityDefect> {
  const counts = Object.fromEntries(LEGAL_ENTITY_DEFECTS.map((k) => [k, defectCount(rates[k], count)])) as Record<
    LegalEntityDefect,
    number
  >;
  return new DefectPlan(count, streamSeed(seed, PLAN_KEY, 0), LEGAL_ENTITY_DEFECTS, counts);
}

export function wrongCreditCheckChar(code: string, prng: Prng): string {
  const right = CHARSET.indexOf(code[17]!);
  return code.slice(0, 17) + CHARSET[(right + 1 + prng.int(CHARSET.length - 1)) % CHARSET.length];
}

export function legalEntityRecords(opts: LegalEntityOptions): Iterable<GeneratedRecord> {
  const count = checkedCount(opts.count);
  const seed = checkedSeed(opts.seed);
  const plan = legalEntityPlan(count, seed, mergeRates(DEFAULT_LEGAL_ENTITY_RATES, opts.rates));
  const entities = new LegalEntityFactory(seed, count, opts.today);
  return reiterable(function* () {
    const prng = new Prng(0);
    for (let k = 0; k < count; k++) {
      const kind = plan.kindAt(k);
      prng.reseed(streamSeed(seed, DEFECT_STREAM, k));
      if (kind === 'duplicate') {
        yield { values: entities.entity(plan.duplicateSource(k, prng)).values, expected: [RULE_IDS.duplicate] };
        continue;
      }
      const { values } = entities.entity(k);
      if (kind === null) {
        yield { values, expected: [] };
      } else if (kind === 'badCheckDigit') {
        values.credit_code = wrongCreditCheckChar(values.credit_code!, prng);
        yield { values, expected: [RULE_IDS.creditCode] };
      } else {
        values.established_on = isoOf(entities.today + prng.between(1, 730));
        yield { values, expected: [RULE_IDS.futureEstablished] };
      }
    }
  });
}
