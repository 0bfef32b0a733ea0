// Filter forms submit themselves when a select changes (the Filter button stays for no-JS use).
"use strict";
document.querySelectorAll("select.autosubmit").forEach(function (select) {
  select.addEventListener("change", function () {
    var form = select.form;
    // drop empty fields so the URL stays short
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && el.value === "") { el.disabled = true; }
    });
    form.submit();
  });
});
