/* 맞춤 꾸러미 만들기: a school's own pack, made in the browser (no server, no request
   outside the site). Reads the page's data (curriculum/render/custompack.py), fetches
   the chosen lessons' PDFs and letters from the site itself, fills the letters' fields
   (Word content controls, by tag) inside each DOCX's XML, draws the same values into
   each letter PDF's fill template (curriculum/printing/fill.py) with pdf-lib and
   fontkit, writes the order sheet and the manifest, and zips it all with JSZip
   (all three vendored in overrides/assets/vendor/). */
(function () {
  "use strict";
  var W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

  function base() {
    // Material writes the site root relative to this page in #__config ("..").
    try {
      var b = JSON.parse(document.getElementById("__config").textContent).base || ".";
      return b.replace(/\/?$/, "/");
    } catch (e) { return "../"; }
  }

  function kdate(d) {  // 2027. 3. 2.
    return d.getFullYear() + ". " + (d.getMonth() + 1) + ". " + d.getDate() + ".";
  }

  function safe(text) {
    return text.replace(/[\\/:*?"<>|\x00-\x1f]+/g, " ").replace(/\s+/g, " ").trim().slice(0, 40);
  }

  function pad(n) { return ("00" + n).slice(-3); }

  function csv(rows) {
    var head = Object.keys(rows[0] || {"번호": 0});
    var cell = function (v) {
      v = String(v === undefined || v === null ? "" : v);
      return /[",\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
    };
    var lines = [head.map(cell).join(",")];
    rows.forEach(function (r) { lines.push(head.map(function (h) { return cell(r[h]); }).join(",")); });
    return "\ufeff" + lines.join("\r\n") + "\r\n";  // BOM: Excel reads Korean
  }

  function copies(rule, classes, size) {
    if (rule === "poster") return 2 * classes;
    if (rule === "teacher") return classes;
    return size * classes;
  }

  /* Fill the letter's content controls (w:sdt) by their tag; a field left empty in the
     form keeps its blank. */
  function fillDocx(xml, values) {
    var doc = new DOMParser().parseFromString(xml, "application/xml");
    var sdts = doc.getElementsByTagNameNS(W, "sdt");
    for (var i = 0; i < sdts.length; i++) {
      var tag = sdts[i].getElementsByTagNameNS(W, "tag")[0];
      var key = tag && tag.getAttributeNS(W, "val");
      if (!key || !values[key]) continue;
      var texts = sdts[i].getElementsByTagNameNS(W, "sdtContent")[0].getElementsByTagNameNS(W, "t");
      if (!texts.length) continue;
      texts[0].textContent = values[key];
      for (var j = texts.length - 1; j > 0; j--) texts[j].textContent = "";
    }
    return new XMLSerializer().serializeToString(doc);
  }

  /* Which characters of the values the letters' font (a fontkit font) cannot draw: it
     holds KS X 1001's Hangul, not all 11,172 syllables ("똠" is missing, say). */
  function undrawable(font, values) {
    var have = {}, missing = {};
    font.characterSet.forEach(function (c) { have[c] = true; });
    Object.keys(values).forEach(function (k) {
      Array.from(values[k] || "").forEach(function (ch) {
        if (!have[ch.codePointAt(0)] && !/\s/.test(ch)) missing[ch] = true;
      });
    });
    return Object.keys(missing);
  }

  /* The page's MCID-to-structure array in the ParentTree (WeasyPrint writes one per
     page, under the page's /StructParents). */
  function parentArray(doc, page) {
    var L = window.PDFLib;
    var root = doc.catalog.lookup(L.PDFName.of("StructTreeRoot"), L.PDFDict);
    var nums = root.lookup(L.PDFName.of("ParentTree"), L.PDFDict)
      .lookup(L.PDFName.of("Nums"), L.PDFArray);
    var key = page.node.get(L.PDFName.of("StructParents")).asNumber();
    for (var i = 0; i < nums.size(); i += 2) {
      if (nums.lookup(i, L.PDFNumber).asNumber() === key) return nums.lookup(i + 1, L.PDFArray);
    }
    throw new Error("ParentTree has no page " + key);
  }

  /* Draw each value in its slot as real, tagged text: inside marked content whose MCID
     belongs to the slot's own structure element (an empty /Span the template made), so
     the letter stays one tagged document and screen readers read the school's name
     where it stands. The text glued to the blank ("장" of "○○학교장") is drawn with the
     value; a field left empty gets its placeholder back, as its DOCX keeps it. */
  function fillPdf(bytes, slots, values, fontBytes, blanks) {
    var L = window.PDFLib;
    return L.PDFDocument.load(bytes, {updateMetadata: false}).then(function (doc) {
      doc.registerFontkit(window.fontkit);
      return doc.embedFont(fontBytes, {subset: true}).then(function (font) {
        slots.forEach(function (s) {
          var text = (s.before || "") + (values[s.field] || blanks[s.field]) + (s.after || "");
          var page = doc.getPage(s.page), width = s.box[2] - s.box[0] - 2;
          var size = Math.min(s.size, s.size * width / font.widthOfTextAtSize(text, s.size));
          var elem = s.struct && doc.context.lookup(L.PDFRef.of(s.struct, 0));
          var mark;
          if (elem instanceof L.PDFDict) {
            var kids = parentArray(doc, page), mcid = kids.size();
            kids.push(L.PDFRef.of(s.struct, 0));
            elem.lookup(L.PDFName.of("K"), L.PDFArray).push(L.PDFNumber.of(mcid));
            mark = L.PDFOperator.of("BDC", [L.PDFName.of("Span"), doc.context.obj({MCID: mcid})]);
          } else {  // no element to belong to (a template not made by fill.py): an artifact
            mark = L.PDFOperator.of("BMC", [L.PDFName.of("Artifact")]);
          }
          page.pushOperators(mark, L.pushGraphicsState());
          if (s.bold) {  // one Regular font is shipped: a bold blank is drawn stroked too
            page.pushOperators(L.setTextRenderingMode(L.TextRenderingMode.FillAndOutline),
                               L.setLineWidth(size * 0.035));
          }
          page.drawText(text, {x: s.box[0] + 1, y: s.baseline, size: size, font: font,
                               color: L.rgb(0, 0, 0)});
          page.pushOperators(L.popGraphicsState(), L.PDFOperator.of("EMC", []));
        });
        return doc.save();
      });
    });
  }

  function fetchBytes(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.arrayBuffer();
    });
  }

  function start() {
    var form = document.getElementById("custom-pack");
    var dataEl = document.getElementById("custom-pack-data");
    if (!form || !dataEl) return;
    var data = JSON.parse(dataEl.textContent);
    var status = document.getElementById("cp-status");
    var say = function (t) { status.textContent = t; };

    if (location.protocol === "file:") {
      // The browser forbids a page opened from disk to read other files (fetch), so
      // the pack cannot be made here: say where it can be, with the public address
      // when the build knew it (the canonical link).
      var home = document.querySelector("link[rel=canonical]");
      say("이 페이지는 컴퓨터에 저장된 파일로 열려 있어(주소가 file://로 시작) 꾸러미를 만들 수 " +
          "없습니다. 브라우저가 보안을 위해 이 페이지에서 다른 파일을 읽지 못하게 막기 때문입니다. " +
          (home ? "누리집 주소 " + home.href + " 로 열어 주세요. " : "누리집을 인터넷 주소로 열어 주세요. ") +
          "인터넷을 쓸 수 없으면 인쇄 꾸러미 페이지의 학교급별 ZIP을 쓰고, 학교 이름은 그 안의 " +
          "DOCX 가정통신문에 적으세요.");
      form.querySelector("button[type=submit]").disabled = true;
    }
    if (typeof JSZip === "undefined" || typeof PDFLib === "undefined" ||
        typeof fontkit === "undefined") {
      say("꾸러미를 만드는 도구를 불러오지 못했습니다. 페이지를 새로 고쳐 보세요.");
      return;
    }

    Array.prototype.forEach.call(form.querySelectorAll(".cp-all"), function (all) {
      all.addEventListener("change", function () {
        Array.prototype.forEach.call(
          form.querySelectorAll('input[name=lesson][data-track="' + all.dataset.track + '"]'),
          function (box) { box.checked = all.checked; });
      });
    });

    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var school = form.school.value.trim();
      var chosen = {};
      Array.prototype.forEach.call(form.querySelectorAll("input[name=lesson]:checked"),
        function (box) { chosen[box.value] = true; });
      if (!school) { say("학교 이름을 적어 주세요."); form.school.focus(); return; }
      if (!Object.keys(chosen).length) { say("수업을 하나 이상 골라 주세요."); return; }
      var classes = Math.max(1, parseInt(form.classes.value, 10) || 1);
      var size = Math.max(1, parseInt(form.size.value, 10) || data.classSize);
      var startDate = form.start.value ? kdate(new Date(form.start.value + "T00:00")) : "";
      var values = {
        "school": school,
        "department": form.department.value.trim(),
        "phone": form.phone.value.trim(),
        "letter-no": form.letterno.value.trim(),
        "start-date": startDate,
        "issue-date": kdate(new Date())
      };
      var items = [];
      data.tracks.forEach(function (t) {
        t.lessons.forEach(function (l) {
          if (chosen[l.id]) l.files.forEach(function (f) { items.push({file: f, lesson: l}); });
        });
      });
      var zip = new JSZip(), root = base(), order = [], manifest = [];
      items.forEach(function (it, i) { it.name = pad(i + 1) + "_" + it.file.name; });
      say("꾸러미를 만드는 중입니다… (" + items.length + "개 파일)");
      // The letters are drawn with the font only when some letter is chosen.
      var needsFont = items.some(function (it) { return it.file.fill; });
      var font = needsFont ? fetchBytes(root + data.font) : Promise.resolve(null);
      var blank = [];  // characters the letters' font lacks: the PDF letters keep blanks
      var placeholders = {};
      Object.keys(data.fields).forEach(function (k) {
        placeholders[k] = data.fields[k].placeholder;
      });
      var filled = font.then(function (fontBytes) {
        if (!fontBytes) return null;
        blank = undrawable(window.fontkit.create(new Uint8Array(fontBytes)), values);
        return fontBytes;
      });
      Promise.all(items.map(function (it) {
        return filled.then(function (fontBytes) {
          var fill = it.file.fill && !blank.length ? it.file.fill : null;
          it.filled = !!fill;
          return fetchBytes(root + (fill ? fill.path : it.file.path)).then(function (bytes) {
            if (fill) return fillPdf(bytes, fill.slots, values, fontBytes, placeholders);
            if (!it.file.letter) return bytes;
            return JSZip.loadAsync(bytes).then(function (docx) {
              return docx.file("word/document.xml").async("string").then(function (xml) {
                docx.file("word/document.xml", fillDocx(xml, values));
                return docx.generateAsync({type: "uint8array", compression: "DEFLATE"});
              });
            });
          });
        }).then(function (bytes) { it.bytes = bytes; });
      })).then(function () {
        items.forEach(function (it, i) {
          var f = it.file;
          zip.file(it.name, it.bytes);
          manifest.push({"번호": i + 1, "파일": it.name, "자료": f.title, "수업": it.lesson.title,
                         "대상": f.audience, "쪽수": f.pages || "",
                         "부수": f.letter ? "" : copies(f.rule, classes, size)});
          if (!f.letter) {
            var n = copies(f.rule, classes, size);
            // A letter is printed from its filled-in PDF; only when the font could not
            // draw the values (the PDF kept its blanks) from the filled-in DOCX.
            var next = items[i + 1];
            var file = f.fill && !it.filled && next && next.file.letter &&
              next.lesson === it.lesson ? next.name : it.name;
            order.push({"번호": order.length + 1, "파일": file, "자료": f.title,
                        "수업": it.lesson.title, "대상": f.audience, "쪽수": f.pages,
                        "부수": n, "총 쪽수": n * f.pages, "용지": data.paper, "인쇄": f.sides});
          }
        });
        var total = order.reduce(function (s, r) { return s + r["총 쪽수"]; }, 0);
        zip.file("인쇄_주문서.csv", csv(order));
        zip.file("인쇄_주문서.txt",
          "\ufeff" + school + " 인쇄 주문서\r\n학급 " + classes + "개 · 학급당 학생 " + size +
          "명\r\n자료 " + order.length + "종, 모두 " + total + "쪽 (" + data.paper + ")\r\n" +
          (values.phone ? "연락처: " + values.phone + "\r\n" : "") +
          "자세한 부수는 인쇄_주문서.csv를 보세요.\r\n");
        zip.file("목록.csv", csv(manifest));
        zip.file("목록.json", JSON.stringify({"학교": school, "학급 수": classes,
          "학급당 학생 수": size, "파일": manifest}, null, 2));
        return zip.generateAsync({type: "blob", compression: "DEFLATE"});
      }).then(function (blob) {
        var a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = "맞춤 꾸러미_" + safe(school) + ".zip";
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 60000);
        say("다 만들었습니다: " + a.download + " (파일 " + items.length + "개와 주문서, 목록)" +
            (blank.length ? ". PDF 가정통신문의 글꼴에 없는 글자(" + blank.join(" ") + ")가 있어 " +
             "PDF에는 빈칸을 그대로 두었습니다. 학교 정보가 들어간 DOCX 가정통신문을 인쇄하세요." : ""));
      }).catch(function (err) {
        say("꾸러미를 만들지 못했습니다: " + err.message);
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
