/* Korean search for this site. The same normalisation as the index builder
   (curriculum/searchindex.py), driven by the rules stored in the index itself:
   a word loses its longest listed ending (particles, verb endings) while two
   syllables remain, and longer words also match by their two-syllable pieces.
   No request leaves the site: the index is search/index.json beside this file. */
(function () {
  "use strict";
  var script = document.currentScript;
  var base = script ? script.src.replace(/assets\/search\.js(\?.*)?$/, "") : "./";
  var index = null;
  var suffixes = [], enSuffixes = [], minStem = 2;

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

  function tokenize(text) {
    var words = text.normalize("NFC").toLowerCase().match(/[가-힣]+|[a-z0-9]+/g) || [];
    /* a particle standing alone (split off by punctuation: “딥페이크”는) is dropped */
    return words.filter(function (w) { return suffixes.indexOf(w) === -1; }).map(stem);
  }

  function load() {
    if (!index) {
      index = fetch(base + "search/index.json").then(function (r) { return r.json(); })
        .then(function (data) {
          suffixes = data.rules.suffixes.slice().sort(function (a, b) { return b.length - a.length; });
          enSuffixes = data.rules.en_suffixes.slice().sort(function (a, b) { return b.length - a.length; });
          minStem = data.rules.min_stem;
          return data;
        });
    }
    return index;
  }

  /* BM25 over field-weighted counts: a document gains for each query word it holds
     (its stem, and less for the word's pieces), long pages do not win by length, and
     documents holding more of the query's words lead. */
  var K1 = 6, B = 0.75;  // k1 suits the field weights (a title counts ten)
  function search(data, query, limit) {
    var words = tokenize(query), n = data.docs.length;
    if (!data.avglen) {
      var sum = 0;
      data.lengths.forEach(function (l) { sum += l; });
      data.avglen = sum / n || 1;
    }
    var seen = {}, unique = [];
    words.forEach(function (w) { if (!seen[w]) { seen[w] = 1; unique.push(w); } });
    if (!unique.length) return [];
    var scores = new Float64Array(n), matched = new Uint8Array(n);
    unique.forEach(function (w) {
      var hit = new Uint8Array(n);
      function add(post, factor) {
        if (!post) return;
        var idf = Math.log(1 + n / (post.length / 2));
        for (var i = 0; i < post.length; i += 2) {
          var d = post[i], tf = post[i + 1] / 10;
          var norm = K1 * (1 - B + B * data.lengths[d] / data.avglen);
          scores[d] += idf * factor * tf * (K1 + 1) / (tf + norm);
          hit[d] = 1;
        }
      }
      add(data.terms[w], 1);
      var ps = pieces(w);
      ps.forEach(function (p) { add(data.terms["~" + p], 0.6 / ps.length); });
      for (var d = 0; d < n; d++) matched[d] += hit[d];
    });
    var out = [];
    for (var d = 0; d < n; d++) {
      if (scores[d] > 0) {
        out.push({ doc: d, score: scores[d] * Math.pow(matched[d] / unique.length, 2) *
                                  (data.boosts ? data.boosts[d] : 1) });
      }
    }
    out.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    return out.slice(0, limit || 10).map(function (r) {
      var doc = data.docs[r.doc];
      return { url: doc[0], title: doc[1], label: doc[2], summary: doc[3], score: r.score };
    });
  }

  function render(results, query, list, status) {
    list.innerHTML = "";
    results.forEach(function (r) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = base + r.url;
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
    status.textContent = query
      ? (results.length ? "“" + query + "” 검색 결과 " + results.length + "건" : "“" + query + "”에 맞는 결과가 없습니다. 다른 낱말로 찾아보세요.")
      : "";
  }

  function start() {
    var form = document.getElementById("search-page-form");
    if (!form) return;
    var input = form.querySelector("input[name=q]");
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    var params = new URLSearchParams(location.search);
    var timer = null;
    function run() {
      var q = input.value.trim();
      load().then(function (data) { render(q ? search(data, q, 10) : [], q, list, status); });
      var url = new URL(location.href);
      if (q) url.searchParams.set("q", q); else url.searchParams.delete("q");
      history.replaceState(null, "", url);
    }
    form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 150); });
    if (params.get("q")) { input.value = params.get("q"); run(); }
  }

  window.curriculumSearch = {
    tokenize: function (text) { return load().then(function () { return tokenize(text); }); },
    pieces: pieces,
    query: function (q, limit) {
      return load().then(function (data) {
        var t0 = performance.now();
        var results = search(data, q, limit || 10);
        return { results: results, ms: performance.now() - t0 };
      });
    }
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
