// What the app remembers for this tab only (sessionStorage): the practitioners and slots it has shown, so later
// screens can name them. No personal data is kept here.
const PRACTITIONERS = "booking.practitioners";
const SLOTS = "booking.slots";

function read(key) {
  try {
    return JSON.parse(sessionStorage.getItem(key) ?? "{}") ?? {};
  } catch {
    return {};
  }
}

function write(key, value) {
  try {
    sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: screens fall back to generic names.
  }
}

export function rememberPractitioner(p) {
  const all = read(PRACTITIONERS);
  all[p.practitionerId] = { practitionerId: p.practitionerId, displayName: p.displayName, specialty: p.specialty, city: p.city, timeZone: p.timeZone };
  write(PRACTITIONERS, all);
}

export function practitioner(id) {
  return read(PRACTITIONERS)[id] ?? null;
}

export function rememberSlot(slot, practitionerId) {
  const all = read(SLOTS);
  all[slot.slotId] = { slotId: slot.slotId, start: slot.start, end: slot.end, practitionerId };
  const ids = Object.keys(all);
  for (const old of ids.slice(0, Math.max(0, ids.length - 200))) {
    delete all[old];
  }

  write(SLOTS, all);
}

export function slot(id) {
  return read(SLOTS)[id] ?? null;
}
