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

// The dose on screen is always for the inputs on screen (decisions.md, "Page state"). Every field carries
// data-field (its API name) and data-value (the value the server last calculated from). The result card's
// data-current is "true" only while the live connection is up (or not yet started) and every field shows what the
// server calculated from; an edit that has not reached the server yet, or a dropped connection, makes it "false".
// While the connection is down editing waits (the fields are read-only); once it is back, every field that differs
// from what the server has is sent again, so what the fields show is what the result, the address and the chart
// note are for.
(() => {
  let connected = true;
  const fields = () => document.querySelectorAll("[data-testid=calculator] form [data-field][data-value]");
  const shown = (el) => {
    if (el.type === "checkbox") return el.checked ? "true" : "false";
    // A select shows nothing else for a value it has no option for (a hand-edited address): nothing to send.
    if (el.tagName === "SELECT" && !Array.from(el.options).some((o) => o.value === el.getAttribute("data-value"))) return el.getAttribute("data-value");
    return el.value;
  };
  const stale = () => Array.from(fields()).filter((el) => shown(el) !== el.getAttribute("data-value"));
  const check = () => {
    const current = connected && stale().length === 0 ? "true" : "false";
    for (const el of document.querySelectorAll("[data-testid=recommendation], [data-current]")) {
      if (el.getAttribute("data-current") !== current) el.setAttribute("data-current", current);
    }
    address();
    title();
  };
  const plain = (address) => {
    try { return decodeURIComponent(address.replace(/\+/g, " ")); } catch { return address; }
  };
  // The address bar follows the inputs the server calculated from (data-address), once the live connection is up.
  const address = () => {
    const root = document.querySelector("[data-testid=calculator][data-interactive=true][data-address]");
    const wanted = root && connected ? root.getAttribute("data-address") : null;
    if (wanted && plain(location.pathname + location.search) !== plain(wanted)) window.baricitinib.replaceAddress(wanted);
  };
  // The page title says when inputs need correcting, with how many (GOV.UK pattern: "Error: …").
  const title = () => {
    const base = document.title.replace(/^Error: \d+ inputs? to correct – /, "");
    const card = document.querySelector("[data-testid=recommendation]");
    const errors = card && card.getAttribute("data-status") === "invalid"
      ? card.querySelectorAll("[data-testid=error-summary] li[data-field]").length : 0;
    const wanted = errors > 0 ? `Error: ${errors} input${errors === 1 ? "" : "s"} to correct – ${base}` : base;
    if (document.title !== wanted) document.title = wanted;
  };
  const wait = (waiting) => {
    for (const el of fields()) {
      const text = el.tagName === "INPUT" && el.type !== "checkbox";
      if (waiting && !el.hasAttribute("data-waiting")) {
        if (text ? el.readOnly : el.disabled) continue; // already so for its own reason
        el.setAttribute("data-waiting", "");
        if (text) el.readOnly = true; else el.disabled = true;
      } else if (!waiting && el.hasAttribute("data-waiting")) {
        el.removeAttribute("data-waiting");
        if (text) el.readOnly = false; else el.disabled = false;
      }
    }
  };
  window.baricitinib.connectionDown = () => {
    connected = false;
    wait(true);
    check();
  };
  window.baricitinib.connectionUp = () => {
    connected = true;
    wait(false);
    // Edits made while the connection was down (or lost as it dropped) are sent now, in the page's order.
    for (const el of stale()) {
      el.dispatchEvent(new Event(el.tagName === "INPUT" && el.type !== "checkbox" ? "input" : "change", { bubbles: true }));
    }
    check();
  };
  window.baricitinib.isCurrent = () => connected && stale().length === 0;
  // For QA scripts: the fields whose shown value the server has not calculated from yet.
  window.baricitinib.staleFields = () => (connected ? [] : ["(the live connection is down)"]).concat(stale().map((el) => `${el.getAttribute("data-field")}: shown "${shown(el)}", calculated "${el.getAttribute("data-value")}"`));
  document.addEventListener("input", check, true);
  document.addEventListener("change", check, true);
  const start = () => {
    // The whole body: once the live connection starts, Blazor replaces the prerendered calculator with its own.
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-value", "data-current", "data-status", "data-address", "data-interactive"] });
    check();
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
  document.documentElement.classList.add("js");
})();

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
