#!/bin/bash
# Creates the key-encryption key (KEK) secret the first time: 32 random bytes, base64-encoded.
# An existing secret is left alone, so redeploying never rotates the KEK behind the app's back
# (rotation is deliberate: see docs/deploy.md).
#
# Runs in a deploymentScript container as a dedicated identity whose only permissions are
# Microsoft.KeyVault/vaults/secrets/read and /write at the management plane (Azure Resource Manager).
# Management-plane calls work whatever the vault's network rules are, and they never return a secret's value.
# The value is generated here, written from a private temporary file, and never printed.
set -euo pipefail

: "${VAULT_ID:?VAULT_ID is required}"
: "${SECRET_NAME:?SECRET_NAME is required}"
api_version="2024-11-01"
secret_url="${VAULT_ID}/secrets/${SECRET_NAME}?api-version=${api_version}"

# A fresh role assignment can take a few minutes to apply: retry while access is denied.
for attempt in $(seq 1 30); do
  if output="$(az rest --method get --url "$secret_url" --output none 2>&1)"; then
    echo "KEK secret '${SECRET_NAME}' already exists: left unchanged."
    exit 0
  fi
  if grep -qiE 'NotFound|\(404\)' <<<"$output"; then
    break
  fi
  if grep -qiE 'AuthorizationFailed|Forbidden|\(403\)' <<<"$output" && [ "$attempt" -lt 30 ]; then
    echo "Waiting for the role assignment to apply (attempt ${attempt})..."
    sleep 20
    continue
  fi
  echo "Could not check for the KEK secret: ${output}" >&2
  exit 1
done

umask 077
body_file="$(mktemp)"
trap 'rm -f "$body_file"' EXIT
kek="$(openssl rand -base64 32)"
printf '{"properties":{"value":"%s","contentType":"application/octet-stream;base64","attributes":{"enabled":true}}}' "$kek" >"$body_file"
unset kek
az rest --method put --url "$secret_url" --body "@${body_file}" --output none
echo "KEK secret '${SECRET_NAME}' created."
