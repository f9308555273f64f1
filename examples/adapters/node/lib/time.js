// RFC 3339 date-time parsing into exact instants (CONFORMANCE.md I8).
//
// An instant is {sec: BigInt seconds since 1970-01-01T00:00:00Z, frac: decimal
// digits of the fraction without trailing zeros}.  Nothing is rounded, so
// ".0000000001" and ".000000000" compare correctly whatever their length.

const DATE_TIME =
  /^([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]+))?(?:([Zz])|([+-])([0-9]{2}):([0-9]{2}))$/;

function isLeap(y) {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y, m) {
  return [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

// Days from 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithm).
function daysFromCivil(y, m, d) {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** @returns {{sec: bigint, frac: string} | null} null when not an RFC 3339 date-time */
export function parseInstant(s) {
  if (typeof s !== 'string') return null;
  const m = DATE_TIME.exec(s);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 60) return null;
  let offset = 0; // minutes east of UTC
  if (!m[8]) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return null;
    offset = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  if (second === 60) {
    // A leap second is only possible at 23:59 UTC (no leap-second table).
    const utcMinute = (((hour * 60 + minute - offset) % 1440) + 1440) % 1440;
    if (utcMinute !== 23 * 60 + 59) return null;
  }
  const days = BigInt(daysFromCivil(year, month, day));
  const sec = days * 86400n + BigInt(hour * 3600 + minute * 60 + second - offset * 60);
  const frac = (m[7] || '').replace(/0+$/, '');
  return { sec, frac };
}

export function isDateTime(s) {
  return parseInstant(s) !== null;
}

/** -1, 0 or 1 */
export function compareInstants(a, b) {
  if (a.sec !== b.sec) return a.sec < b.sec ? -1 : 1;
  const n = Math.max(a.frac.length, b.frac.length);
  const fa = a.frac.padEnd(n, '0');
  const fb = b.frac.padEnd(n, '0');
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}

export function addSeconds(a, seconds) {
  return { sec: a.sec + BigInt(seconds), frac: a.frac };
}
