/* Lesson finder: the full list is in the page (readable without JavaScript); the
   filters only hide what does not match. Same group = "or", different groups = "and".
   The count is announced to screen readers through the role="status" line. */
(function () {
  "use strict";
  function start() {
    var form = document.getElementById("lesson-finder");
    var list = document.getElementById("finder-list");
    var count = document.getElementById("finder-count");
    if (!form || !list) return;
    var items = Array.prototype.slice.call(list.children);
    var groups = ["track", "grade", "minutes", "topic", "handouts"];
    form.hidden = false;

    function chosen(name) {
      return Array.prototype.slice.call(form.querySelectorAll("input[name=" + name + "]:checked"))
        .map(function (i) { return i.value; });
    }
    function update() {
      var want = {};
      groups.forEach(function (g) { want[g] = chosen(g); });
      var shown = 0;
      items.forEach(function (li) {
        var ok = groups.every(function (g) {
          if (!want[g].length) return true;
          var have = (li.getAttribute("data-" + g) || "").split(" ");
          return want[g].some(function (v) { return have.indexOf(v) !== -1; });
        });
        li.hidden = !ok;
        if (ok) shown++;
      });
      var any = groups.some(function (g) { return want[g].length; });
      count.textContent = any ? "조건에 맞는 수업 " + shown + "개 (전체 " + items.length + "개)"
                              : "전체 수업 " + items.length + "개";
    }
    form.addEventListener("change", update);
    form.addEventListener("reset", function () { setTimeout(update, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    update();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
