/* Korean search for this site. The same normalisation as the index builder
   (curriculum/searchindex.py), driven by the rules stored in the index itself:
   a word loses its longest listed ending (particles, verb endings) while two
   syllables remain, and longer words also match by their two-syllable pieces.
   The index also carries search.yml, tokenised: synonyms ("몰카" finds "불법 촬영")
   and kinds of question (action words rank the guides first; a student's "내가…"
   lands on the help page). Ranking is the same as searchindex.search() in Python.
   No request leaves the site: the index is search/index.json beside this file, or
   search/index.js when the site is opened from disk (file://), where fetch fails. */
(function () {
  "use strict";
  var script = document.currentScript;
  var base = script ? script.src.replace(/assets\/search\.js(\?.*)?$/, "") : "./";
  var offline = location.protocol === "file:";
  var index = null;
  var suffixes = [], enSuffixes = [], minStem = 2;
  var K1 = 6, B = 0.35;  // as searchindex.py: k1 suits the field weights, b keeps long lessons in reach
  var SYNONYM = 0.8, PIECES = 0.6;
  var PAGE = 10;

  function stem(word) {
    var i;
    if (word >= "가") {
      for (i = 0; i < suffixes.length; i++) {
        var s = suffixes[i];
        if (word.length - s.length >= minStem && word.slice(-s.length) === s) {
          return word.slice(0, word.length - s.length);
        }
      }
      return word;
    }
    for (i = 0; i < enSuffixes.length; i++) {
      var e = enSuffixes[i];
      if (word.length - e.length >= 3 && word.slice(-e.length) === e) {
        return word.slice(0, word.length - e.length);
      }
    }
    return word;
  }

  function pieces(s) {
    var out = [];
    if (s < "가" || s.length < 3) return out;
    for (var i = 0; i < s.length - 1; i++) out.push(s.slice(i, i + 2));
    return out;
  }

  function isPiece(s) { return s.length === 2 && s >= "가"; }

  function tokenize(text) {
    var words = text.normalize("NFC").toLowerCase().match(/[가-힣]+|[a-z0-9]+/g) || [];
    /* a particle standing alone (split off by punctuation: “딥페이크”는) is dropped */
    return words.filter(function (w) { return suffixes.indexOf(w) === -1; }).map(stem);
  }

  function prepare(data) {
    suffixes = data.rules.suffixes.slice().sort(function (a, b) { return b.length - a.length; });
    enSuffixes = data.rules.en_suffixes.slice().sort(function (a, b) { return b.length - a.length; });
    minStem = data.rules.min_stem;
    return data;
  }

  /* search/index.js sets window.curriculumSearchIndex: a script loads from disk too. */
  function loadScript() {
    return new Promise(function (resolve, reject) {
      if (window.curriculumSearchIndex) { resolve(window.curriculumSearchIndex); return; }
      var s = document.createElement("script");
      s.src = base + "search/index.js";
      s.onload = function () {
        if (window.curriculumSearchIndex) resolve(window.curriculumSearchIndex);
        else reject(new Error("search index missing"));
      };
      s.onerror = function () { reject(new Error("search index missing")); };
      document.head.appendChild(s);
    });
  }

  function load() {
    if (!index) {
      var got = offline ? loadScript() : fetch(base + "search/index.json")
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .catch(loadScript);
      index = got.then(prepare);
    }
    return index;
  }

  function same(a, b) {
    if (a.length !== b.length) return false;
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  /* [start, length, group] of every phrase of `groups` found in the query; the
     longest first, none overlapping another. */
  function spans(toks, groups) {
    var found = [];
    groups.forEach(function (phrases, g) {
      phrases.forEach(function (phrase) {
        var n = phrase.length;
        for (var i = 0; i + n <= toks.length; i++) {
          if (same(toks.slice(i, i + n), phrase)) found.push([i, n, g]);
        }
      });
    });
    found.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0] || a[2] - b[2]; });
    var taken = {}, out = [];
    found.forEach(function (f) {
      for (var k = f[0]; k < f[0] + f[1]; k++) if (taken[k]) return;
      for (k = f[0]; k < f[0] + f[1]; k++) taken[k] = 1;
      out.push(f);
    });
    return out;
  }

  /* The units a query asks for (alternatives [factor, stems], and whether a page
     must hold it) and the kinds of question it holds: as plan() in Python. */
  function plan(data, query) {
    var toks = tokenize(query);
    var words = data.words || {};
    var synonyms = words.synonyms || [], intents = words.intents || [];
    var syn = spans(toks, synonyms.map(function (s) { return s[0]; }));
    var fired = spans(toks, intents.map(function (it) { return it[0]; }));
    var optional = {};
    fired.forEach(function (f) {
      if (intents[f[2]][3]) for (var k = f[0]; k < f[0] + f[1]; k++) optional[k] = 1;
    });
    var at = {};
    syn.forEach(function (f) { at[f[0]] = f; });
    var units = [], seen = {}, i = 0;
    while (i < toks.length) {
      var n, alts;
      if (at[i]) {
        n = at[i][1];
        alts = [[1, toks.slice(i, i + n)]].concat(
          synonyms[at[i][2]][1].map(function (f) { return [SYNONYM, f]; }));
      } else {
        n = 1;
        alts = [[1, [toks[i]]]];
      }
      var needed = false;
      for (var k = i; k < i + n; k++) if (!optional[k]) needed = true;
      i += n;
      var key = alts.map(function (a) { return a[1].join(" "); }).join("|");
      if (!seen[key]) { seen[key] = 1; units.push([alts, needed]); }
    }
    return { units: units, intents: fired.map(function (f) {
      var it = intents[f[2]];
      return [it[1], it[2], it[3]];
    }) };
  }

  /* A student's or a parent's question lands on their page: the first `optional`
     intent the query holds puts its first page within the top three. */
  var LANDING = 3;
  function land(out, fired, docs) {
    var mine = fired.filter(function (it) { return it[2]; });
    if (!mine.length) return out;
    var home = -1;
    for (var d = 0; d < docs.length; d++) if (docs[d][0] === mine[0][0][0]) { home = d; break; }
    if (home < 0) return out;
    for (var i = 0; i < Math.min(LANDING, out.length); i++) if (out[i].doc === home) return out;
    var found = null, rest = [];
    out.forEach(function (r) { if (r.doc === home) found = r; else rest.push(r); });
    rest.splice(Math.min(LANDING - 1, rest.length), 0, found || { doc: home, score: 0 });
    return rest;
  }

  function search(data, query) {
    var p = plan(data, query), units = p.units, n = data.docs.length;
    if (!units.length || !n) return [];
    if (!data.avglen) {
      var sum = 0;
      data.lengths.forEach(function (l) { sum += l; });
      data.avglen = (sum / n) || 1;
    }
    var total = new Float64Array(n), matched = new Float64Array(n);
    function add(post, factor, score, hit) {
      if (!post) return;
      var idf = Math.log(1 + n / (post.length / 2));
      for (var i = 0; i < post.length; i += 2) {
        var d = post[i], tf = post[i + 1] / 10;
        var norm = K1 * (1 - B + B * data.lengths[d] / data.avglen);
        score[d] += idf * factor * tf * (K1 + 1) / (tf + norm);
        hit[d] = 1;
      }
    }
    var needed = 0;
    units.forEach(function (u) { if (u[1]) needed++; });
    needed = needed || 1;
    units.forEach(function (u) {
      var best = new Float64Array(n), bestHit = new Float64Array(n);
      u[0].forEach(function (alt) {
        var factor = alt[0], stems = alt[1];
        var score = new Float64Array(n), hits = new Float64Array(n);
        stems.forEach(function (w) {
          var hit = new Uint8Array(n);
          add(data.terms[w], factor, score, hit);
          var ps = pieces(w);
          ps.forEach(function (q) { add(data.terms["~" + q], factor * PIECES / ps.length, score, hit); });
          if (isPiece(w)) add(data.terms["~" + w], factor * PIECES, score, hit);
          for (var d = 0; d < n; d++) hits[d] += hit[d];
        });
        for (var d = 0; d < n; d++) {
          if (score[d] > best[d]) best[d] = score[d];
          if (hits[d] / stems.length > bestHit[d]) bestHit[d] = hits[d] / stems.length;
        }
      });
      for (var d = 0; d < n; d++) {
        total[d] += best[d];
        if (u[1]) matched[d] += bestHit[d];
      }
    });
    var out = [];
    for (var d = 0; d < n; d++) {
      if (total[d] > 0) {
        var lift = 1, url = data.docs[d][0];
        p.intents.forEach(function (it) {
          var on = it[0].some(function (prefix) { return url.indexOf(prefix) === 0; });
          if (on && it[1] > lift) lift = it[1];
        });
        var frac = Math.min(1, matched[d] / needed);
        out.push({ doc: d, score: total[d] * (frac * frac) * (data.boosts ? data.boosts[d] : 1) * lift });
      }
    }
    out.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    out = land(out, p.intents, data.docs);
    return out.map(function (r) {
      var doc = data.docs[r.doc];
      return { url: doc[0], title: doc[1], label: doc[2], summary: doc[3], score: r.score };
    });
  }

  /* From disk a folder address shows a file listing: open its index.html. */
  function href(url) {
    var full = base + url;
    if (!offline) return full;
    var m = full.match(/^([^#]*)(#.*)?$/);
    return (m[1].slice(-1) === "/" ? m[1] + "index.html" : m[1]) + (m[2] || "");
  }

  function render(results, shown, query, list, status, more, none) {
    list.innerHTML = "";
    results.slice(0, shown).forEach(function (r) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = href(r.url);
      a.textContent = r.title;
      var label = document.createElement("span");
      label.className = "search-label";
      label.textContent = r.label;
      var p = document.createElement("p");
      p.textContent = r.summary;
      li.appendChild(a);
      li.appendChild(label);
      li.appendChild(p);
      list.appendChild(li);
    });
    var count = results.length;
    if (!query) status.textContent = "";
    else if (!count) status.textContent = "“" + query + "”에 맞는 결과가 없습니다. 다른 낱말로 찾거나 아래에서 골라 보세요.";
    else if (count > shown) status.textContent = "“" + query + "” 검색 결과 " + count + "건 가운데 " + shown + "건을 보여 드립니다.";
    else status.textContent = "“" + query + "” 검색 결과 " + count + "건";
    if (more) {
      more.hidden = !(count > shown);
      more.textContent = "결과 " + Math.min(PAGE, count - shown) + "건 더 보기";
    }
    if (none) none.hidden = !(query && !count);
  }

  function start() {
    var form = document.getElementById("search-page-form");
    if (!form) return;
    var input = form.querySelector("input[name=q]");
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    var more = document.getElementById("search-more");
    var none = document.getElementById("search-none");
    var params = new URLSearchParams(location.search);
    var timer = null, results = [], shown = PAGE, query = "";
    function show() { render(results, shown, query, list, status, more, none); }
    function run() {
      query = input.value.trim();
      load().then(function (data) {
        results = query ? search(data, query) : [];
        shown = PAGE;
        show();
      }, function () {
        status.textContent = "검색 색인을 읽지 못했습니다. 아래에서 골라 보세요.";
      });
      try {
        var url = new URL(location.href);
        if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
        history.replaceState(null, "", url);
      } catch (e) { /* some browsers refuse it from disk: the search still works */ }
    }
    form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 150); });
    if (more) {
      more.addEventListener("click", function () {
        var first = shown;
        shown += PAGE;
        show();
        var next = list.children[first] && list.children[first].querySelector("a");
        if (next) next.focus();
      });
    }
    if (params.get("q")) { input.value = params.get("q"); run(); }
    else input.focus();
  }

  window.curriculumSearch = {
    tokenize: function (text) { return load().then(function () { return tokenize(text); }); },
    pieces: pieces,
    query: function (q, limit) {
      return load().then(function (data) {
        var t0 = performance.now();
        var all = search(data, q);
        return { results: all.slice(0, limit || 10), total: all.length, ms: performance.now() - t0 };
      });
    }
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
