#!/bin/bash
# Creates the app's key secrets named in SECRET_NAMES the first time: each is 32 random bytes, base64-encoded.
# Bicep passes the blind-index key, which keys the hashes used to look up encrypted fields. The key-encryption
# keys (one secret per epoch) are the app's to create and retire: see docs/security.md.
# An existing secret is left alone, so redeploying never replaces a key behind the app's back
# (the blind-index key is never rotated).
#
# Runs in a deploymentScript container as a dedicated identity whose only permissions are
# Microsoft.KeyVault/vaults/secrets/read and /write at the management plane (Azure Resource Manager).
# Management-plane calls work whatever the vault's network rules are, and they never return a secret's value.
# Each value is generated here, written from a private temporary file, and never printed.
set -euo pipefail

: "${VAULT_ID:?VAULT_ID is required}"
: "${SECRET_NAMES:?SECRET_NAMES is required (space-separated)}"
api_version="2024-11-01"
attempts=30

umask 077
body_file="$(mktemp)"
trap 'rm -f "$body_file"' EXIT

create_if_missing() {
  local name="$1"
  local secret_url="${VAULT_ID}/secrets/${name}?api-version=${api_version}"
  local attempt output

  # A fresh role assignment can take a few minutes to apply: retry while access is denied.
  for attempt in $(seq 1 "$attempts"); do
    if output="$(az rest --method get --url "$secret_url" --output none 2>&1)"; then
      echo "Secret '${name}' already exists: left unchanged."
      return 0
    fi
    if grep -qiE 'NotFound|\(404\)' <<<"$output"; then
      break
    fi
    if grep -qiE 'AuthorizationFailed|Forbidden|\(403\)' <<<"$output" && [ "$attempt" -lt "$attempts" ]; then
      echo "Waiting for the role assignment to apply (attempt ${attempt})..."
      sleep 20
      continue
    fi
    echo "Could not check for secret '${name}': ${output}" >&2
    return 1
  done

  printf '{"properties":{"value":"%s","contentType":"application/octet-stream;base64","attributes":{"enabled":true}}}' \
    "$(openssl rand -base64 32)" >"$body_file"
  az rest --method put --url "$secret_url" --body "@${body_file}" --output none
  : >"$body_file"
  echo "Secret '${name}' created."
}

for name in $SECRET_NAMES; do
  create_if_missing "$name"
done
