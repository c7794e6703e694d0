(function () {
  "use strict";
  var chapter = document.getElementById("chapter");
  var print = document.getElementById("print");
  var toPrint = document.getElementById("to-print");
  var ebookTab = document.getElementById("show-ebook");
  var printTab = document.getElementById("show-print");
  var pdfBase = toPrint ? toPrint.getAttribute("href").split("#")[0] : null;

  function show(view) {
    if (chapter) { chapter.hidden = view !== "ebook"; }
    if (print) { print.hidden = view !== "print"; }
    if (ebookTab) { ebookTab.setAttribute("aria-selected", String(view === "ebook")); }
    if (printTab) { printTab.setAttribute("aria-selected", String(view === "print")); }
  }
  function remember(slug, view) {
    history.replaceState(null, "", "#" + view + "=" + encodeURIComponent(slug));
  }
  function openPrint(page) {
    if (!print || !pdfBase) { return; }
    print.src = "about:blank";
    print.src = pdfBase + "#page=" + (page || 1);
  }
  function readChapter(link) {
    document.querySelectorAll("nav a.current").forEach(function (a) { a.classList.remove("current"); });
    link.classList.add("current");
    if (chapter) { chapter.src = link.getAttribute("href"); }
    if (toPrint) {
      toPrint.setAttribute("href", pdfBase + "#page=" + (link.dataset.page || 1));
      toPrint.dataset.page = link.dataset.page || "1";
    }
    show(chapter ? "ebook" : "print");
    remember(link.dataset.slug, "ebook");
  }
  document.querySelectorAll("nav a.read").forEach(function (link) {
    link.addEventListener("click", function (event) { event.preventDefault(); readChapter(link); });
  });
  document.querySelectorAll("nav a.print").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      openPrint(link.dataset.page);
      show("print");
      var read = link.parentNode.querySelector("a.read");
      if (read) { remember(read.dataset.slug, "print"); }
    });
  });
  if (toPrint) {
    toPrint.addEventListener("click", function (event) {
      event.preventDefault();
      openPrint(toPrint.dataset.page || toPrint.getAttribute("href").split("#page=")[1]);
      show("print");
    });
  }
  if (ebookTab) { ebookTab.addEventListener("click", function () { show("ebook"); }); }
  if (printTab) { printTab.addEventListener("click", function () { show("print"); }); }

  // Where the reader was before the page reloaded itself: #ebook=slug or #print=slug.
  var match = /^#(ebook|print)=(.+)$/.exec(location.hash);
  if (match) {
    var slug = decodeURIComponent(match[2]);
    var link = document.querySelector('nav a.read[data-slug="' + CSS.escape(slug) + '"]');
    if (link) {
      readChapter(link);
      if (match[1] === "print") { openPrint(link.dataset.page); show("print"); remember(slug, "print"); }
    }
  }

  // The page updates itself: a new build reloads it (keeping the place), a build that
  // starts shows "building…". A generation is new files (the EPUB before the PDF) or a
  // finished build.
  var shown = Number(document.body.dataset.generation);
  if (window.EventSource) {
    var events = new EventSource("/events");
    events.addEventListener("build", function (event) {
      var state = JSON.parse(event.data);
      var status = document.getElementById("status");
      if (state.generation !== shown) {
        location.reload();
      } else if (state.building) {
        status.className = "status building";
        status.textContent = "building…";
      }
    });
  }
})();
