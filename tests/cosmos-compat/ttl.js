"use strict";
// Per-item TTL as Cosmos applies it: only in containers with a defaultTtl (-1 = items expire only by their own
// ttl); an item expires ttl seconds after its last write (_ts). Expired items read as absent at once and are
// deleted by a sweep, as Cosmos's background deletion does.

function effectiveTtl(collection, data) {
  const meta = collection.read();
  if (!meta || meta.defaultTtl === undefined || meta.defaultTtl === null) {
    return undefined;
  }
  const ttl = typeof data.ttl === "number" ? data.ttl : meta.defaultTtl;
  return ttl > 0 ? ttl : undefined;
}

function isExpired(collection, data, nowSeconds = Date.now() / 1000) {
  const ttl = effectiveTtl(collection, data);
  return ttl !== undefined && data._ts + ttl <= nowSeconds;
}

function purgeIfExpired(collection, data) {
  if (!isExpired(collection, data)) {
    return false;
  }
  const partition = collection.documents._getPartition(data);
  collection.documents.delete(data.id, partition);
  return true;
}

function sweep(account) {
  let removed = 0;
  for (const database of account.databases._data.values()) {
    const db = account.database(database.read().id);
    for (const entry of db.collections._data.values()) {
      const collection = db.collection(entry.read().id);
      for (const item of [...collection.documents._data.values()]) {
        if (purgeIfExpired(collection, item.read())) {
          removed += 1;
        }
      }
    }
  }
  return removed;
}

module.exports = { isExpired, purgeIfExpired, sweep };
