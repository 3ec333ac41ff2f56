"use strict";
// Fixes applied to @vercel/cosmosdb-server 1.0.1 in this process, before its routes are loaded.
// Each fix is explained in README.md. The server's internals are used directly: the version is pinned exactly.
const lib = require("path").dirname(require.resolve("@vercel/cosmosdb-server/lib/index.js"));
const { parsePartitionKey } = require(`${lib}/utils/get-partition-from-header`);
const getValue = require(`${lib}/utils/get-value`).default;
const ttl = require("./ttl");

const NOT_FOUND = { code: "NotFound", message: "Entity with the specified id does not exist in the system." };

function partitionHeader(req) {
  const header = req.headers["x-ms-documentdb-partitionkey"];
  return Array.isArray(header) ? header[0] : header;
}

// Point read of a missing document: the server dereferences null and answers 500. Answer 404, and hide
// (delete) an item whose TTL has passed, as Cosmos does.
function existingOr404(handler) {
  return (account, req, res, params) => {
    const collection = account.database(params.dbId).collection(params.collId);
    if (collection.read()) {
      const doc = collection.document(params.docId, parsePartitionKey(partitionHeader(req) || "[]", params.docId));
      const data = doc.read();
      if (!data || ttl.purgeIfExpired(collection, data)) {
        res.statusCode = 404;
        return { ...NOT_FOUND };
      }
    }
    return handler(account, req, res, params);
  };
}

// Writing a document into a container that does not exist: the server dereferences the missing container and
// answers 500. Answer 404, as Cosmos does.
function containerOr404(handler) {
  return (account, req, res, params) => {
    if (!account.database(params.dbId).collection(params.collId).read()) {
      res.statusCode = 404;
      return { ...NOT_FOUND };
    }
    return handler(account, req, res, params);
  };
}

// Queries: run against the partition named by the x-ms-documentdb-partitionkey header (the SDK scopes queries
// by header, not by query text); without the header and with cross-partition enabled, against every item.
async function queryDocuments(account, req, res, { dbId, collId }, body) {
  const collection = account.database(dbId).collection(collId);
  if (!collection.read()) {
    res.statusCode = 404;
    return { ...NOT_FOUND };
  }
  const items = collection.documents;
  const header = partitionHeader(req);
  const scoped = header && header !== "[{}]" && header !== "[]";
  const pkValue = scoped ? JSON.parse(header)[0] : undefined;
  const path = items._getPartitionKeyPath();
  const data = [...items._data.values()]
    .map(item => item.read())
    .filter(d => !ttl.isExpired(collection, d))
    .filter(d => !scoped || getValue(path, d) === pkValue);
  const maxItemCount = req.headers["x-ms-max-item-count"] ? parseInt(req.headers["x-ms-max-item-count"], 10) : undefined;
  const continuationHeader = req.headers["x-ms-continuation"];
  const continuation = continuationHeader ? JSON.parse(continuationHeader) : undefined;
  let result;
  try {
    result = items._getQuery(body.query).exec(data, {
      parameters: body.parameters,
      udf: items._userDefinedFunctions(),
      maxItemCount: maxItemCount > 0 ? maxItemCount : undefined,
      continuation,
      compositeIndexes: []
    });
  } catch (err) {
    res.statusCode = 400;
    return { code: "BadRequest", message: err.message };
  }
  if (result.continuation) {
    res.setHeader("x-ms-continuation", JSON.stringify(result.continuation));
  }
  res.setHeader("x-ms-item-count", String(result.result.length));
  return { _rid: collection.read()._rid, Documents: result.result, _count: result.result.length };
}

function install() {
  for (const name of ["read-document", "delete-document", "replace-document", "patch-document"]) {
    const mod = require(`${lib}/handler/${name}`);
    mod.default = existingOr404(mod.default);
  }
  for (const name of ["create-document", "upsert-document"]) {
    const mod = require(`${lib}/handler/${name}`);
    mod.default = containerOr404(mod.default);
  }
}

module.exports = { install, queryDocuments, lib };
