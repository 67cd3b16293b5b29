// Numbers become text as a person would write them: never "1e-7" or "1e+21", which no date, amount or code
// rule downstream would recognise.

/** String(n) with any exponent expanded into plain digits. */
export function plainNumber(n: number): string {
  const s = String(n);
  const e = s.indexOf('e');
  if (e === -1) return s;
  const negative = s.startsWith('-');
  const mantissa = s.slice(negative ? 1 : 0, e);
  const exponent = Number(s.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const pointAt = (dot === -1 ? mantissa.length : dot) + exponent; // position of the decimal point in `digits`
  let out: string;
  if (pointAt <= 0) out = '0.' + '0'.repeat(-pointAt) + digits;
  else if (pointAt >= digits.length) out = digits + '0'.repeat(pointAt - digits.length);
  else out = digits.slice(0, pointAt) + '.' + digits.slice(pointAt);
  return negative ? '-' + out : out;
}
