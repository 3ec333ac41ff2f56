#!/usr/bin/env bash
# Deploys web/ to the Static Web App that infra/main.bicep created, signing in with Entra ID (docs/deploy.md,
# "The web app"). Usage: after `eval "$(azd env get-values)"`, `scripts/deploy-web.sh`; or, after
# `az deployment sub create --name NAME ...`, `scripts/deploy-web.sh NAME`.
# Needs the Azure CLI (signed in), Node.js 20+ and npm; BOOKING_WEB_CLIENT_ID (the web app registration's client id).
set -euo pipefail
cd "$(dirname "$0")/.."

output() {
  if [ -n "${1:-}" ] && [ -n "${deployment:-}" ]; then
    az deployment sub show --name "$deployment" --query "properties.outputs.$1.value" -o tsv
  fi
}

deployment="${1:-}"
rg="${AZURE_RESOURCE_GROUP:-$(output AZURE_RESOURCE_GROUP)}"
site="${SERVICE_WEB_NAME:-$(output SERVICE_WEB_NAME)}"
api="${SERVICE_API_URI:-$(output SERVICE_API_URI)}"
tenant="${AZURE_TENANT_ID:-$(output AZURE_TENANT_ID)}"
: "${rg:?no AZURE_RESOURCE_GROUP: run eval \"\$(azd env get-values)\" or pass the deployment name}"
: "${site:?no SERVICE_WEB_NAME}" "${api:?no SERVICE_API_URI}" "${tenant:?no AZURE_TENANT_ID}"
: "${BOOKING_WEB_CLIENT_ID:?set BOOKING_WEB_CLIENT_ID to the client id of the web app registration}"
scope="${BOOKING_API_SCOPE:-api://booking-api/access_as_user}"

(cd web && npm ci --no-audit --no-fund --loglevel=error && npm run --silent vendor)
rm -rf artifacts/web
mkdir -p artifacts/web
cp -r web/index.html web/manage.html web/offer.html web/redirect.html web/staticwebapp.config.json web/css web/js web/vendor artifacts/web/
cat > artifacts/web/config.js <<CONFIG
// Written by scripts/deploy-web.sh for $site.
export default {
  apiBaseUrl: "$api",
  signIn: "entra",
  entra: {
    clientId: "$BOOKING_WEB_CLIENT_ID",
    tenantId: "$tenant",
    apiScope: "$scope",
    msalScript: "/vendor/msal-browser.min.js",
    redirectPath: "/redirect.html",
  },
};
CONFIG

token=$(az staticwebapp secrets list --name "$site" --resource-group "$rg" --query properties.apiKey -o tsv)
npx --yes @azure/static-web-apps-cli@2.0.10 deploy artifacts/web --deployment-token "$token" --env production
echo "Deployed: https://$(az staticwebapp show --name "$site" --resource-group "$rg" --query defaultHostname -o tsv)"
