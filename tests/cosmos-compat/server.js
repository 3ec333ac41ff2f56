#!/usr/bin/env node
"use strict";
// A Cosmos DB-protocol server for tests and the local host: @vercel/cosmosdb-server 1.0.1 in this process,
// with the fixes in README.md. Usage: node server.js [--port 0] [--host 127.0.0.1] [--no-ssl]
//   [--cert FILE --key FILE]   serve HTTPS with this certificate instead of the package's self-signed one
//   [--aad-jwks FILE [--aad-audience AUD] [--aad-issuer ISS]]   accept only Entra ID tokens signed by these keys (aad.js)
// Prints "Ready to accept HTTPS connections at HOST:PORT" once listening; port 0 picks a free one.
// Throttling on demand and the record of requests: /_compat/ routes (throttle.js).
const fs = require("fs");
const http = require("http");
const https = require("https");
const path = require("path");
const crypto = require("crypto");
const patches = require("./patches");
const queryPlan = require("./query-plan");
const ttl = require("./ttl");
const aad = require("./aad");
const throttle = require("./throttle");

patches.install(); // before the routes are loaded: they capture the handlers
const Account = require(`${patches.lib}/account`).default;
const route = require(`${patches.lib}/routes`).default;

function parseArgs(argv) {
  const args = { port: 0, host: "127.0.0.1", ssl: true };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === "--port" || argv[i] === "-p") args.port = parseInt(argv[(i += 1)], 10);
    else if (argv[i] === "--host") args.host = argv[(i += 1)];
    else if (argv[i] === "--no-ssl") args.ssl = false;
    else if (argv[i] === "--cert") args.cert = argv[(i += 1)];
    else if (argv[i] === "--key") args.key = argv[(i += 1)];
    else if (argv[i] === "--aad-jwks") args.jwksFile = argv[(i += 1)];
    else if (argv[i] === "--aad-audience") args.audience = argv[(i += 1)];
    else if (argv[i] === "--aad-issuer") args.issuer = argv[(i += 1)];
  }
  return args;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", c => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

const isDocsQuery = (req, routed) =>
  routed && req.method === "POST" && routed[1] === require(`${patches.lib}/handler/query-documents`).default;

async function dispatch(account, req, res, authorization, record) {
  const refused = aad.check(authorization, req);
  if (refused) {
    req.compatKind = "refused";
    res.statusCode = refused.status;
    return refused.body;
  }
  const rule = throttle.take(record);
  if (rule) {
    req.compatKind = "throttled";
    return throttle.answer(rule, res, req.activityId);
  }
  const routed = route(req);
  if (queryPlan.isQueryPlanRequest(req)) {
    req.compatKind = "query-plan";
    return queryPlan.answer(JSON.parse((await readBody(req)) || "{}"), res);
  }
  if (isDocsQuery(req, routed)) {
    req.compatKind = "query";
    return patches.queryDocuments(account, req, res, routed[0], JSON.parse((await readBody(req)) || "{}"));
  }
  if (!routed) {
    res.statusCode = 400;
    return { message: "no route" };
  }
  const [params, handler] = routed;
  return handler(account, req, res, params);
}

const log = process.env.COSMOS_COMPAT_LOG === "1";

// The server's own request handler, with keep-alive (it always answered "Connection: close"); the control routes of
// throttle.js beside it.
function handle(account, req, res, authorization) {
  if (throttle.isControl(req)) {
    throttle.control(req, res).catch(err => {
      console.error(err);
      res.statusCode = 500;
      res.end();
    });
    return;
  }
  const record = throttle.arrive(req);
  req.activityId = crypto.randomUUID();
  dispatch(account, req, res, authorization, record)
    .catch(err => {
      console.error(err);
      res.statusCode = 500;
      return { message: err.message };
    })
    .then(body => {
      const payload = body || {};
      if (res.statusCode > 399 && !payload.message) payload.message = "";
      if (payload._etag) res.setHeader("etag", payload._etag);
      res.setHeader("content-type", "application/json");
      res.setHeader("x-ms-activity-id", req.activityId);
      res.setHeader("x-ms-request-charge", "1");
      res.setHeader("content-location", `https://${req.headers.host}${req.url}`);
      // As the server does: an incremental feed (the SDK's partition-key-range reads) ends with 304 on its second read.
      if (req.headers["a-im"] && res.statusCode === 200) {
        if (req.headers["if-none-match"]) res.statusCode = 304;
        res.setHeader("etag", "1");
      }
      if (log) console.error(`${req.method} ${req.url} ${req.compatKind || ""} -> ${res.statusCode}`);
      throttle.answered(record, res.statusCode);
      res.end(res.statusCode === 204 || res.statusCode === 304 ? undefined : JSON.stringify(payload));
    });
}

function start({ port, host, ssl, cert, key, jwksFile, audience, issuer }) {
  let account;
  const authorization = aad.load({ jwksFile, audience, issuer });
  const listener = (req, res) => handle(account, req, res, authorization);
  const tls = {
    cert: fs.readFileSync(cert || path.join(patches.lib, "..", "cert.pem")),
    key: fs.readFileSync(key || path.join(patches.lib, "..", "key.pem"))
  };
  const server = ssl ? https.createServer(tls, listener) : http.createServer(listener);
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  server.listen(port, host, () => {
    const address = server.address();
    account = new Account(host, address.port);
    setInterval(() => ttl.sweep(account), 1000).unref();
    console.log(`Ready to accept HTTP${ssl ? "S" : ""} connections at ${host}:${address.port}`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  return server;
}

if (require.main === module) {
  start(parseArgs(process.argv.slice(2)));
}

module.exports = { start };
