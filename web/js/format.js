// The API writes instants with the practitioner's offset (2026-12-01T09:00:00+01:00): the practitioner's wall-clock
// time is in the string itself, so it is shown as is, whatever time zone the browser is in.

const LOCALE = "en-GB";
const dayFormat = new Intl.DateTimeFormat(LOCALE, { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const shortDayFormat = new Intl.DateTimeFormat(LOCALE, { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });

function parts(instant) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(instant ?? "");
  if (!match) {
    return null;
  }

  const [, year, month, day, hour, minute] = match;
  return { date: `${year}-${month}-${day}`, time: `${hour}:${minute}`, utc: new Date(Date.UTC(+year, +month - 1, +day)) };
}

/** "2026-12-01" of an instant or a date, as the practitioner's calendar has it. */
export function localDate(instant) {
  return parts(instant)?.date ?? String(instant).slice(0, 10);
}

/** "Tuesday 1 December 2026" */
export function day(instantOrDate) {
  const p = parts(instantOrDate) ?? parts(`${instantOrDate}T00:00`);
  return p ? dayFormat.format(p.utc) : String(instantOrDate);
}

/** "Tue 1 Dec" */
export function shortDay(instant) {
  const p = parts(instant);
  return p ? shortDayFormat.format(p.utc) : String(instant);
}

/** "09:00" */
export function time(instant) {
  return parts(instant)?.time ?? String(instant);
}

/** "Tuesday 1 December 2026, 09:00–09:30" */
export function range(start, end) {
  return `${day(start)}, ${time(start)}–${time(end)}`;
}

/** The YYYY-MM-DD date `days` days after `date`. */
export function addDays(date, days) {
  const [year, month, dayOfMonth] = date.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, dayOfMonth + days)).toISOString().slice(0, 10);
}

/** Today's date in an IANA time zone (the practitioner's), as YYYY-MM-DD. */
export function todayIn(timeZone) {
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  } catch {
    return new Date().toISOString().slice(0, 10);
  }
}

export function statusText(status) {
  return { confirmed: "Confirmed", cancelled: "Cancelled", pending: "Pending" }[status] ?? status;
}

/** True once an appointment's end has passed (nothing is left to change). */
export function isOver(end) {
  const at = Date.parse(end);
  return Number.isFinite(at) && at <= Date.now();
}
