// Read by both pages at run time: edit it, or replace it when deploying (docs/deploy.md, "The web app"),
// without rebuilding anything.
export default {
  // Where the API is: "" for the origin this page is served from (the local host serves both), otherwise an origin
  // such as "https://func-abc123.azurewebsites.net". That origin must list this page's origin in its CORS settings.
  apiBaseUrl: "",

  // "development": the local host's development sign-in (POST /dev/token, patients only, never in Azure).
  // "entra": Microsoft Entra ID through MSAL.js, with the values below.
  signIn: "development",

  entra: {
    // The web app's own app registration (platform "Single-page application", redirect URI <site>/redirect.html).
    clientId: "",
    // The directory (tenant) id, or a verified domain of it.
    tenantId: "",
    // The scope the API's registration exposes (Expose an API), e.g. "api://booking-api/access_as_user".
    apiScope: "api://booking-api/access_as_user",
    // MSAL.js, served by this site (web/package.json copies it into web/vendor/): no page loads a script from elsewhere.
    msalScript: "/vendor/msal-browser.min.js",
    redirectPath: "/redirect.html",
  },
};
