// Small helpers the page calls through JS interop (no inline script: the Content-Security-Policy forbids it).
window.baricitinib = {
  copyText: (text) => navigator.clipboard.writeText(text),
  print: () => window.print(),
  timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
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
