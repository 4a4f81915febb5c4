// Small helpers the page calls through JS interop (no inline script: the Content-Security-Policy forbids it).
window.baricitinib = {
  copyText: (text) => navigator.clipboard.writeText(text),
  print: () => window.print(),
  timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
  // The inputs in the address bar without a navigation (no round trip, no second render); the history entry keeps
  // Blazor's own state. Only an address on this page's origin is accepted.
  replaceAddress: (address) => {
    const url = new URL(address, location.href);
    if (url.origin === location.origin) history.replaceState(history.state, "", url.href);
  },
};
document.addEventListener("click", (e) => {
  // Error summary: a link to a field moves focus to it (GOV.UK pattern).
  const focusLink = e.target instanceof Element ? e.target.closest("a[data-focus]") : null;
  if (focusLink) {
    const field = document.getElementById(focusLink.getAttribute("data-focus"));
    if (field) {
      e.preventDefault();
      field.focus();
      field.scrollIntoView({ block: "center" });
    }
    return;
  }
  if (e.target instanceof Element && e.target.closest("#blazor-error-ui .dismiss")) {
    document.getElementById("blazor-error-ui").style.display = "none";
  }
});
