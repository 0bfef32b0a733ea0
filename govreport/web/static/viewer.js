// Report viewer: click a highlighted fact (or task / slogan) to see its fields in the side panel.
// Data comes from <script type="application/json"> blocks; everything is written with textContent,
// never innerHTML, so report text cannot inject markup.
"use strict";
(function () {
  function load(id) {
    var el = document.getElementById(id);
    if (!el) { return []; }
    try { return JSON.parse(el.textContent); } catch (e) { return []; }
  }
  var facts = load("facts-data"), tasks = load("tasks-data"), slogans = load("slogans-data");
  var ui = load("ui-data");
  // a catalogue text with its {placeholders} filled
  function msg(key, params) {
    var text = String((ui && ui[key]) || key);
    return text.replace(/\{(\w+)\}/g, function (all, name) { return params && name in params ? params[name] : all; });
  }
  var text = document.getElementById("report-text");
  var factPanel = document.getElementById("fact-panel");
  var annPanel = document.getElementById("ann-panel");
  if (!text) { return; }

  function num(v) {
    if (v === null || v === undefined || v === "") { return ""; }
    return typeof v === "number" ? v.toLocaleString("en-US", {maximumFractionDigits: 6}) : String(v);
  }
  function set(id, value) {
    var el = document.getElementById(id);
    el.textContent = value === null || value === undefined || value === "" ? "—" : String(value);
    return el;
  }
  function ids(el, attr) {
    var raw = el.getAttribute(attr);
    return raw ? raw.split(" ").map(Number) : [];
  }
  function select(el) {
    text.querySelectorAll(".selected").forEach(function (s) { s.classList.remove("selected"); });
    if (el) { el.classList.add("selected"); }
  }

  function showFact(i, others) {
    var f = facts[i];
    if (!f) { return; }
    factPanel.hidden = false;
    annPanel.hidden = true;
    factPanel.setAttribute("data-fact", String(i));  // review.js follows the fact shown
    set("fp-index", msg("fact_of", {n: i + 1, total: facts.length}));
    var kind = set("fp-kind", f.kind_label || f.kind);
    kind.className = "kind-" + f.kind;
    set("fp-indicator", f.indicator_name && f.indicator ? f.indicator + " (" + f.indicator_name + ")" : f.indicator);
    set("fp-indicator-text", f.indicator_text);
    set("fp-measure", f.measure_label || f.measure);
    var value = num(f.value) + (f.value_max !== null && f.value_max !== undefined ? "–" + num(f.value_max) : "");
    // as a report writes it (171.4亿元); the exact canonical value on hover
    var valueEl = set("fp-value", f.value_text || (value + " " + (f.unit || "")).trim());
    valueEl.title = f.value_exact || "";
    set("fp-bound", f.bound_label || f.bound);
    set("fp-period", f.period);
    set("fp-rank", f.rank_scope ? f.rank_scope + (f.rank_of ? " / " + f.rank_of : "") : "");
    set("fp-evidence", f.evidence);
    var more = document.getElementById("fp-more");
    if (others.length > 1) {
      more.hidden = false;
      more.textContent = msg("also_here", {list: others.filter(function (j) { return j !== i; })
        .map(function (j) { return "#" + (j + 1); }).join(", ")});
    } else { more.hidden = true; }
  }

  function showAnn(title, body) {
    annPanel.hidden = false;
    set("ap-title", title);
    set("ap-body", body);
  }

  var cycle = {};
  function activate(el) {
    var fs = ids(el, "data-facts");
    if (fs.length) {
      var key = fs.join(" ");
      var n = cycle[key] === undefined ? 0 : (cycle[key] + 1) % fs.length;
      cycle[key] = n;
      select(el);
      showFact(fs[n], fs);
      return true;
    }
    var ts = ids(el, "data-tasks"), ss = ids(el, "data-slogans");
    if (ts.length) {
      var t = tasks[ts[0]];
      var val = t.value !== null && t.value !== undefined ? " " + num(t.value) + " " + (t.unit || "") : "";
      showAnn(msg("task_title"), t.action + " " + t.object + val + (t.area ? " · " + t.area : "") +
        (t.deadline ? " · " + msg("by") + " " + t.deadline : ""));
      factPanel.hidden = true;
      select(el);
      return true;
    }
    if (ss.length) {
      var s = slogans[ss[0]];
      showAnn(msg("slogan_title"), s.text + " (" + s.number + ")");
      factPanel.hidden = true;
      select(el);
      return true;
    }
    return false;
  }

  text.addEventListener("click", function (ev) {
    var el = ev.target.closest(".ann");
    if (el && text.contains(el) && activate(el)) { return; }
    // a click on plain text closes the panels (on a small screen they cover the text's foot)
    if (window.matchMedia("(max-width: 700px)").matches && !window.getSelection().toString()) {
      factPanel.hidden = true;
      annPanel.hidden = true;
      select(null);
    }
  });
  text.addEventListener("keydown", function (ev) {
    if ((ev.key === "Enter" || ev.key === " ") && ev.target.classList && ev.target.classList.contains("ann")) {
      ev.preventDefault();
      activate(ev.target);
    }
  });

  // legend buttons show or hide one kind of highlight
  document.querySelectorAll("#legend .toggle").forEach(function (button) {
    button.addEventListener("click", function () {
      var on = button.getAttribute("aria-pressed") !== "true";
      button.setAttribute("aria-pressed", on ? "true" : "false");
      text.classList.toggle("hide-" + button.getAttribute("data-toggle"), !on);
    });
  });

  // #at-START or #at-START-END (from a search hit or a tracked fact): select those characters
  // of the text and scroll them into view
  function point(offset) {
    var walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
    var pos = 0, node, last = null;
    while ((node = walker.nextNode())) {
      var len = node.nodeValue.length;
      if (pos + len > offset) { return [node, offset - pos]; }
      pos += len;
      last = node;
    }
    return last ? [last, last.nodeValue.length] : null;
  }
  function goTo(start, end) {
    var a = point(start), b = point(end > start ? end : start + 1);
    if (!a || !b) { return; }
    var range = document.createRange();
    range.setStart(a[0], a[1]);
    range.setEnd(b[0], b[1]);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    var rect = range.getBoundingClientRect();
    window.scrollTo({top: window.scrollY + rect.top - window.innerHeight / 3});
  }
  var m = /^#at-(\d+)(?:-(\d+))?$/.exec(window.location.hash);
  if (m) { goTo(Number(m[1]), m[2] ? Number(m[2]) : Number(m[1]) + 1); }
})();
