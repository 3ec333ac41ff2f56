// A practitioner's free times, a week at a time, grouped by day: to book one, or to move an appointment to one.
import { request, withQuery } from "../api.js";
import { focusStatic, h, replaceChildren } from "../dom.js";
import { addDays, day, range, time, todayIn } from "../format.js";
import { problemBox } from "../problem.js";
import { practitioner, rememberSlot } from "../store.js";

const WEEK = 7;

export async function render(main, [practitionerId], params, app) {
  const who = practitioner(practitionerId);
  const name = who?.displayName ?? "this practitioner";
  await renderWeek(main, {
    practitionerId,
    from: params.get("from"),
    heading: `Free times with ${name}`,
    intro: who ? `${who.specialty} · ${who.city}. Times are the practitioner's local time.` : "Times are the practitioner's local time.",
    weekHash: (from) => withQuery(`#/practitioners/${encodeURIComponent(practitionerId)}/slots`, { from }),
    slotControl: (slot) => h("a", {
      class: "slot",
      href: `#/book/${encodeURIComponent(slot.slotId)}`,
      "aria-label": `${time(slot.start)}, ${range(slot.start, slot.end)}`,
      onclick: () => rememberSlot(slot, practitionerId),
    }, time(slot.start)),
  }, app);
}

/** #/appointments/{id}/reschedule: the same week view; choosing a time asks to confirm the move. */
export async function renderReschedule(main, [appointmentId], params, app) {
  const appointment = (await app.api("GET", `/api/appointments/${encodeURIComponent(appointmentId)}`)).data;
  const who = practitioner(appointment.practitionerId);
  const confirmArea = h("div", { class: "confirm-area" });
  await renderWeek(main, {
    practitionerId: appointment.practitionerId,
    from: params.get("from"),
    heading: "Choose a new time",
    intro: `Now: ${range(appointment.start, appointment.end)}${who ? ` with ${who.displayName}` : ""}. Your current time is freed only once the new one is yours.`,
    weekHash: (from) => withQuery(`#/appointments/${encodeURIComponent(appointmentId)}/reschedule`, { from }),
    before: confirmArea,
    slotControl: (slot) => h("button", {
      type: "button",
      class: "slot",
      "aria-label": `${time(slot.start)}, ${range(slot.start, slot.end)}`,
      onclick: () => askToMove(confirmArea, appointment, slot, app),
    }, time(slot.start)),
  }, app);
}

function askToMove(area, appointment, slot, app) {
  const questionId = "move-question";
  const errorSlot = h("div");
  const move = h("button", { type: "button", class: "primary" }, "Move my appointment");
  const group = h("div", { class: "confirm", role: "group", "aria-labelledby": questionId },
    h("p", { id: questionId }, `Move your appointment to ${range(slot.start, slot.end)}?`),
    errorSlot,
    h("div", { class: "actions" }, move,
      h("button", { type: "button", class: "secondary", onclick: () => { replaceChildren(area); app.status("Not moved."); } }, "Keep the current time")));
  move.addEventListener("click", async () => {
    move.disabled = true;
    try {
      const moved = (await app.api("POST", `/api/appointments/${encodeURIComponent(appointment.appointmentId)}/reschedule`, { body: { slotId: slot.slotId } })).data;
      app.navigate(`#/appointments/${encodeURIComponent(moved.appointmentId)}`, `Appointment moved to ${range(moved.start, moved.end)}.`);
    } catch (error) {
      move.disabled = false;
      replaceChildren(errorSlot, problemBox(error));
    }
  });
  replaceChildren(area, group);
  focusStatic(group);
}

async function renderWeek(main, view, app) {
  let page;
  try {
    const to = view.from ? addDays(view.from, WEEK - 1) : null;
    page = (await request("GET", withQuery(`/api/practitioners/${encodeURIComponent(view.practitionerId)}/slots`, { from: view.from, to }))).data;
  } catch (error) {
    replaceChildren(main, h("h1", null, view.heading), problemBox(error), h("p", null, h("a", { href: "#/" }, "Back to the search")));
    return;
  }

  const today = todayIn(page.timeZone);
  const from = view.from ?? today;
  const slots = [...(page.slots ?? [])];
  const days = h("div", { class: "days" });
  const fill = (list) => {
    for (const slot of list) {
      const date = slot.start.slice(0, 10);
      let section = days.querySelector(`[data-date="${date}"] ul`);
      if (!section) {
        const headingId = `day-${date}`;
        section = h("ul", { class: "slot-grid" });
        days.append(h("section", { "data-date": date, "aria-labelledby": headingId }, h("h2", { id: headingId }, day(date)), section));
      }

      section.append(h("li", null, view.slotControl(slot)));
    }
  };
  fill(slots);

  const earlier = from > today ? h("a", { class: "button secondary", href: view.weekHash(addDays(from, -WEEK) < today ? today : addDays(from, -WEEK)) }, "Earlier week") : null;
  const later = h("a", { class: "button secondary", href: view.weekHash(addDays(from, WEEK)) }, "Later week");
  const more = page.next ? h("button", { type: "button", class: "secondary" }, "More times") : null;
  more?.addEventListener("click", async () => {
    const next = (await request("GET", withQuery(`/api/practitioners/${encodeURIComponent(view.practitionerId)}/slots`, { from: view.from, to: view.from ? addDays(view.from, WEEK - 1) : null, cursor: page.next }))).data;
    fill(next.slots ?? []);
    page.next = next.next;
    if (!page.next) {
      more.remove();
    }
  });

  replaceChildren(main,
    h("h1", null, view.heading),
    h("p", { class: "lead" }, view.intro),
    view.before,
    h("p", { class: "week" }, `${day(from)} to ${day(addDays(from, WEEK - 1))}`),
    slots.length ? days : h("p", null, "No free time this week."),
    more,
    h("nav", { class: "actions", "aria-label": "Weeks" }, earlier, later),
    h("p", null, h("a", { href: "#/" }, "Back to the search")));
  app.status(slots.length ? `${slots.length} free times from ${day(from)}.` : "No free time this week.");
}
