// Lotse web chat. Every piece of text is inserted with textContent: user and bot text
// can never become markup here.
(() => {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const list = $("messages");
  const form = $("composer");
  const input = $("input");
  const select = $("language");
  const main = $("chat");
  const typing = $("typing");
  let cursor = 0;
  let strings = {};
  /** Requests on their way: the typing indicator shows while any is pending. */
  let pending = 0;
  /** The last message that got no answer: `body` keeps its id, so sending it again is handled once. */
  let failed = null;

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v;
      else node.setAttribute(k, v);
    }
    for (const child of children || []) node.append(child);
    return node;
  }

  function safeHref(href) {
    // Also a path on Lotse itself ("/kb/kita"), but not "//host" (another site).
    return /^(https?:|mailto:|\/(?![\/\\]))/i.test(href || "") ? href : null;
  }

  function spans(list) {
    return list.map((s) => {
      const text = document.createTextNode(s.text);
      const href = safeHref(s.href);
      let node = href ? el("a", { href, target: "_blank", rel: "noopener noreferrer" }, [text]) : text;
      if (s.bold) node = el("strong", {}, [node]);
      return node;
    });
  }

  function block(b) {
    switch (b.type) {
      // dir="auto": a reply may mix languages (an English entry under an Arabic note).
      case "heading": return el("h2", { dir: "auto" }, spans(b.spans));
      case "paragraph": return el("p", { dir: "auto" }, spans(b.spans));
      case "note": return el("p", { class: "note", dir: "auto" }, spans(b.spans));
      case "list": return el("ul", {}, b.items.map((item) => el("li", { dir: "auto" }, spans(item))));
      case "more": return el("details", {}, [el("summary", { dir: "auto" }, [document.createTextNode(b.title)]), ...b.blocks.map(block)]);
      default: return document.createTextNode("");
    }
  }

  function render(reply) {
    const dir = reply.lang === "ar" || reply.lang === "fa" ? "rtl" : "ltr";
    const kind = reply.meta && reply.meta.kind === "emergency" ? " emergency" : reply.meta && reply.meta.kind === "resume-code" ? " code" : "";
    const item = el("li", { class: "msg bot" + kind, lang: reply.lang, dir }, reply.blocks.map(block));
    if (reply.links && reply.links.length) {
      const links = el("ul", {}, reply.links.filter((l) => safeHref(l.url)).map((l) => el("li", {}, [el("a", { href: l.url, target: "_blank", rel: "noopener noreferrer" }, [document.createTextNode(l.title)])])));
      item.append(el("div", { class: "sources" }, [el("strong", {}, [document.createTextNode(strings.sources || "Quellen")]), links]));
    }
    if (reply.attachment) {
      // The /my_data export: a download made in the browser, nothing rendered as markup.
      const blob = new Blob([reply.attachment.content], { type: reply.attachment.mime });
      const link = el("a", { href: URL.createObjectURL(blob), download: reply.attachment.name, class: "attachment" }, [document.createTextNode(reply.attachment.name)]);
      item.append(el("p", {}, [link]));
    }
    for (const row of reply.buttons || []) {
      const rowEl = el("div", { class: "buttons" });
      for (const b of row) {
        // A link button (a calendar file, a page) opens its address; it sends nothing.
        if (b.url) {
          const href = safeHref(b.url);
          if (href) rowEl.append(el("a", { href, target: "_blank", rel: "noopener noreferrer", class: "button-link" }, [document.createTextNode(b.label)]));
          continue;
        }
        const button = el("button", { type: "button", class: b.style === "primary" || b.style === "danger" ? b.style : "", "data-button": b.id }, [document.createTextNode(b.label)]);
        button.addEventListener("click", () => {
          for (const other of item.querySelectorAll("button")) other.disabled = true;
          send({ button: b.id });
        });
        rowEl.append(button);
      }
      item.append(rowEl);
    }
    list.append(item);
    return item;
  }

  function showMine(text) {
    const item = el("li", { class: "msg me", dir: "auto" }, [document.createTextNode(text)]);
    list.append(item);
    scrollToEnd();
    return item;
  }

  function scrollToEnd() {
    main.scrollTop = main.scrollHeight;
  }

  // The start of a message at the top of the chat: a long answer is read from its headline,
  // not found by scrolling back from its sources. (A short one ends up at the bottom anyway.)
  function scrollToStart(item) {
    main.scrollTop += item.getBoundingClientRect().top - main.getBoundingClientRect().top - 8;
  }

  /** `latest`: on page load, show the start of the last message rather than of the whole history. */
  function receive(messages, latest) {
    const shown = [];
    for (const m of messages) {
      // Transient messages (Lotse's store was down) were never stored and carry no sequence number.
      if (!m.transient) {
        if (m.seq <= cursor) continue;
        cursor = m.seq;
      }
      shown.push(render(m.reply));
    }
    if (!shown.length) return;
    const target = latest ? shown[shown.length - 1] : shown[0];
    scrollToStart(target);
    // Focus stays where the user left it (the input); only when it was lost (a pressed button is
    // now disabled) does it move to the new message, so the keyboard continues from there.
    const focused = document.activeElement;
    if (!latest && (!focused || focused === document.body || focused.disabled)) {
      target.setAttribute("tabindex", "-1");
      target.focus({ preventScroll: true });
    }
  }

  function showTyping(on) {
    pending += on ? 1 : -1;
    if (pending > 0 && !typing.childElementCount) {
      typing.append(el("span", { class: "dots", "aria-hidden": "true" }, [document.createTextNode("…")]), el("span", { class: "visually-hidden" }, [document.createTextNode(strings.typing || "…")]));
      typing.classList.add("active");
      scrollToEnd();
    } else if (pending <= 0) {
      pending = 0;
      typing.replaceChildren();
      typing.classList.remove("active");
    }
  }

  // One id per message, kept when the same message is sent again: Lotse handles it once.
  function messageId() {
    const bytes = crypto.getRandomValues(new Uint8Array(12));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  /**
   * Sends one message. Without an answer (network down, server error) it is kept: a typed
   * question goes back into the input, and "send again" posts it with the same id.
   * `options.bubble`: the user's own message on screen; `options.typed`: it came from the input.
   */
  async function send(body, options) {
    const message = { ...(options || {}), body: { ...body, id: body.id || messageId() } };
    hideFailure();
    showTyping(true);
    try {
      const res = await fetch("/api/messages", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ ...message.body, after: cursor }) });
      const data = await res.json();
      if (!res.ok) throw new Error(data.error || res.statusText);
      showTyping(false);
      if (failed && failed.body.id === message.body.id) failed = null;
      receive(data.messages);
      return true;
    } catch {
      showTyping(false);
      failed = message;
      if (message.bubble) message.bubble.classList.add("failed");
      if (message.typed && !input.value.trim()) input.value = message.body.text;
      $("failed-text").textContent = strings.sendFailed || strings.offline;
      $("failed").hidden = false;
      // The notice takes room from the chat: the message it is about stays in sight.
      if (message.bubble) scrollToEnd();
      return false;
    }
  }

  function hideFailure() {
    $("failed").hidden = true;
  }

  function resend() {
    const message = failed;
    if (!message) return;
    if (message.typed && input.value.trim() === message.body.text) input.value = "";
    if (message.bubble) message.bubble.classList.remove("failed");
    return send(message.body, message);
  }

  async function applyLanguage(lang) {
    const res = await fetch("/api/i18n/" + encodeURIComponent(lang));
    if (!res.ok) return;
    const data = await res.json();
    strings = data.strings;
    document.documentElement.lang = data.lang;
    document.documentElement.dir = data.dir;
    document.title = strings.title;
    $("title").textContent = "Lotse";
    $("tagline").textContent = strings.tagline;
    $("language-label").textContent = strings.language;
    $("input-label").textContent = strings.placeholder;
    input.placeholder = strings.placeholder;
    $("send").textContent = strings.send;
    $("topics").textContent = strings.topics;
    $("resend").textContent = strings.resend;
    if (!$("failed").hidden) $("failed-text").textContent = strings.sendFailed;
    $("resume-toggle").textContent = strings.haveCode;
    $("resume-label").textContent = strings.codeLabel;
    $("resume-submit").textContent = strings.codeSubmit;
    list.setAttribute("aria-label", strings.messages);
    select.replaceChildren(...data.languages.map((l) => el("option", { value: l.code }, [document.createTextNode(l.name)])));
    select.value = data.lang;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    // The question that got no answer, sent again as it was: the same message, not a second one.
    if (failed && failed.typed && failed.body.text === text) return void resend();
    input.value = "";
    // On a touch screen the keyboard would cover half of the answer: it closes after sending.
    if (matchMedia("(pointer: coarse)").matches) input.blur();
    send({ text }, { bubble: showMine(text), typed: true });
  });
  $("resend").addEventListener("click", () => void resend());
  $("topics").addEventListener("click", () => void send({ text: "/topics" }));
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  select.addEventListener("change", async () => {
    await applyLanguage(select.value);
    await send({ text: "/language " + select.value });
  });

  // "I have a code": a resume code from another browser binds its case to this one. The answers
  // so far arrive as messages; the fresh code only in this answer (it is never stored).
  $("resume-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const field = $("resume-code");
    const note = $("resume-status");
    const code = field.value.trim();
    if (!code) return;
    note.textContent = "";
    try {
      const res = await fetch("/api/resume", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ code, after: cursor }) });
      const data = await res.json();
      if (res.status === 404) return void (note.textContent = strings.codeInvalid);
      if (res.status === 429) return void (note.textContent = strings.codeLimited);
      if (!res.ok) throw new Error(data.error || res.statusText);
      field.value = "";
      $("resume").open = false;
      receive(data.messages);
    } catch {
      note.textContent = strings.offline;
    }
  });

  async function poll() {
    try {
      const res = await fetch("/api/messages?after=" + cursor);
      if (res.ok) receive((await res.json()).messages);
    } catch { /* offline: try again next time */ }
  }

  (async () => {
    const res = await fetch("/api/messages?after=0");
    const data = await res.json();
    const browser = (navigator.language || "de").slice(0, 2);
    await applyLanguage(data.profile.lang || browser);
    receive(data.messages, true);
    if (data.messages.length === 0) await send({ text: "/start" });
    setInterval(poll, 5000);
  })();
})();
