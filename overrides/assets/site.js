/* Small helpers of the site's pages (no request leaves the site):
   - a table wider than its box says so ("옆으로 밀어 보기") and becomes a labelled,
     keyboard-scrollable region; a table that fits stays out of the tab order;
   - the menu button opens Material's drawer (a real button, not a label);
   - opened from disk (file://), links to folders ("lessons/") go to their index.html,
     so the whole site works from a downloaded copy. */
(function () {
  "use strict";
  var offline = location.protocol === "file:";

  function tables() {
    var boxes = document.querySelectorAll(".table-wrap");
    Array.prototype.forEach.call(boxes, function (box) {
      var table = box.querySelector("table");
      var wide = box.scrollWidth > box.clientWidth + 1;
      box.classList.toggle("is-scrolling", wide);
      var hint = box.previousElementSibling;
      if (!hint || !hint.classList.contains("table-hint")) {
        hint = document.createElement("p");
        hint.className = "table-hint";
        hint.setAttribute("aria-hidden", "true");
        hint.textContent = "표가 넓습니다. 옆으로 밀어 보세요 →";
        box.parentNode.insertBefore(hint, box);
      }
      hint.hidden = !wide;
      if (wide) {
        var caption = table && table.querySelector("caption");
        box.setAttribute("role", "region");
        box.setAttribute("tabindex", "0");
        box.setAttribute("aria-label", (caption ? caption.textContent.trim() + ": " : "") +
                         "옆으로 밀어 보는 표");
      } else {
        box.removeAttribute("role");
        box.removeAttribute("tabindex");
        box.removeAttribute("aria-label");
      }
    });
  }

  function menu() {
    var button = document.getElementById("menu-button");
    var drawer = document.getElementById("__drawer");
    if (!button || !drawer) return;
    function sync() { button.setAttribute("aria-expanded", drawer.checked ? "true" : "false"); }
    button.addEventListener("click", function () {
      drawer.checked = !drawer.checked;
      drawer.dispatchEvent(new Event("change", { bubbles: true }));
      sync();
      if (drawer.checked) {
        var first = document.querySelector(".md-sidebar--primary a.md-nav__link, .md-sidebar--primary a");
        if (first) setTimeout(function () { first.focus(); }, 50);
      }
    });
    drawer.addEventListener("change", sync);
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && drawer.checked) {
        drawer.checked = false;
        drawer.dispatchEvent(new Event("change", { bubbles: true }));
        sync();
        button.focus();
      }
    });
    sync();
  }

  /* From disk a folder link shows a file listing, not the page: add index.html. */
  function localHref(href) {
    if (!href || /^[a-z][a-z0-9+.-]*:/i.test(href) || href.charAt(0) === "#") return href;
    var m = href.match(/^([^?#]*)(.*)$/);
    var path = m[1], rest = m[2];
    if (path === "" ) return href;
    if (path.slice(-1) === "/") return path + "index.html" + rest;
    if (path === "." || path === "..") return path + "/index.html" + rest;
    return href;
  }
  function offlineLinks(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll("a[href]"), function (a) {
      var href = a.getAttribute("href"), fixed = localHref(href);
      if (fixed !== href) a.setAttribute("href", fixed);
    });
    Array.prototype.forEach.call(document.querySelectorAll("form[action]"), function (f) {
      var action = f.getAttribute("action"), fixed = localHref(action);
      if (fixed !== action) f.setAttribute("action", fixed);
    });
  }

  window.curriculumSite = { offline: offline, localHref: offline ? localHref : function (h) { return h; },
                            fixLinks: offline ? offlineLinks : function () {} };

  /* "이 수업안 인쇄하기": shown only where scripts run (it needs window.print). */
  function printButtons() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (b) {
      b.hidden = false;
      b.addEventListener("click", function () { window.print(); });
    });
  }

  /* The teacher switch of a handout shown on screen (also works without scripts
     through :has(); the class covers browsers without it). */
  function answers() {
    var box = document.getElementById("show-answers");
    var sheet = document.querySelector(".handout-sheet");
    if (!box || !sheet) return;
    box.checked = false;  /* a page comes back (Back button) as the student's sheet */
    function sync() { sheet.classList.toggle("show-answers", box.checked); }
    box.addEventListener("change", sync);
    window.addEventListener("pageshow", function () { box.checked = false; sync(); });
    sync();
  }

  function start() {
    answers();
    tables();
    menu();
    printButtons();
    if (offline) offlineLinks();
    var timer = null;
    window.addEventListener("resize", function () { clearTimeout(timer); timer = setTimeout(tables, 150); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
