"use strict";
// The SDK asks the gateway for a query plan (x-ms-cosmos-is-query-plan-request) before a query it cannot parse
// itself; the server treats it as a query and answers with documents, which the SDK cannot read. Answer with a
// plan for a plain query over the one partition key range. Queries that need a real plan (ORDER BY, TOP,
// OFFSET/LIMIT, DISTINCT, GROUP BY, aggregates) are refused with 400 rather than answered wrongly.
const UNSUPPORTED = /\b(ORDER\s+BY|TOP|OFFSET|LIMIT|DISTINCT|GROUP\s+BY|COUNT|SUM|AVG|MIN|MAX)\b/i;

function isQueryPlanRequest(req) {
  return String(req.headers["x-ms-cosmos-is-query-plan-request"] || "").toLowerCase() === "true";
}

function answer(body, res) {
  const query = String(body.query || "");
  if (UNSUPPORTED.test(query)) {
    res.statusCode = 400;
    return { code: "BadRequest", message: "cosmos-compat: this query needs a query plan the local server cannot make." };
  }
  return {
    partitionedQueryExecutionInfoVersion: 2,
    queryInfo: {
      distinctType: "None",
      top: null,
      offset: null,
      limit: null,
      orderBy: [],
      orderByExpressions: [],
      groupByExpressions: [],
      groupByAliases: [],
      aggregates: [],
      groupByAliasToAggregateType: {},
      rewrittenQuery: "",
      hasSelectValue: /^\s*SELECT\s+VALUE\b/i.test(query),
      dCountInfo: null,
      hasNonStreamingOrderBy: false
    },
    queryRanges: [{ min: "", max: "FF", isMinInclusive: true, isMaxInclusive: false }]
  };
}

module.exports = { isQueryPlanRequest, answer };
