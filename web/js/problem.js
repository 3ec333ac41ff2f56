// Shows an API problem (title, detail, field errors) where the user is: one alert box, and each field's own
// message beside the field (aria-invalid + aria-describedby) when the form has it.
import { focusStatic, h } from "./dom.js";

/** "patient.firstName" -> the id of the input named for it in a form ("f-patient-firstName"). */
export function fieldId(field) {
  return `f-${field.replace(/[^A-Za-z0-9]+/g, "-")}`;
}

const friendlyField = {
  "patient.firstName": "First name",
  "patient.lastName": "Last name",
  "patient.email": "Email",
  "patient.phone": "Phone",
  "patient.birthDate": "Date of birth",
  reason: "Reason",
  consent: "Confirmations",
  "consent.email": "Confirmations by email",
  "consent.sms": "Confirmations by SMS",
  city: "City",
  specialty: "Specialty",
  subject: "Name",
};

/** The alert box for a problem; with a form, also marks its fields. Returns the box. */
export function problemBox(problem, form) {
  const items = [];
  for (const [field, messages] of Object.entries(problem.errors ?? {})) {
    const text = (Array.isArray(messages) ? messages : [messages]).join(" ");
    const input = form?.querySelector(`#${CSS.escape(fieldId(field))}`);
    const label = friendlyField[field] ?? field;
    if (input) {
      markField(input, text);
      const go = (event) => {
        event.preventDefault();
        if (input.matches("input, select, textarea")) {
          input.focus();
        } else {
          focusStatic(input);
        }
      };
      items.push(h("li", null, h("a", { href: `#${input.id}`, onclick: go }, `${label}: ${text}`)));
    } else {
      items.push(h("li", null, `${label}: ${text}`));
    }
  }

  return h("div", { class: "problem", role: "alert" },
    h("p", { class: "problem-title" }, problem.title),
    problem.detail ? h("p", null, problem.detail) : null,
    items.length ? h("ul", null, items) : null,
    problem.retryAfter ? h("p", null, `You can try again in ${problem.retryAfter} seconds.`) : null);
}

function markField(input, text) {
  const messageId = `${input.id}-error`;
  input.setAttribute("aria-invalid", "true");
  const described = (input.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean);
  if (!described.includes(messageId)) {
    input.setAttribute("aria-describedby", [...described, messageId].join(" "));
  }

  let message = document.getElementById(messageId);
  if (!message) {
    message = h("p", { id: messageId, class: "field-error" });
    (input.matches("fieldset") ? input : input.closest(".field") ?? input.parentElement).append(message);
  }

  message.textContent = text;
}

/** Removes what problemBox added to a form. */
export function clearFieldErrors(form) {
  for (const message of form.querySelectorAll(".field-error")) {
    const input = form.querySelector(`[aria-describedby~="${message.id}"]`);
    if (input) {
      input.removeAttribute("aria-invalid");
      const rest = input.getAttribute("aria-describedby").split(" ").filter((id) => id !== message.id);
      if (rest.length) {
        input.setAttribute("aria-describedby", rest.join(" "));
      } else {
        input.removeAttribute("aria-describedby");
      }
    }

    message.remove();
  }
}
