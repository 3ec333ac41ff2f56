// Search practitioners by city (required) and specialty; each hit shows its first free times.
import { withQuery, request } from "../api.js";
import { focusStatic, h, replaceChildren } from "../dom.js";
import { range, time, shortDay } from "../format.js";
import { problemBox, clearFieldErrors } from "../problem.js";
import { rememberPractitioner, rememberSlot } from "../store.js";

export async function render(main, _match, params, app) {
  const city = params.get("city") ?? "";
  const specialty = params.get("specialty") ?? "";
  const results = h("section", { "aria-labelledby": "results-heading", class: "results" });
  const form = h("form", { class: "search", role: "search", novalidate: true },
    h("div", { class: "field" },
      h("label", { for: "f-city" }, "City"),
      h("input", { id: "f-city", name: "city", value: city, required: true, maxlength: "80", autocomplete: "address-level2" })),
    h("div", { class: "field" },
      h("label", { for: "f-specialty" }, "Specialty ", h("span", { class: "optional" }, "(optional)")),
      h("input", { id: "f-specialty", name: "specialty", value: specialty, maxlength: "80" })),
    h("button", { type: "submit", class: "primary" }, "Search"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const next = withQuery("#/", { city: form.elements.city.value.trim(), specialty: form.elements.specialty.value.trim() });
    app.navigate(next);
  });

  replaceChildren(main,
    h("h1", null, "Find a practitioner"),
    h("p", { class: "lead" }, "Search by city, then pick a free time. City and specialty match without regard to case, accents, apostrophes or hyphens."),
    form, results);

  if (!city) {
    return;
  }

  await showPage(results, form, { city, specialty }, null, app);
  focusStatic(results.querySelector("#results-heading"));
}

async function showPage(results, form, query, cursor, app) {
  let page;
  try {
    page = (await request("GET", withQuery("/api/practitioners", { ...query, cursor }))).data;
  } catch (error) {
    clearFieldErrors(form);
    replaceChildren(results, h("h2", { id: "results-heading" }, "No results"), problemBox(error, form));
    return;
  }

  const items = page.items ?? [];
  let list = results.querySelector("ul.hits");
  if (!cursor) {
    list = h("ul", { class: "hits" });
    const where = query.specialty ? `${query.specialty} in ${query.city}` : query.city;
    replaceChildren(results,
      h("h2", { id: "results-heading" }, items.length ? `Practitioners: ${where}` : `No practitioner found: ${where}`),
      items.length ? list : h("p", null, "Check the spelling of the city, or search without a specialty."));
  }

  for (const hit of items) {
    rememberPractitioner(hit);
    list.append(hitCard(hit));
  }

  results.querySelector(".more")?.remove();
  if (page.next) {
    const more = h("button", { type: "button", class: "more secondary" }, "More practitioners");
    more.addEventListener("click", async () => {
      const count = list.children.length;
      more.disabled = true;
      await showPage(results, form, query, page.next, app);
      focusStatic(list.children[count]?.querySelector("h3"));
    });
    results.append(more);
  }

  app.status(cursor ? `${items.length} more practitioners shown.` : `${items.length} practitioner${items.length === 1 ? "" : "s"} found${page.next ? ", more available" : ""}.`);
}

function hitCard(hit) {
  const headingId = `hit-${hit.practitionerId}`;
  const slots = hit.firstFreeSlots ?? [];
  return h("li", null, h("article", { class: "card", "aria-labelledby": headingId },
    h("h3", { id: headingId }, hit.displayName),
    h("p", { class: "meta" }, `${hit.specialty} · ${hit.city}`),
    slots.length
      ? h("div", null,
        h("p", { class: "label" }, "First free times"),
        h("ul", { class: "slot-grid" }, slots.map((slot) => h("li", null, h("a", {
          class: "slot",
          href: `#/book/${encodeURIComponent(slot.slotId)}`,
          "aria-label": `${shortDay(slot.start)} ${time(slot.start)}, ${range(slot.start, slot.end)} with ${hit.displayName}`,
          onclick: () => rememberSlot(slot, hit.practitionerId),
        }, h("span", { class: "slot-day" }, shortDay(slot.start)), " ", time(slot.start))))))
      : h("p", null, "No free time in the next days."),
    h("p", null, h("a", { href: `#/practitioners/${encodeURIComponent(hit.practitionerId)}/slots` }, `All free times with ${hit.displayName}`))));
}
