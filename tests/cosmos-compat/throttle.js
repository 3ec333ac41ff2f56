"use strict";
// Rate limiting (429) on demand, and a record of when each request arrived: the local server never throttles, so what a
// client does when Cosmos DB answers "request rate is large" could not be tested without this. See README.md, Throttling.
//
// Control routes (under /_compat/, which is no Cosmos resource path; no authorization, as the server listens on loopback):
//   POST   /_compat/throttle      {count?, retryAfterMs?, substatus?, operation?, database?, container?, id?, partitionKey?}
//                                 -> 201 {rule}: the next `count` requests that match every field given (every one, until the
//                                 rule is removed, without `count`) are answered 429 before anything is read or written.
//   DELETE /_compat/throttle[/ID] -> 204: removes every rule (or one).
//   GET    /_compat/requests?since=SEQ -> 200 {requests: [...], last}: the requests after SEQ, oldest first (at least the
//                                 last 10,000 are kept). Times are milliseconds on the server's monotonic clock.
const { performance } = require("perf_hooks");

const KEPT = 10_000;
const DEFAULT_RETRY_AFTER_MS = 100;
// SubStatusCodes.RUBudgetExceeded: the request rate is above the provisioned (or serverless) throughput.
const DEFAULT_SUBSTATUS = 3200;
const THROTTLED_MESSAGE =
  'Message: {"Errors":["Request rate is large. More Request Units may be needed, so no changes were made. ' +
  'Please retry this request later. Learn more: http://aka.ms/cosmosdb-error-429"]}';
const MATCHED_FIELDS = ["operation", "database", "container", "id", "partitionKey"];

let rules = [];
let nextRule = 1;
const seen = [];
let nextSeq = 1;

const isTrue = (req, name) => String(req.headers[name] || "").toLowerCase() === "true";

function segments(url) {
  const path = url.split("?")[0].replace(/^\/+/, "").replace(/\/+$/, "");
  return path === "" ? [] : path.split("/").map(s => decodeURIComponent(s));
}

// What a request does, named as the adapter names its operations (create, read, replace, upsert, delete, patch, query);
// requests that are not about documents are "metadata" (databases, containers, partition-key ranges, the account).
function operationOf(req, parts) {
  const onDocs = parts[0] === "dbs" && parts[2] === "colls" && parts[4] === "docs";
  if (!onDocs) return "metadata";
  const oneDoc = parts.length === 6;
  if (req.method === "POST" && isTrue(req, "x-ms-cosmos-is-query-plan-request")) return "query-plan";
  if (req.method === "POST" && (isTrue(req, "x-ms-documentdb-isquery") || req.headers["content-type"] === "application/query+json")) {
    return "query";
  }
  if (req.method === "POST" && isTrue(req, "x-ms-documentdb-is-upsert")) return "upsert";
  if (req.method === "POST" && isTrue(req, "x-ms-cosmos-is-batch-request")) return "batch";
  if (req.method === "POST") return "create";
  if (req.method === "GET") return oneDoc ? "read" : "read-feed";
  if (req.method === "PUT") return "replace";
  if (req.method === "PATCH") return "patch";
  if (req.method === "DELETE") return "delete";
  return "metadata";
}

// The partition key value the SDK sends in x-ms-documentdb-partitionkey (a JSON array of one value), as a string.
function partitionKeyOf(req) {
  const header = req.headers["x-ms-documentdb-partitionkey"];
  if (!header) return null;
  try {
    const values = JSON.parse(Array.isArray(header) ? header[0] : header);
    return Array.isArray(values) && values.length === 1 && typeof values[0] !== "object" ? String(values[0]) : null;
  } catch {
    return null;
  }
}

/** Notes a request's arrival; the record is completed by answered(). */
function arrive(req) {
  const parts = segments(req.url);
  const record = {
    seq: nextSeq++,
    arrivedAt: performance.now(),
    answeredAt: null,
    method: req.method,
    path: req.url.split("?")[0],
    operation: operationOf(req, parts),
    database: parts[0] === "dbs" ? parts[1] || null : null,
    container: parts[2] === "colls" ? parts[3] || null : null,
    id: parts[4] === "docs" ? parts[5] || null : null,
    partitionKey: partitionKeyOf(req),
    status: null,
    throttled: false
  };
  seen.push(record);
  if (seen.length > 2 * KEPT) seen.splice(0, seen.length - KEPT); // trimmed now and then, not on every request
  return record;
}

