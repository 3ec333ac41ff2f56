// Calls the API: JSON in, JSON out; a failure is an ApiProblem carrying the RFC 9457 problem the API sent.
import config from "/config.js";

export class ApiProblem extends Error {
  constructor(status, problem, retryAfter) {
    super(problem?.title ?? `Request failed (${status})`);
    this.status = status;
    this.type = problem?.type ?? null;
    this.title = problem?.title ?? `The request failed (${status}).`;
    this.detail = problem?.detail ?? null;
    this.errors = problem?.errors && typeof problem.errors === "object" ? problem.errors : {};
    this.retryAfter = retryAfter;
  }

  /** The problem's code: "slot-taken" for https://booking.example/problems/slot-taken. */
  get code() {
    return this.type ? this.type.split("/").pop() : null;
  }
}

/** The API's origin ("" = this page's), then the path. */
export function apiUrl(path) {
  return `${(config.apiBaseUrl ?? "").replace(/\/+$/, "")}${path}`;
}

/** A path with query parameters, leaving out empty ones. */
export function withQuery(path, query) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== "") {
      search.set(name, value);
    }
  }

  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

export async function request(method, path, { body, token, idempotencyKey } = {}) {
  const headers = { Accept: "application/json, application/problem+json" };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
  }

  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }

  if (idempotencyKey) {
    headers["Idempotency-Key"] = idempotencyKey;
  }

  let response;
  try {
    response = await fetch(apiUrl(path), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      // Bearer tokens, never cookies; and no Referer, which on the manage page would carry the link's token.
      credentials: "omit",
      referrerPolicy: "no-referrer",
      cache: "no-store",
    });
  } catch {
    throw new ApiProblem(0, {
      title: "The booking service cannot be reached.",
      detail: "Check your connection and try again. If this page is served from another address than the API, the API must allow that address (CORS).",
    });
  }

  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }

  if (!response.ok) {
    throw new ApiProblem(response.status, data && typeof data === "object" ? data : null, response.headers.get("Retry-After"));
  }

  return { status: response.status, data, location: response.headers.get("Location") };
}

/** A fresh Idempotency-Key: 32 hex characters from the browser's random source. */
export function newIdempotencyKey() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
