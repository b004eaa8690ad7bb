// GOV.UK Frontend's check, run before the page paints: its styles for scripted components
// apply only in browsers that can run its modules. A file, not inline, so the Content
// Security Policy needs no nonce or 'unsafe-inline' for it.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
