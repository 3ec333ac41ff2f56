// The patient app: search -> free times -> book -> my appointments (reschedule, cancel). One page; each screen has
// its own address after "#/", so Back, reload and bookmarks work.
import { ApiProblem, request } from "./api.js";
import { accessToken, currentUser, forgetRefusedToken, signInForDevelopment, signInKind, signInWithEntra, signOut } from "./auth.js";
import { focusStatic, h, replaceChildren } from "./dom.js";
import { problemBox } from "./problem.js";
import * as search from "./views/search.js";
import * as slots from "./views/slots.js";
import * as book from "./views/book.js";
import * as appointments from "./views/appointments.js";

const main = document.getElementById("main");
const statusRegion = document.getElementById("status");
const account = document.getElementById("account");

const routes = [
  { pattern: /^\/$/, view: search.render, title: "Find a practitioner" },
  { pattern: /^\/practitioners\/([^/]+)\/slots$/, view: slots.render, title: "Free times" },
  { pattern: /^\/book\/([^/]+)$/, view: book.render, title: "Book", signIn: "Sign in to book this time." },
  { pattern: /^\/appointments$/, view: appointments.renderList, title: "My appointments", signIn: "Sign in to see your appointments." },
  { pattern: /^\/appointments\/([^/]+)$/, view: appointments.renderOne, title: "Appointment", signIn: "Sign in to see this appointment." },
  { pattern: /^\/appointments\/([^/]+)\/reschedule$/, view: slots.renderReschedule, title: "Reschedule", signIn: "Sign in to reschedule." },
];

let pendingStatus = null;

const app = {
  /** Says something in the live region (read out by screen readers, shown to everyone). */
  status(message) {
    statusRegion.textContent = "";
    // A change of text is what a live region announces: clear first, so the same message twice is read twice.
    setTimeout(() => { statusRegion.textContent = message; }, 50);
  },

  /** Goes to a screen and says <message> there. */
  navigate(hash, message) {
    pendingStatus = message ?? null;
    if (location.hash === hash) {
      route();
    } else {
      location.hash = hash;
    }
  },

  /** Calls the API as the signed-in patient; a 401 signs out and asks to sign in again. */
  async api(method, path, options = {}) {
    const token = await accessToken();
    try {
      return await request(method, path, { ...options, token });
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 401 && token) {
        forgetRefusedToken();
        await renderAccount();
        app.status("Your session has ended. Sign in again.");
      }

      throw error;
    }
  },

  focusHeading() {
    focusStatic(main.querySelector("h1"));
  },
};

async function route() {
  const hash = location.hash || "#/";
  if (!hash.startsWith("#/")) {
    return; // an in-page link (skip link, error summary): not a screen
  }

  const [path, query] = hash.slice(1).split("?");
  const params = new URLSearchParams(query ?? "");
  const found = routes.map((r) => ({ r, match: r.pattern.exec(path) })).find((x) => x.match);
  if (!found) {
    replaceChildren(main, h("h1", null, "Page not found"), h("p", null, h("a", { href: "#/" }, "Find a practitioner")));
    app.focusHeading();
    return;
  }

  const { r, match } = found;
  document.title = `${r.title} · Booking`;
  markCurrentNav(path);
  const message = pendingStatus;
  pendingStatus = null;
  if (r.signIn && !(await currentUser())) {
    renderSignIn(r.signIn);
  } else {
    replaceChildren(main, h("p", { class: "loading" }, "Loading…"));
    try {
      await r.view(main, match.slice(1).map(decodeURIComponent), params, app);
    } catch (error) {
      renderFailure(error);
    }
  }

  if (message) {
    app.status(message);
  } else {
    statusRegion.textContent = ""; // a message belongs to the screen it was said on
  }

  if (!main.contains(document.activeElement) || document.activeElement === main) {
    app.focusHeading();
  }
}

function renderFailure(error) {
  const problem = error instanceof ApiProblem ? error : new ApiProblem(0, { title: "Something went wrong.", detail: String(error?.message ?? error) });
  if (problem.status === 401) {
    renderSignIn("Sign in again to go on.");
    return;
  }

  replaceChildren(main, h("h1", null, "This did not work"), problemBox(problem), h("p", null, h("a", { href: "#/" }, "Find a practitioner")));
}

function markCurrentNav(path) {
  for (const link of document.querySelectorAll("nav a")) {
    const target = link.getAttribute("href").slice(1);
    const current = target === "/" ? path === "/" || path.startsWith("/practitioners") || path.startsWith("/book") : path.startsWith(target);
    if (current) {
      link.setAttribute("aria-current", "page");
    } else {
      link.removeAttribute("aria-current");
    }
  }
}

function renderSignIn(reason) {
  const heading = h("h1", null, "Sign in");
  if (signInKind === "entra") {
    replaceChildren(main, heading, h("p", null, reason),
      h("button", { type: "button", class: "primary", onclick: () => signInWithEntra() }, "Sign in with Microsoft"));
    return;
  }

  const errorSlot = h("div");
  const form = h("form", { class: "stack", novalidate: true },
    h("div", { class: "field" },
      h("label", { for: "f-subject" }, "Your name or patient id"),
      h("p", { class: "hint", id: "f-subject-hint" }, "Development sign-in of the local host: any name signs you in as that patient."),
      h("input", { id: "f-subject", name: "subject", autocomplete: "username", required: true, maxlength: "128", "aria-describedby": "f-subject-hint" })),
    h("button", { type: "submit", class: "primary" }, "Sign in"));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const subject = form.elements.subject.value.trim();
    replaceChildren(errorSlot);
    try {
      await signInForDevelopment(subject);
    } catch (error) {
      errorSlot.append(problemBox(error, form));
      return;
    }

    await renderAccount();
    pendingStatus = `Signed in as ${subject}.`;
    await route();
  });
  replaceChildren(main, heading, h("p", null, reason), errorSlot, form);
}

async function renderAccount() {
  const user = await currentUser().catch(() => null);
  if (!user) {
    replaceChildren(account);
    return;
  }

  replaceChildren(account,
    h("span", { class: "who" }, "Signed in as ", h("strong", null, user.name)),
    h("button", {
      type: "button", class: "link", onclick: async () => {
        await signOut();
        await renderAccount();
        app.navigate("#/", "Signed out.");
      },
    }, "Sign out"));
}

document.querySelector(".skip")?.addEventListener("click", (event) => {
  event.preventDefault();
  focusStatic(main);
});
window.addEventListener("hashchange", route);
await renderAccount();
await route();
