// The page waitlist offer notifications link to: /offers/{token}. Shows the time offered (date, time, practitioner,
// until when it is held for the patient, nothing about the patient) and takes or declines it, without signing in.
// The token is read from the address and sent only to the API; it is never written to storage or to the console.
import { ApiProblem, request } from "./api.js";
import { focusStatic, h, replaceChildren } from "./dom.js";
import { range } from "./format.js";
import { problemBox } from "./problem.js";

const main = document.getElementById("main");
const statusRegion = document.getElementById("status");
const token = decodeURIComponent(location.pathname.split("/").filter(Boolean).pop() ?? "");
const path = `/api/offers/${encodeURIComponent(token)}`;
const clock = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit" });

function say(message) {
  statusRegion.textContent = "";
  setTimeout(() => { statusRegion.textContent = message; }, 50);
}

function heading(text = "A time for you") {
  return h("h1", null, text);
}

/** "14:35", in the reader's own time zone: the hold ends at an instant, not at a practitioner's wall-clock time. */
function until(instant) {
  const at = Date.parse(instant);
  return Number.isFinite(at) ? clock.format(new Date(at)) : String(instant);
}

function facts(view) {
  const list = h("dl", { class: "facts" },
    h("dt", null, "When"), h("dd", null, range(view.start, view.end)),
    h("dt", null, "Practitioner"), h("dd", null, view.practitionerName));
  const visitType = view.visitTypeName ?? view.visitType?.name;
  if (visitType) {
    list.append(h("dt", null, "Visit"), h("dd", null, visitType));
  }

  return list;
}

function ended(title, detail) {
  replaceChildren(main, heading(),
    h("div", { class: "problem", role: "alert" },
      h("p", { class: "problem-title" }, title),
      h("p", null, detail)));
  focusStatic(main.querySelector(".problem"));
}

function failed(error, errorSlot) {
  if (error instanceof ApiProblem && (error.status === 410 || error.code === "offer-ended")) {
    ended("This offer has ended.",
      "It was not taken in time, was declined, or has passed to the next patient. You stay on the waitlist: another time may be offered to you.");
  } else if (error instanceof ApiProblem && error.status === 404) {
    ended("This link does not work (any more).",
      "An offer link works only exactly as it was sent, and only while you are on the waitlist. Use the link from your latest offer.");
  } else if (errorSlot) {
    replaceChildren(errorSlot, problemBox(error));
    focusStatic(errorSlot.firstElementChild ?? errorSlot);
  } else {
    replaceChildren(main, heading(), problemBox(error));
  }
}

function booked(view) {
  replaceChildren(main, heading("Your appointment is booked"),
    h("article", { class: "card appointment confirmed" },
      facts(view),
      h("p", null, "A confirmation follows on the channels you chose, with a link to manage or cancel the appointment.")));
  say("Your appointment is booked.");
  focusStatic(main.querySelector("h1"));
}

function render(view) {
  if (view.status === "accepted") {
    booked(view);
    return;
  }

  const errorSlot = h("div");
  const accept = h("button", { type: "button" }, "Book this time");
  const decline = h("button", { type: "button", class: "secondary" }, "Not for me");
  const busy = (on) => { accept.disabled = on; decline.disabled = on; };
  accept.addEventListener("click", async () => {
    busy(true);
    try {
      const receipt = (await request("POST", `${path}/accept`)).data;
      booked({ ...view, ...receipt, practitionerName: view.practitionerName });
    } catch (error) {
      busy(false);
      failed(error, errorSlot);
    }
  });
  decline.addEventListener("click", async () => {
    busy(true);
    try {
      await request("POST", `${path}/decline`);
      replaceChildren(main, heading("Offer declined"),
        h("p", null, "This time passes to the next patient waiting. You stay on the waitlist for another time."));
      say("Offer declined.");
      focusStatic(main.querySelector("h1"));
    } catch (error) {
      busy(false);
      failed(error, errorSlot);
    }
  });

  replaceChildren(main, heading(),
    h("article", { class: "card appointment" },
      h("p", { class: "lead" }, "A time you were waiting for is free, and held for you."),
      facts(view),
      h("p", { class: "hint" }, `Held for you until ${until(view.expiresAt)}. After that it passes to the next patient.`),
      errorSlot,
      h("div", { class: "actions" }, accept, decline)));
}

async function load() {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) {
    replaceChildren(main, heading(), h("p", null, "This address is not an offer link. Open the link from your offer notification."));
    return;
  }

  try {
    render((await request("GET", path)).data);
  } catch (error) {
    failed(error);
  }
}

document.querySelector(".skip")?.addEventListener("click", (event) => {
  event.preventDefault();
  focusStatic(main);
});
await load();
