/**
 * Date values for the Date* operators: "You must specify date/time values with one of the W3C
 * implementations of the ISO 8601 date formats or in epoch (UNIX) time" (Condition operators, Date
 * condition operators). All-digit text is read as epoch seconds, which is how aws:EpochTime arrives;
 * this makes a bare year ("2020") epoch second 2020, a W3C form nobody writes in a policy.
 */

const EPOCH_SECONDS = /^\d+(?:\.\d+)?$/;
// YYYY-MM, YYYY-MM-DD, then optionally Thh:mm[:ss[.s+]] and a zone designator (UTC when omitted).
const W3C_DATE = /^(\d{4})-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?)?)?$/;

/** Milliseconds since the epoch, or undefined when the text is not a date IAM accepts. */
export function parseDate(text: string): number | undefined {
  if (EPOCH_SECONDS.test(text)) return Number(text) * 1000;
  const m = W3C_DATE.exec(text);
  if (m === null) return undefined;
  const field = (index: number, absent: number): number => (m[index] === undefined ? absent : Number(m[index]));
  const [year, month, day, hour, minute, second] = [field(1, 0), field(2, 0), field(3, 1), field(4, 0), field(5, 0), field(6, 0)];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const fraction = m[7] === undefined ? 0 : Number(`0.${m[7]}`) * 1000;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second) + fraction;
  // Date.UTC rolls 31 February into March; a day that does not exist is not a date.
  if (new Date(utc).getUTCDate() !== day) return undefined;
  return utc - zoneOffsetMs(m[8]);
}

function zoneOffsetMs(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
}
