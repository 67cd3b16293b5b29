// Quanzhou's county-level divisions (GB/T 2260) and fictitious street addresses in them. Every street
// name carries 示例 so that no generated address can be mistaken for a real one.
import { cumulativeOf, pickWeighted, type Prng } from './prng.js';

export interface Region {
  code: string;
  name: string;
  weight: number; // rough resident population in ten-thousands: where addresses fall
}

export const QUANZHOU_REGIONS: readonly Region[] = [
  { code: '350502', name: '鲤城区', weight: 40 },
  { code: '350503', name: '丰泽区', weight: 55 },
  { code: '350504', name: '洛江区', weight: 25 },
  { code: '350505', name: '泉港区', weight: 35 },
  { code: '350521', name: '惠安县', weight: 100 },
  { code: '350524', name: '安溪县', weight: 100 },
  { code: '350525', name: '永春县', weight: 45 },
  { code: '350526', name: '德化县', weight: 30 },
  { code: '350581', name: '石狮市', weight: 68 },
  { code: '350582', name: '晋江市', weight: 200 },
  { code: '350583', name: '南安市', weight: 150 },
];
const REGION_CUMULATIVE = cumulativeOf(QUANZHOU_REGIONS.map((r) => r.weight));

const STREET_WORDS = ['安泰', '明德', '嘉禾', '丰盛', '兴贤', '和平', '光明', '长青', '启明', '育才', '新华', '友谊', '幸福', '康宁'];
const MORE_STREET_WORDS = ['同心', '聚贤', '振兴', '文昌', '瑞祥', '福源', '春晖', '滨海', '凤栖', '桂香', '丹霞', '映月'];
const STREETS = [...STREET_WORDS, ...MORE_STREET_WORDS].flatMap((w) => [`${w}示例路`, `${w}示例街`, `${w}示例大道`]);

const PREFIX = '福建省泉州市';

export function weightedRegion(prng: Prng): Region {
  return pickWeighted(prng, QUANZHOU_REGIONS, REGION_CUMULATIVE);
}

/** `福建省泉州市丰泽区安泰示例路128号`, sometimes with a building and flat. */
export function streetAddress(prng: Prng, region: Region): string {
  const base = `${PREFIX}${region.name}${prng.pick(STREETS)}${prng.between(1, 399)}号`;
  return prng.chance(0.45) ? `${base}${prng.between(1, 30)}幢${prng.between(1, 33)}0${prng.between(1, 6)}室` : base;
}
