// The reference web app (web/: static files, no build) as a Static Web App on the Free plan. It serves the files
// only: no managed functions, no sign-in of its own (the page signs in with Entra ID through MSAL.js), and the
// browser calls the Function App's API across origins, which main.bicep allows in the API's CORS settings.
// web/staticwebapp.config.json rewrites /manage/* to the manage page and sets the pages' security headers.
param name string

@description('Static Web Apps exist in a few regions only; the files are served from a global edge whatever the region.')
param location string
param tags object

resource site 'Microsoft.Web/staticSites@2024-11-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'web' })
  sku: {
    name: 'Free'
    tier: 'Free'
  }
  properties: {
    // Deployed with a deployment token (azd, the SWA CLI), not from a linked repository.
    allowConfigFileUpdates: true
    stagingEnvironmentPolicy: 'Disabled'
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostname
output origin string = 'https://${site.properties.defaultHostname}'
