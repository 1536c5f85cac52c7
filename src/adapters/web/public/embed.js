// Lotse chat widget. One line on a website whose origin is in Lotse's EMBED_ORIGINS:
//   <script src="https://lotse.example.org/embed.js" async></script>
// adds a chat button that opens the Lotse web chat in a panel. The chat's address is taken from
// this script's own src. Nothing of the host page is read but its language and direction; styles
// are set through the DOM, which a host page's Content-Security-Policy allows where inline
// styles may be forbidden. The chat loads only when the panel is first opened.
(() => {
  "use strict";
  /** Labels in every interface language, filled in by the server. */
  const STRINGS = /*LOTSE_STRINGS*/ {};
  const script = document.currentScript || document.querySelector('script[src$="/embed.js"]');
  if (!script || !script.src || window.__lotseEmbed) return;
  window.__lotseEmbed = true;

  const chatUrl = new URL("./", script.src).href;
  const root = document.documentElement;
  const lang = (root.lang || navigator.language || "de").slice(0, 2).toLowerCase();
  const text = STRINGS[lang] || STRINGS.de || {};
  const rtl = getComputedStyle(root).direction === "rtl";
  const side = rtl ? "left" : "right";
  const phone = matchMedia("(max-width: 480px)");
  const TOP = "2147483000";

  function make(tag, attrs, style) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    Object.assign(node.style, style || {});
    return node;
  }

  // A speech bubble, drawn without markup strings (a host page may enforce Trusted Types).
  function icon() {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "28");
    svg.setAttribute("height", "28");
    svg.setAttribute("aria-hidden", "true");
    const path = document.createElementNS(ns, "path");
    path.setAttribute("d", "M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H11l-4.5 4v-4A2.5 2.5 0 0 1 4 13.5z");
    path.setAttribute("fill", "#fff");
    svg.append(path);
    return svg;
  }

  const bubble = make("button", { type: "button", "aria-label": text.open || "Lotse", "aria-expanded": "false", "aria-controls": "lotse-chat-panel", "data-lotse": "bubble" }, {
    position: "fixed", bottom: "20px", [side]: "20px", width: "56px", height: "56px", borderRadius: "50%", border: "0", margin: "0", padding: "0",
    background: "#1d4ed8", boxShadow: "0 4px 14px rgba(0,0,0,.25)", cursor: "pointer", zIndex: TOP, display: "flex", alignItems: "center", justifyContent: "center",
  });
  bubble.append(icon());

  const panel = make("div", { id: "lotse-chat-panel", role: "dialog", "aria-label": text.title || "Lotse", "data-lotse": "panel", dir: rtl ? "rtl" : "ltr" }, {
    position: "fixed", zIndex: TOP, display: "none", flexDirection: "column", background: "#fff", overflow: "hidden", boxShadow: "0 8px 30px rgba(0,0,0,.3)",
  });
  const bar = make("div", {}, { display: "flex", alignItems: "center", gap: "8px", padding: "6px 8px 6px 12px", background: "#1d4ed8", color: "#fff", font: "600 15px/1.3 system-ui, sans-serif" });
  const title = make("span", {}, { flex: "1" });
  title.textContent = text.title || "Lotse";
  // Where a browser keeps cookies from a frame apart (or refuses them), the chat still works in its own tab.
  const away = make("a", { href: chatUrl, target: "_blank", rel: "noopener" }, { color: "#fff", fontWeight: "400", fontSize: "13px" });
  away.textContent = text.newWindow || "↗";
  const close = make("button", { type: "button", "aria-label": text.close || "×", "data-lotse": "close" }, {
    border: "0", background: "transparent", color: "#fff", font: "24px/1 system-ui, sans-serif", width: "40px", height: "40px", cursor: "pointer", margin: "0",
  });
  close.textContent = "×";
  bar.append(title, away, close);
  panel.append(bar);
  let frame = null;

  // A phone gets the whole screen; a larger screen a panel above the button.
  function place() {
    const full = phone.matches;
    Object.assign(panel.style, full
      ? { top: "0", bottom: "0", left: "0", right: "0", width: "100%", height: "100%", borderRadius: "0" }
      : { top: "auto", bottom: "88px", left: side === "left" ? "20px" : "auto", right: side === "right" ? "20px" : "auto", width: "380px", height: "min(640px, calc(100vh - 110px))", borderRadius: "12px" });
    bubble.style.display = full && isOpen() ? "none" : "flex";
  }

  function isOpen() {
    return panel.style.display !== "none";
  }

  function open() {
    if (!frame) {
      frame = make("iframe", { src: chatUrl, title: text.title || "Lotse", "data-lotse": "frame" }, { border: "0", width: "100%", flex: "1", background: "#f6f7f9" });
      panel.append(frame);
    }
    panel.style.display = "flex";
    bubble.setAttribute("aria-expanded", "true");
    place();
    frame.focus();
  }

  function hide() {
    panel.style.display = "none";
    bubble.setAttribute("aria-expanded", "false");
    place();
    bubble.focus();
  }

  bubble.addEventListener("click", () => (isOpen() ? hide() : open()));
  close.addEventListener("click", hide);
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") hide();
  });
  phone.addEventListener("change", place);
  place();

  const mount = () => document.body.append(panel, bubble);
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount, { once: true });
})();