function answered(record, status) {
  record.answeredAt = performance.now();
  record.status = status;
}

const matches = (rule, record) => MATCHED_FIELDS.every(f => rule[f] === undefined || rule[f] === record[f]);

/** The rule that throttles this request (and counts it), or null. */
function take(record) {
  const rule = rules.find(r => matches(r, record));
  if (!rule) return null;
  if (rule.remaining !== null) {
    rule.remaining -= 1;
    if (rule.remaining === 0) rules = rules.filter(r => r !== rule);
  }
  record.throttled = true;
  return rule;
}

/** A 429 as Cosmos DB's gateway sends it: the wait in x-ms-retry-after-ms, the reason in x-ms-substatus. Nothing is written. */
function answer(rule, res, activityId) {
  res.statusCode = 429;
  res.setHeader("x-ms-retry-after-ms", String(rule.retryAfterMs));
  res.setHeader("x-ms-substatus", String(rule.substatus));
  return { code: "TooManyRequests", message: `${THROTTLED_MESSAGE}\r\nActivityId: ${activityId}` };
}

function readJson(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", c => chunks.push(c));
    req.on("end", () => {
      try {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve(text ? JSON.parse(text) : {});
      } catch (err) {
        reject(err);
      }
    });
    req.on("error", reject);
  });
}

function reply(res, status, body) {
  res.statusCode = status;
  res.setHeader("content-type", "application/json");
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

function positiveInteger(value) {
  return Number.isInteger(value) && value > 0;
}

function addRule(body) {
  if (body.count !== undefined && body.count !== null && !positiveInteger(body.count)) return "count must be a positive integer";
  if (body.retryAfterMs !== undefined && !positiveInteger(body.retryAfterMs)) return "retryAfterMs must be a positive integer";
  if (body.substatus !== undefined && !Number.isInteger(body.substatus)) return "substatus must be an integer";
  const unknown = Object.keys(body).filter(k => !["count", "retryAfterMs", "substatus", ...MATCHED_FIELDS].includes(k));
  if (unknown.length > 0) return `unknown fields: ${unknown.join(", ")}`;
  const rule = {
    rule: nextRule++,
    remaining: body.count ?? null,
    retryAfterMs: body.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS,
    substatus: body.substatus ?? DEFAULT_SUBSTATUS
  };
  for (const field of MATCHED_FIELDS) {
    if (body[field] !== undefined && body[field] !== null) rule[field] = String(body[field]);
  }
  rules.push(rule);
  return rule;
}

const isControl = req => req.url.startsWith("/_compat/");

async function control(req, res) {
  const [, , resource, ruleId] = req.url.split("?")[0].split("/");
  const query = new URLSearchParams(req.url.split("?")[1] || "");
  if (resource === "throttle" && req.method === "POST") {
    let rule;
    try {
      rule = addRule(await readJson(req));
    } catch (err) {
      return reply(res, 400, { message: `the body is not JSON: ${err.message}` });
    }
    return typeof rule === "string" ? reply(res, 400, { message: rule }) : reply(res, 201, rule);
  }
  if (resource === "throttle" && req.method === "DELETE") {
    rules = ruleId ? rules.filter(r => String(r.rule) !== ruleId) : [];
    return reply(res, 204);
  }
  if (resource === "throttle" && req.method === "GET") return reply(res, 200, { rules });
  if (resource === "requests" && req.method === "GET") {
    const since = parseInt(query.get("since") || "0", 10) || 0;
    return reply(res, 200, { requests: seen.filter(r => r.seq > since), last: nextSeq - 1 });
  }
  return reply(res, 404, { message: "no such control route" });
}

module.exports = { arrive, answered, take, answer, isControl, control };
