"use strict";
// Microsoft Entra ID (AAD) authorization as Cosmos DB checks it when local (key) auth is disabled, for tests that run
// the SDK with a TokenCredential. Off unless server.js is given --aad-jwks. The SDK sends
// `Authorization: type=aad&ver=1.0&sig=<JWT>` (URL-encoded) on every request and asks its credential for the scope
// `https://<account host>/.default`, so the expected audience is `https://<host of the request>` (no port) unless
// --aad-audience names one. Checked: RS256 signature by a key of the JWKS file (by kid), exp/nbf, audience, and the
// issuer when --aad-issuer is given. Not checked: Cosmos data-plane RBAC (role assignments, scopes).
const crypto = require("crypto");
const fs = require("fs");

function load({ jwksFile, audience, issuer }) {
  if (!jwksFile) return null;
  const { keys } = JSON.parse(fs.readFileSync(jwksFile, "utf8"));
  const byKid = new Map(keys.map(k => [k.kid, crypto.createPublicKey({ key: k, format: "jwk" })]));
  return { byKid, audience, issuer };
}

const b64url = s => Buffer.from(s, "base64url");

function refuse(status, code, message) {
  return { status, body: { code, message } };
}

// null when the request may go on; otherwise the status and the body to answer with.
function check(aad, req) {
  if (!aad) return null;
  const raw = decodeURIComponent(String(req.headers.authorization || ""));
  const params = new URLSearchParams(raw);
  if (params.get("type") === "master" || params.get("type") === "resource") {
    return refuse(403, "Forbidden", "Local Authorization is disabled. Use an AAD token to authorize all requests.");
  }
  if (params.get("type") !== "aad" || params.get("ver") !== "1.0" || !params.get("sig")) {
    return refuse(401, "Unauthorized", "Required Header authorization is missing or is not an AAD token (type=aad&ver=1.0&sig=...).");
  }
  const parts = params.get("sig").split(".");
  if (parts.length !== 3) return refuse(401, "Unauthorized", "The AAD token is not a JWT.");
  let header;
  let claims;
  try {
    header = JSON.parse(b64url(parts[0]).toString("utf8"));
    claims = JSON.parse(b64url(parts[1]).toString("utf8"));
  } catch {
    return refuse(401, "Unauthorized", "The AAD token is not a JWT.");
  }
  const key = aad.byKid.get(header.kid);
  if (header.alg !== "RS256" || !key) return refuse(401, "Unauthorized", "The AAD token is not signed by a trusted key.");
  const signed = Buffer.from(`${parts[0]}.${parts[1]}`, "ascii");
  if (!crypto.verify("RSA-SHA256", signed, key, b64url(parts[2]))) {
    return refuse(401, "Unauthorized", "The AAD token's signature is invalid.");
  }
  const now = Math.floor(Date.now() / 1000);
  if (typeof claims.exp !== "number" || claims.exp <= now || (typeof claims.nbf === "number" && claims.nbf > now + 300)) {
    return refuse(401, "Unauthorized", "The AAD token is expired or not yet valid.");
  }
  const host = String(req.headers.host || "").replace(/:\d+$/, "");
  const audience = aad.audience || `https://${host}`;
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.some(a => a === audience || a === `${audience}/`)) {
    return refuse(401, "Unauthorized", `The AAD token's audience is not ${audience}.`);
  }
  if (aad.issuer && claims.iss !== aad.issuer) return refuse(401, "Unauthorized", "The AAD token's issuer is not trusted.");
  return null;
}

module.exports = { load, check };
