/* Lesson finder: the full list is in the page (readable without JavaScript); the
   filters only hide what does not match. Same group = "or", different groups = "and".
   The count is announced to screen readers through the role="status" line.
   The chosen filters live in the address (?track=middle&topic=law), so a filtered
   list can be bookmarked or shared, and Back returns to it as it was: the address,
   not the browser's memory of the boxes, decides what is ticked. */
(function () {
  "use strict";
  var groups = ["track", "grade", "minutes", "topic", "handouts", "easy"];

  function start() {
    var form = document.getElementById("lesson-finder");
    var list = document.getElementById("finder-list");
    var count = document.getElementById("finder-count");
    var none = document.getElementById("finder-none");
    if (!form || !list) return;
    var items = Array.prototype.slice.call(list.children);
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
    form.hidden = false;

    function chosen(name) {
      return boxes.filter(function (i) { return i.name === name && i.checked; })
        .map(function (i) { return i.value; });
    }
    function fromAddress() {
      var params = new URLSearchParams(location.search);
      boxes.forEach(function (i) { i.checked = params.getAll(i.name).indexOf(i.value) !== -1; });
    }
    function toAddress() {
      try {
        var url = new URL(location.href);
        groups.forEach(function (g) {
          url.searchParams.delete(g);
          chosen(g).forEach(function (v) { url.searchParams.append(g, v); });
        });
        history.replaceState(history.state, "", url);
      } catch (e) { /* some browsers refuse it for a page opened from disk */ }
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
      if (none) none.hidden = !(any && shown === 0);
    }
    form.addEventListener("change", function () { update(); toAddress(); });
    form.addEventListener("reset", function () {
      setTimeout(function () { update(); toAddress(); }, 0);
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    /* Back/Forward: a page kept in memory (bfcache) or loaded again reads the address. */
    window.addEventListener("pageshow", function () { fromAddress(); update(); });
    fromAddress();
    update();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
