// Fictitious personal names: a common southern-Fujian surname and one or two given-name characters
// drawn independently, so no name is taken from a real person.
import { cumulativeOf, pickWeighted, type Prng } from './prng.js';

// Surnames frequent in Quanzhou, with rough relative weights.
const SURNAMES = [
  ['陈', 110],
  ['林', 70],
  ['黄', 60],
  ['王', 45],
  ['张', 40],
  ['吴', 38],
  ['蔡', 32],
  ['李', 30],
  ['郑', 28],
  ['许', 25],
  ['洪', 22],
  ['庄', 20],
  ['苏', 18],
  ['施', 18],
  ['杨', 16],
  ['刘', 15],
  ['曾', 14],
  ['谢', 13],
  ['郭', 12],
  ['柯', 11],
  ['何', 10],
  ['周', 10],
  ['傅', 9],
  ['康', 8],
  ['叶', 8],
  ['卢', 7],
  ['颜', 7],
  ['潘', 6],
  ['丁', 6],
  ['方', 6],
] as const;
const SURNAME_CHARS = SURNAMES.map((s) => s[0]);
const SURNAME_CUMULATIVE = cumulativeOf(SURNAMES.map((s) => s[1]));

const MALE = [...'伟强磊军杰涛明辉鹏华建志文斌俊峰宇浩凯晨锦荣森泽铭阳晓国海东振福金达永鸿毅聪'];
const FEMALE = [...'芳娜敏静丽艳婷雪慧琳燕玲萍红秀娟佳欣怡颖雅淑蓉梅莉倩晶璐菲洁思雯梦诗瑶'];
const SHARED = [...'子一安嘉雨晓家思梓'];

export function personName(prng: Prng, male: boolean): string {
  const chars = male ? MALE : FEMALE;
  const surname = pickWeighted(prng, SURNAME_CHARS, SURNAME_CUMULATIVE);
  if (prng.chance(0.2)) return surname + prng.pick(chars);
  return surname + (prng.chance(0.15) ? prng.pick(SHARED) : prng.pick(chars)) + prng.pick(chars);
}
