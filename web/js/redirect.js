// The Entra ID redirect URI: MSAL's bridge stores the answer and goes back to the page that started the sign-in.
window.msalRedirectBridge.broadcastResponseToMainFrame().catch(() => {
  document.querySelector("[role=status]").textContent = "Sign-in did not complete. Go back and try again.";
});
