// The page notification links open: /manage/{token}. Shows the appointment (date, time, practitioner, status,
// nothing about the patient) and cancels it, without signing in. The token is read from the address and sent only
// to the API; it is never written to storage or to the console.
import { ApiProblem, request } from "./api.js";
import { focusStatic, h, replaceChildren } from "./dom.js";
import { range, statusText, isOver } from "./format.js";
import { problemBox } from "./problem.js";

const main = document.getElementById("main");
const statusRegion = document.getElementById("status");
const token = decodeURIComponent(location.pathname.split("/").filter(Boolean).pop() ?? "");
const path = `/api/manage/${encodeURIComponent(token)}`;

function say(message) {
  statusRegion.textContent = "";
  setTimeout(() => { statusRegion.textContent = message; }, 50);
}

function heading() {
  return h("h1", null, "Your appointment");
}

function render(view) {
  const facts = h("dl", { class: "facts" },
    h("dt", null, "When"), h("dd", null, range(view.start, view.end)),
    h("dt", null, "Practitioner"), h("dd", null, view.practitionerName),
    h("dt", null, "Status"), h("dd", null, h("span", { class: `badge ${view.status}` }, statusText(view.status))));
  const actions = h("div", { class: "actions" });
  if (view.status === "confirmed" && !isOver(view.end)) {
    const cancel = h("button", { type: "button", class: "danger" }, "Cancel appointment");
    cancel.addEventListener("click", () => askToCancel(actions));
    actions.append(cancel);
  }

  replaceChildren(main, heading(), h("article", { class: `card appointment ${view.status}` }, facts, actions));
}

function askToCancel(actions) {
  const errorSlot = h("div");
  const yes = h("button", { type: "button", class: "danger" }, "Yes, cancel it");
  const group = h("div", { class: "confirm", role: "group", "aria-labelledby": "cancel-question" },
    h("p", { id: "cancel-question" }, "Cancel this appointment? The time goes back to other patients."),
    errorSlot,
    h("div", { class: "actions" }, yes,
      h("button", { type: "button", class: "secondary", onclick: () => load().then(() => say("Not cancelled.")) }, "Keep it")));
  yes.addEventListener("click", async () => {
    yes.disabled = true;
    try {
      const view = (await request("POST", `${path}/cancel`)).data;
      render(view);
      say("Your appointment is cancelled.");
      focusStatic(main.querySelector("h1"));
    } catch (error) {
      yes.disabled = false;
      replaceChildren(errorSlot, problemBox(error));
    }
  });
  replaceChildren(actions, group);
  focusStatic(group);
}

async function load() {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) {
    replaceChildren(main, heading(), h("p", null, "This address is not a manage link. Open the link from your confirmation or reminder."));
    return;
  }

  try {
    render((await request("GET", path)).data);
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 404) {
      replaceChildren(main, heading(),
        h("div", { class: "problem", role: "alert" },
          h("p", { class: "problem-title" }, "This link does not work (any more)."),
          h("p", null, "A manage link works until the appointment ends, and only exactly as it was sent. Use the link from your latest confirmation or reminder.")));
    } else {
      replaceChildren(main, heading(), problemBox(error));
    }
  }
}

document.querySelector(".skip")?.addEventListener("click", (event) => {
  event.preventDefault();
  focusStatic(main);
});
await load();
