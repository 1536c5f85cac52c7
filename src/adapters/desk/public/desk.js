// Lotse web desk. Every piece of ticket text is inserted with textContent: what volunteers and
// coordinators wrote can never become markup here. The live feed only names a changed ticket;
// the page then asks the API again.
(() => {
  "use strict";
  const $ = (id) => document.getElementById(id);
  let strings = {};
  let lang = "de";
  let filter = "open";
  let current = null; // the ticket shown, as the API returned it
  let answerId = null; // kept while one answer is being sent: a retry is the same answer
  const own = new Map(); // ticket id -> time of this page's last action (not announced as news)

  function t(key, vars) {
    const find = (k) => k.split(".").reduce((node, part) => (node && typeof node === "object" ? node[part] : undefined), strings);
    // A count picks the language's plural form ("files_one", "files_other"), as i18next does on the server.
    let value = vars && typeof vars.count === "number" ? find(key + "_" + new Intl.PluralRules(lang).select(vars.count)) ?? find(key + "_other") : undefined;
    if (typeof value !== "string") value = find(key);
    if (typeof value !== "string") return key;
    for (const [name, v] of Object.entries(vars || {})) value = value.split("{{" + name + "}}").join(String(v));
    return value;
  }

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v;
      else node.setAttribute(k, v);
    }
    for (const child of children || []) node.append(typeof child === "string" ? document.createTextNode(child) : child);
    return node;
  }

  function say(text) {
    $("live").textContent = text;
  }
  function fail(text) {
    $("error").textContent = text || "";
  }

  function newId() {
    return Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, "0")).join("");
  }

  async function api(path, body) {
    const init = body === undefined ? {} : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
    let res;
    try {
      res = await fetch(path, { credentials: "same-origin", ...init });
    } catch {
      throw new Error(t("errors.network"));
    }
    if (res.status === 401) {
      // The session ended: the page itself shows how to sign in again.
      location.replace("/desk");
      throw new Error(t("errors.signedOut"));
    }
    const data = await res.json().catch(() => ({}));
    if (!res.ok) throw Object.assign(new Error(data.error || t("errors.network")), { status: res.status });
    return data;
  }

  function waiting(minutes) {
    if (minutes === null || minutes === undefined) return "";
    if (minutes < 60) return t("minutes", { count: minutes });
    if (minutes < 48 * 60) return t("hours", { count: Math.floor(minutes / 60) });
    return t("days", { count: Math.floor(minutes / 1440) });
  }

  function actor(a) {
    if (!a) return "";
    if (a.kind === "volunteer") return t("volunteer");
    if (a.kind === "system") return t("system");
    return a.me ? t("you") : a.name || t("coordinator");
  }

  function when(iso) {
    try {
      return new Date(iso).toLocaleString(lang, { dateStyle: "short", timeStyle: "short" });
    } catch {
      return iso;
    }
  }

  function badge(status) {
    return el("span", { class: "badge " + status }, [t("status." + status)]);
  }

  // ---- list ----
  async function loadList() {
    const data = await api("/desk/api/tickets" + (filter === "closed" ? "?closed=1" : ""));
    const counts = $("counts");
    counts.replaceChildren(...Object.entries(data.counts).map(([status, n]) => el("li", {}, [badge(status), " ", el("strong", {}, [String(n)])])));
    const list = $("tickets");
    list.replaceChildren(
      ...data.tickets.map((ticket) => {
        const meta = [
          ticket.topicTitle || t("noTopic"),
          ticket.regionLabel || t("unknownRegion"),
          ticket.languageName,
        ];
        if (ticket.waitingMinutes !== null) meta.push(t("field.waiting") + " " + waiting(ticket.waitingMinutes));
        if (ticket.claimedBy) meta.push(t("field.claimedBy") + " " + actor(ticket.claimedBy));
        const head = [el("span", { class: "id" }, [ticket.id]), " ", badge(ticket.status)];
        if (ticket.priority === "urgent") head.push(" ", el("span", { class: "badge urgent" }, [t("urgent")]));
        if (ticket.special) head.push(" ", el("span", { class: "badge special", title: t("specialLong") }, [t("special")]));
        if (ticket.reminded) head.push(" ", el("span", { class: "badge reminded" }, [t("reminded")]));
        return el("li", { "data-ticket": ticket.id }, [el("a", { href: "#" + ticket.id }, [el("span", { class: "head" }, head), el("span", { class: "meta" }, [meta.join(" · ")])])]);
      }),
    );
    $("empty").hidden = data.tickets.length > 0;
  }

  // ---- one ticket ----
  function field(term, value) {
    return [el("dt", {}, [term]), el("dd", { dir: "auto" }, [value])];
  }

  function renderTicket(ticket) {
    current = ticket;
    $("ticket-heading").textContent = t("field.ticket") + " " + ticket.id;
    const fields = [
      ...field(t("field.status"), t("status." + ticket.status) + (ticket.priority === "urgent" ? " · " + t("urgent") : "")),
      ...(ticket.special ? field(t("special"), t("specialLong")) : []),
      ...field(t("field.topic"), ticket.topicTitle || t("noTopic")),
      ...field(t("field.region"), ticket.regionLabel || t("unknownRegion")),
      ...field(t("field.language"), ticket.languageName),
    ];
    if (ticket.waitingMinutes !== null) fields.push(...field(t("field.waiting"), waiting(ticket.waitingMinutes)));
    if (ticket.claimedBy) fields.push(...field(t("field.claimedBy"), actor(ticket.claimedBy)));
    if (ticket.referredTo) fields.push(...field(t("field.referredTo"), serviceLabel(ticket.referredTo)));
    $("fields").replaceChildren(...fields);
    $("erased").hidden = !ticket.erased;
    $("question").textContent = ticket.question;
    $("conversation").replaceChildren(
      ...ticket.messages.map((m) => {
        const parts = [el("span", { class: "who" }, [(m.from === "volunteer" ? t("volunteer") : t("coordinator")) + " · " + when(m.at)]), el("p", { dir: "auto" }, [m.text])];
        if (m.files) parts.push(el("p", { class: "note" }, [t("files", { count: m.files })]));
        return el("li", { class: "msg " + m.from }, parts);
      }),
    );
    $("history").replaceChildren(...ticket.history.map((h) => el("li", {}, [when(h.at) + " · ", badge(h.status), " · " + actor(h.by)])));
    const open = !ticket.closed;
    $("claim").hidden = !open || Boolean(ticket.claimedBy && ticket.claimedBy.me);
    $("answer-form").hidden = !open || ticket.erased;
    $("refer-form").hidden = !open;
    $("close").hidden = !open;
    $("reopen").hidden = open || ticket.erased;
    $("faq").hidden = !ticket.canSuggestFaq;
  }

  function serviceLabel(id) {
    const option = Array.from($("service").options).find((o) => o.value === id);
    return option ? option.textContent : id;
  }

  async function loadTicket(id) {
    renderTicket((await api("/desk/api/tickets/" + encodeURIComponent(id))).ticket);
  }

  async function act(action, body) {
    if (!current) return;
    const id = current.id;
    fail("");
    own.set(id, Date.now());
    const data = await api("/desk/api/tickets/" + encodeURIComponent(id) + "/" + action, body || {});
    own.set(id, Date.now());
    renderTicket(data.ticket);
    say(t("done." + action, { ticket: id }));
  }

  function guarded(fn) {
    return async (event) => {
      if (event) event.preventDefault();
      const target = event && event.submitter ? event.submitter : event && event.currentTarget;
      if (target && "disabled" in target) target.disabled = true;
      try {
        await fn();
      } catch (error) {
        fail(error.message);
      } finally {
        if (target && "disabled" in target) target.disabled = false;
      }
    };
  }

  // ---- views ----
  async function show() {
    const id = decodeURIComponent(location.hash.slice(1));
    fail("");
    try {
      if (/^L-[A-Z0-9]{6}$/.test(id)) {
        $("list-view").hidden = true;
        $("ticket-view").hidden = false;
        await loadTicket(id);
        $("ticket-heading").focus();
      } else {
        current = null;
        $("ticket-view").hidden = true;
        $("list-view").hidden = false;
        await loadList();
      }
    } catch (error) {
      fail(error.message);
    }
  }

  async function changed(ticketId) {
    const mine = Date.now() - (own.get(ticketId) || 0) < 3000;
    try {
      if (current && current.id === ticketId) await loadTicket(ticketId);
      if (!$("list-view").hidden) await loadList();
    } catch (error) {
      fail(error.message);
    }
    if (!mine) say(t("live.changed", { ticket: ticketId }));
  }

  function listen() {
    const source = new EventSource("/desk/events");
    source.addEventListener("ready", () => {
      // (Re)connected: whatever happened meanwhile is fetched once.
      say(t("live.connected"));
      if (current) void loadTicket(current.id).catch(() => undefined);
      else void loadList().catch(() => undefined);
    });
    source.addEventListener("changed", (event) => {
      try {
        void changed(JSON.parse(event.data).ticket);
      } catch {
        // a malformed event is ignored
      }
    });
    source.addEventListener("error", () => {
      say(t("live.reconnecting"));
      // Closed for good (the session ended): the API call below leads to the sign-in notice.
      if (source.readyState === EventSource.CLOSED) void api("/desk/api/strings").then(() => setTimeout(listen, 5000), () => undefined);
    });
  }

  async function init() {
    const wanted = (navigator.language || "de").slice(0, 2);
    const data = await api("/desk/api/strings?lang=" + encodeURIComponent(wanted));
    strings = data.strings;
    lang = data.lang;
    document.documentElement.lang = lang;
    document.title = t("title");
    for (const node of document.querySelectorAll("[data-t]")) node.textContent = t(node.getAttribute("data-t"));
    for (const node of document.querySelectorAll("[data-t-aria]")) node.setAttribute("aria-label", t(node.getAttribute("data-t-aria")));
    $("whoami").textContent = t("signedInAs", { name: data.account.name }) + " · " + t("regions", { regions: data.account.regions.join(", ") });
    $("ticket-heading").setAttribute("tabindex", "-1");
    $("answer").maxLength = data.maxAnswer;
    $("service").replaceChildren(...data.services.map((s) => el("option", { value: s.id }, [s.label])));

    for (const radio of document.querySelectorAll('input[name="filter"]')) {
      radio.addEventListener("change", () => {
        filter = radio.value;
        void loadList().catch((error) => fail(error.message));
      });
    }
    $("claim").addEventListener("click", guarded(() => act("claim")));
    $("faq").addEventListener("click", guarded(() => act("faq")));
    $("close").addEventListener("click", guarded(() => act("close")));
    $("reopen").addEventListener("click", guarded(() => act("reopen")));
    $("refer-form").addEventListener("submit", guarded(() => act("refer", { service: $("service").value })));
    $("answer-form").addEventListener("submit", guarded(async () => {
      const text = $("answer").value.trim();
      if (!text) return;
      answerId = answerId || newId();
      await act("answer", { text, id: answerId });
      answerId = null;
      $("answer").value = "";
    }));
    // Typing a different answer makes it a new one.
    $("answer").addEventListener("input", () => (answerId = null));
    $("sign-out").addEventListener("click", guarded(async () => {
      await api("/desk/sign-out", {});
      location.replace("/desk");
    }));
    window.addEventListener("hashchange", () => void show());
    await show();
    listen();
  }

  init().catch((error) => fail(error.message));
})();
