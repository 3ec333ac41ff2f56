// My appointments (soonest first, cancelled ones included) and one appointment; both offer reschedule and cancel
// while the appointment is confirmed and not over.
import { append, focusStatic, h, replaceChildren } from "../dom.js";
import { isOver, range, statusText } from "../format.js";
import { problemBox } from "../problem.js";
import { practitioner } from "../store.js";
import { withQuery } from "../api.js";

export async function renderList(main, _match, _params, app) {
  const list = h("ul", { class: "appointments" });
  const section = h("div");
  replaceChildren(main, h("h1", null, "My appointments"), section);
  await showPage(section, list, null, app);
}

async function showPage(section, list, cursor, app) {
  const page = (await app.api("GET", withQuery("/api/me/appointments", { cursor }))).data;
  const items = page.items ?? [];
  if (!cursor) {
    replaceChildren(section, items.length
      ? list
      : h("p", null, "You have no appointments yet. ", h("a", { href: "#/" }, "Find a practitioner")));
  }

  for (const appointment of items) {
    list.append(h("li", null, card(appointment, app, { withDetailsLink: true, refresh: () => showPage(section, replaceChildren(list), null, app) })));
  }

  section.querySelector(".more")?.remove();
  if (page.next) {
    const more = h("button", { type: "button", class: "more secondary" }, "More appointments");
    more.addEventListener("click", async () => {
      const count = list.children.length;
      more.disabled = true;
      await showPage(section, list, page.next, app);
      focusStatic(list.children[count]?.querySelector("h2"));
    });
    section.append(more);
  }
}

export async function renderOne(main, [appointmentId], _params, app) {
  const appointment = (await app.api("GET", `/api/appointments/${encodeURIComponent(appointmentId)}`)).data;
  replaceChildren(main,
    h("h1", null, "Your appointment"),
    card(appointment, app, { withDetailsLink: false, refresh: () => renderOne(main, [appointmentId], _params, app) }),
    h("p", null, h("a", { href: "#/appointments" }, "All my appointments")));
}

function card(appointment, app, { withDetailsLink, refresh }) {
  const who = practitioner(appointment.practitionerId);
  const id = encodeURIComponent(appointment.appointmentId);
  const headingId = `appointment-${appointment.appointmentId}`;
  const article = h("article", { class: `card appointment ${appointment.status}`, "aria-labelledby": headingId },
    h("h2", { id: headingId }, range(appointment.start, appointment.end)),
    h("dl", { class: "facts" },
      h("dt", null, "Practitioner"), h("dd", null, who ? `${who.displayName} (${who.specialty}, ${who.city})` : "Your practitioner"),
      h("dt", null, "Status"), h("dd", null, h("span", { class: `badge ${appointment.status}` }, statusText(appointment.status))),
      appointment.reason ? [h("dt", null, "Reason"), h("dd", null, appointment.reason)] : null));

  if (appointment.status === "confirmed" && !isOver(appointment.end)) {
    const actions = h("div", { class: "actions" });
    const cancel = h("button", { type: "button", class: "danger", "aria-describedby": headingId }, "Cancel appointment");
    cancel.addEventListener("click", () => askToCancel(actions, appointment, app, refresh));
    append(actions, [h("a", { class: "button secondary", href: `#/appointments/${id}/reschedule`, "aria-describedby": headingId }, "Reschedule"), cancel]);
    article.append(actions);
  }

  if (withDetailsLink) {
    article.append(h("p", null, h("a", { href: `#/appointments/${id}`, "aria-describedby": headingId }, "Details")));
  }

  return article;
}

function askToCancel(actions, appointment, app, refresh) {
  const questionId = `cancel-${appointment.appointmentId}`;
  const errorSlot = h("div");
  const yes = h("button", { type: "button", class: "danger" }, "Yes, cancel it");
  const group = h("div", { class: "confirm", role: "group", "aria-labelledby": questionId },
    h("p", { id: questionId }, "Cancel this appointment? The time goes back to other patients."),
    errorSlot,
    h("div", { class: "actions" }, yes,
      h("button", { type: "button", class: "secondary", onclick: () => refresh().then(() => app.status("Not cancelled.")) }, "Keep it")));
  yes.addEventListener("click", async () => {
    yes.disabled = true;
    try {
      await app.api("POST", `/api/appointments/${encodeURIComponent(appointment.appointmentId)}/cancel`);
      await refresh();
      app.status(`Appointment of ${range(appointment.start, appointment.end)} cancelled.`);
      app.focusHeading();
    } catch (error) {
      yes.disabled = false;
      replaceChildren(errorSlot, problemBox(error));
    }
  });
  replaceChildren(actions, group);
  focusStatic(group);
}
