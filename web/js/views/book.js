// The booking form: the patient's details, an optional reason, and consent per channel for confirmations and
// reminders (both answered: the API requires consent.email and consent.sms).
import { newIdempotencyKey } from "../api.js";
import { h, replaceChildren } from "../dom.js";
import { range } from "../format.js";
import { clearFieldErrors, problemBox } from "../problem.js";
import { practitioner, slot as rememberedSlot } from "../store.js";

export async function render(main, [slotId], _params, app) {
  const slot = rememberedSlot(slotId);
  const who = slot ? practitioner(slot.practitionerId) : null;
  const errorSlot = h("div");
  const form = h("form", { class: "stack booking", novalidate: true },
    h("fieldset", null,
      h("legend", null, "Your details"),
      field("patient.firstName", "First name", { autocomplete: "given-name", maxlength: "100" }),
      field("patient.lastName", "Last name", { autocomplete: "family-name", maxlength: "100" }),
      field("patient.email", "Email", { type: "email", autocomplete: "email", maxlength: "254" }),
      field("patient.phone", "Phone", { type: "tel", autocomplete: "tel", hint: "A French number, or international with +: +33 6 12 34 56 78" }),
      field("patient.birthDate", "Date of birth", { autocomplete: "bday", inputmode: "numeric", maxlength: "10", hint: "Year-month-day, for example 1980-02-29" })),
    h("div", { class: "field" },
      h("label", { for: "f-reason" }, "Reason for the visit ", h("span", { class: "optional" }, "(optional)")),
      h("p", { class: "hint", id: "f-reason-hint" }, "Only the practitioner sees it. Never sent in emails or SMS."),
      h("textarea", { id: "f-reason", name: "reason", rows: "3", maxlength: "500", "aria-describedby": "f-reason-hint" })),
    h("fieldset", { id: "f-consent", "aria-describedby": "f-consent-hint" },
      h("legend", null, "Confirmations and reminders"),
      h("p", { class: "hint", id: "f-consent-hint" }, "Tick where we may send the confirmation, reminders and a link to manage the appointment. Nothing is sent where you leave it unticked."),
      checkbox("consent.email", "By email"),
      checkbox("consent.sms", "By SMS")),
    h("button", { type: "submit", class: "primary" }, "Book this appointment"));

  // One key per distinct request: sending the same details again (after a lost answer) replays the first booking
  // instead of making a second; changed details are a new request with a new key.
  let lastBody = null;
  let lastKey = null;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = bookingBody(form, slotId);
    const text = JSON.stringify(body);
    if (text !== lastBody) {
      lastBody = text;
      lastKey = newIdempotencyKey();
    }

    const submit = form.querySelector("button[type=submit]");
    submit.disabled = true;
    clearFieldErrors(form);
    replaceChildren(errorSlot);
    try {
      const booked = (await app.api("POST", "/api/appointments", { body, idempotencyKey: lastKey })).data;
      app.navigate(`#/appointments/${encodeURIComponent(booked.appointmentId)}`,
        `Appointment booked: ${range(booked.start, booked.end)}${who ? ` with ${who.displayName}` : ""}.`);
    } catch (error) {
      submit.disabled = false;
      const box = problemBox(error, form);
      if (error.code === "slot-taken" && slot) {
        box.append(h("p", null, h("a", { href: `#/practitioners/${encodeURIComponent(slot.practitionerId)}/slots` }, "Choose another time")));
      }

      replaceChildren(errorSlot, box);
      app.status(error.title);
    }
  });

  replaceChildren(main,
    h("h1", null, "Book this appointment"),
    slot
      ? h("p", { class: "lead summary" }, range(slot.start, slot.end), who ? ` with ${who.displayName} (${who.specialty}, ${who.city})` : "")
      : h("p", { class: "lead" }, "The time you chose."),
    h("p", { class: "hint" }, "Your details are encrypted before they are stored, and only you and the practitioner can read them."),
    errorSlot,
    form);
}

function field(name, label, { type = "text", autocomplete, inputmode, maxlength, hint } = {}) {
  const id = `f-${name.replace(/\./g, "-")}`;
  return h("div", { class: "field" },
    h("label", { for: id }, label),
    hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null,
    h("input", { id, name, type, autocomplete, inputmode, maxlength, required: true, "aria-describedby": hint ? `${id}-hint` : null }));
}

function checkbox(name, label) {
  const id = `f-${name.replace(/\./g, "-")}`;
  return h("div", { class: "check" }, h("input", { id, name, type: "checkbox" }), h("label", { for: id }, label));
}

function bookingBody(form, slotId) {
  const value = (name) => form.elements[name].value.trim();
  return {
    slotId,
    patient: {
      firstName: value("patient.firstName"),
      lastName: value("patient.lastName"),
      email: value("patient.email"),
      phone: value("patient.phone"),
      birthDate: value("patient.birthDate"),
    },
    reason: value("reason") || null,
    consent: { email: form.elements["consent.email"].checked, sms: form.elements["consent.sms"].checked },
  };
}
