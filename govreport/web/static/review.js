// Review in the report viewer: corrected facts get a badge, the fact panel shows who corrected
// what, when and why; in review mode (serve --review) a reader marks a fact wrong, corrects its
// fields, or selects words in the text to add a missed fact. Everything is written with
// textContent (never innerHTML); the POST carries the page's CSRF token.
"use strict";
(function () {
  var el = document.getElementById("review-data");
  var text = document.getElementById("report-text");
  if (!el || !text) { return; }
  var data;
  try { data = JSON.parse(el.textContent); } catch (e) { return; }
  var t = data.labels || {};
  var flags = data.flags || {};
  var panel = document.getElementById("review-panel");
  var factPanel = document.getElementById("fact-panel");
  var current = null;

  function $(id) { return document.getElementById(id); }
  function empty(v) { return v === null || v === undefined || v === ""; }
  function show(v) { return empty(v) ? "—" : String(v); }

  // -- badges on the highlighted text -----------------------------------------------------------
  text.querySelectorAll(".ann.fact[data-facts]").forEach(function (mark) {
    var ids = mark.getAttribute("data-facts").split(" ");
    ids.forEach(function (i) {
      var f = flags[i];
      if (!f) { return; }
      mark.classList.add(f.wrong ? "rv-wrong" : (f.added ? "rv-added" : "rv-corrected"));
      mark.setAttribute("title", (f.wrong ? t.wrong : (f.added ? t.added : t.corrected)) + " · " +
        f.correction.who + " · " + f.correction.made_at + (f.correction.why ? " · " + f.correction.why : ""));
    });
  });

  // -- the review panel follows the fact panel ------------------------------------------------------
  function fill(prefix, values) {
    ["kind", "measure", "bound"].forEach(function (name) {
      var select = $(prefix + name);
      if (!select) { return; }
      if (!select.options.length) {
        (data.choices[name] || []).forEach(function (v) {
          var o = document.createElement("option");
          o.value = v; o.textContent = v;
          select.appendChild(o);
        });
      }
      select.value = values[name] || select.options[0].value;
    });
    ["period", "indicator", "value", "value_max", "unit"].forEach(function (name) {
      var input = $(prefix + name);
      if (input) { input.value = empty(values[name]) ? "" : String(values[name]); }
    });
  }
  function read(prefix) {
    var out = {};
    ["kind", "measure", "bound", "period", "indicator", "value", "value_max", "unit"].forEach(function (name) {
      var input = $(prefix + name);
      if (input) { out[name] = input.value.trim(); }
    });
    return out;
  }

  function status(i) {
    var box = $("rv-status");
    box.textContent = "";
    var f = flags[i];
    if (!f) { return; }
    var badge = document.createElement("span");
    badge.className = "rv-badge rv-" + f.correction.action;
    badge.textContent = f.wrong ? t.wrong : (f.added ? t.added : t.corrected);
    box.appendChild(badge);
    var c = f.correction;
    var line = " " + t.by + " " + c.who + " · " + c.made_at + (c.why ? " · " + c.why : "");
    if (c.original) {
      line += " · " + t.was + " " + Object.keys(c.original).map(function (k) {
        return (t[k] || k) + " " + show(c.original[k]);
      }).join(", ");
    }
    box.appendChild(document.createTextNode(line));
  }

  function showReview(i) {
    if (!panel || !data.facts[i]) { return; }
    current = i;
    panel.hidden = false;
    status(i);
    if (data.enabled) {
      fill("rv-edit-", data.facts[i]);
      var wrong = flags[i] && flags[i].wrong;
      $("rv-mark-wrong").hidden = Boolean(wrong);
    }
  }
  if (factPanel && panel) {
    new MutationObserver(function () {
      var i = factPanel.getAttribute("data-fact");
      if (factPanel.hidden) { panel.hidden = true; } else if (i !== null) { showReview(Number(i)); }
    }).observe(factPanel, {attributes: true, attributeFilter: ["data-fact", "hidden"]});
  }

  // the list of corrections: a click shows the fact
  document.querySelectorAll("#rv-list .rv-item[data-fact] .rv-goto").forEach(function (button) {
    button.addEventListener("click", function () {
      var i = button.parentNode.getAttribute("data-fact");
      var mark = text.querySelector('.ann.fact[data-facts~="' + i + '"]');
      if (mark) { mark.scrollIntoView({block: "center"}); mark.click(); }
    });
  });

  if (!data.enabled) { return; }

  // -- writing ------------------------------------------------------------------------------------
  var who = $("rv-who-name"), why = $("rv-why"), token = $("rv-token"), msg = $("rv-msg");
  try { who.value = window.localStorage.getItem("govreport.reviewer") || ""; } catch (e) { /* private mode */ }
  if (token) { try { token.value = window.sessionStorage.getItem("govreport.reviewToken") || ""; } catch (e) { /* */ } }

  function post(body) {
    body.report_id = data.report_id;
    body.who = who.value.trim();
    body.why = why.value.trim();
    if (!body.who) { msg.textContent = t.failed + t.who + "?"; who.focus(); return; }
    var headers = {"Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": data.csrf};
    if (token) { headers["X-Review-Token"] = token.value; }
    msg.textContent = "…";
    fetch("/review/corrections", {method: "POST", headers: headers, body: JSON.stringify(body),
                                  credentials: "same-origin"})
      .then(function (response) {
        return response.json().then(function (payload) { return [response.ok, payload]; });
      })
      .then(function (result) {
        if (!result[0]) { msg.textContent = t.failed + (result[1].error || "?"); return; }
        try {
          window.localStorage.setItem("govreport.reviewer", body.who);
          if (token) { window.sessionStorage.setItem("govreport.reviewToken", token.value); }
        } catch (e) { /* private mode */ }
        msg.textContent = t.saved;
        window.location.hash = "at-" + body.start + "-" + body.end;
        window.location.reload();
      })
      .catch(function (err) { msg.textContent = t.failed + String(err); });
  }

  function changes(before, after) {
    var out = {};
    Object.keys(after).forEach(function (k) {
      var a = after[k], b = before[k];
      var same = (empty(a) && empty(b)) || String(a) === String(empty(b) ? "" : b) ||
        (!empty(a) && !empty(b) && !isNaN(Number(a)) && Number(a) === Number(b));
      if (!same) { out[k] = empty(a) ? null : a; }
    });
    return out;
  }

  $("rv-edit").addEventListener("submit", function (ev) {
    ev.preventDefault();
    if (current === null) { return; }
    var values = read("rv-edit-");
    var fields = changes(data.facts[current], values);
    if (!Object.keys(fields).length && flags[current] && flags[current].wrong) {
      fields = {kind: values.kind};  // saved unchanged: the fact marked wrong is taken back
    }
    if (!Object.keys(fields).length) { msg.textContent = t.failed + "—"; return; }
    var key = data.keys[current];
    post({action: "edit", start: key[0], end: key[1], indicator: key[2], fields: fields});
  });
  $("rv-mark-wrong").addEventListener("click", function () {
    if (current === null) { return; }
    var key = data.keys[current];
    post({action: "mark_wrong", start: key[0], end: key[1], indicator: key[2]});
  });

  // -- adding: select words in the text ---------------------------------------------------------
  var addPanel = $("rv-add"), selected = null;
  function offsetOf(node, offset) {
    var range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(node, offset);
    return range.toString().length;
  }
  function guess(words) {
    // a first guess the reader corrects: the first number, its unit if it is % or 个百分点
    var m = /(-?\d+(?:\.\d+)?)\s*(%|％|个百分点)?/.exec(words);
    return {kind: "target", measure: m && m[2] ? "growth" : "level", bound: "exact",
            value: m ? m[1] : "", unit: m && m[2] ? (m[2] === "个百分点" ? "个百分点" : "%") : ""};
  }
  document.addEventListener("mouseup", function () {
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) { return; }
    var range = sel.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) { return; }
    var start = offsetOf(range.startContainer, range.startOffset);
    var end = offsetOf(range.endContainer, range.endOffset);
    var words = range.toString();
    var lead = words.length - words.replace(/^\s+/, "").length;
    var trail = words.length - words.replace(/\s+$/, "").length;
    start += lead; end -= trail;
    words = words.slice(lead, words.length - trail);
    if (!words || end - start > 300) { return; }
    selected = {start: start, end: end, words: words};
    $("rv-add-words").textContent = words;
    fill("rv-add-", guess(words));
    addPanel.hidden = false;
  });
  $("rv-add-cancel").addEventListener("click", function () { addPanel.hidden = true; selected = null; });
  $("rv-add-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    if (!selected) { return; }
    var fields = read("rv-add-");
    Object.keys(fields).forEach(function (k) { if (fields[k] === "") { fields[k] = null; } });
    post({action: "add", start: selected.start, end: selected.end, words: selected.words, fields: fields});
  });
})();
