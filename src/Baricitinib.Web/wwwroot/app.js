// Small helpers the page calls through JS interop (no inline script: the Content-Security-Policy forbids it).
window.baricitinib = {
  copyText: (text) => navigator.clipboard.writeText(text),
  print: () => window.print(),
};
document.addEventListener("click", (e) => {
  if (e.target instanceof Element && e.target.closest("#blazor-error-ui .dismiss")) {
    document.getElementById("blazor-error-ui").style.display = "none";
  }
});
