// Who the patient is. Locally: the local host's development sign-in (POST /dev/token, role patient). In Azure:
// Microsoft Entra ID through MSAL.js (config.js "entra"; docs/deploy.md). The token lives in this tab only.
import config from "/config.js";
import { request } from "./api.js";

const SESSION = "booking.session";
const entra = config.signIn === "entra";

export const signInKind = entra ? "entra" : "development";

let msalPromise = null;

function readSession() {
  try {
    const session = JSON.parse(sessionStorage.getItem(SESSION) ?? "null");
    if (session && session.expiresAt && session.expiresAt * 1000 <= Date.now()) {
      sessionStorage.removeItem(SESSION);
      return null;
    }

    return session;
  } catch {
    return null;
  }
}

/** The "exp" claim of a JWT (seconds), read only to know when to ask again; the API checks the signature. */
function expiry(token) {
  try {
    const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(atob(payload)).exp ?? null;
  } catch {
    return null;
  }
}

/** { name } of the signed-in patient, or null. */
export async function currentUser() {
  if (entra) {
    const account = (await msal())?.getActiveAccount();
    return account ? { name: account.name || account.username } : null;
  }

  const session = readSession();
  return session ? { name: session.name } : null;
}

/** The bearer token for the API, or null when nobody is signed in. */
export async function accessToken() {
  if (!entra) {
    return readSession()?.token ?? null;
  }

  const app = await msal();
  const account = app?.getActiveAccount();
  if (!account) {
    return null;
  }

  const scopes = [config.entra.apiScope];
  try {
    return (await app.acquireTokenSilent({ scopes, account })).accessToken;
  } catch (error) {
    if (error instanceof window.msal.InteractionRequiredAuthError) {
      await app.acquireTokenRedirect({ scopes, account });
    }

    throw error;
  }
}

/** Development sign-in as a patient named <subject> (1 to 128 characters). */
export async function signInForDevelopment(subject) {
  const { data } = await request("POST", "/dev/token", { body: { subject, role: "patient" } });
  sessionStorage.setItem(SESSION, JSON.stringify({ token: data.accessToken, name: subject, expiresAt: expiry(data.accessToken) }));
}

/** Entra ID sign-in: leaves for Microsoft's sign-in page and comes back here (redirect.html relays the answer). */
export async function signInWithEntra() {
  await (await msal()).loginRedirect({ scopes: [config.entra.apiScope] });
}

export async function signOut() {
  sessionStorage.removeItem(SESSION);
  if (entra) {
    const app = await msal();
    await app?.logoutRedirect({ account: app.getActiveAccount(), postLogoutRedirectUri: new URL("/", location.origin).href });
  }
}

/** Forgets a token the API refused (401): expired or signed by another key. */
export function forgetRefusedToken() {
  sessionStorage.removeItem(SESSION);
}

function msal() {
  msalPromise ??= (async () => {
    await loadScript(config.entra.msalScript);
    const app = await window.msal.PublicClientApplication.createPublicClientApplication({
      auth: {
        clientId: config.entra.clientId,
        authority: `https://login.microsoftonline.com/${config.entra.tenantId}`,
        redirectUri: new URL(config.entra.redirectPath, location.origin).href,
      },
      cache: { cacheLocation: "sessionStorage" },
    });
    const result = await app.handleRedirectPromise();
    if (result?.account) {
      app.setActiveAccount(result.account);
    } else if (!app.getActiveAccount() && app.getAllAccounts().length > 0) {
      app.setActiveAccount(app.getAllAccounts()[0]);
    }

    return app;
  })();
  return msalPromise;
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`Cannot load ${src}: run "npm run vendor" in web/ (docs/deploy.md).`));
    document.head.append(script);
  });
}
