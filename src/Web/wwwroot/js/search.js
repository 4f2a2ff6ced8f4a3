// Search as you type: the header's search form stays a plain GET form; this only adds suggestions under it.
(function () {
  "use strict";
  var input = document.querySelector("input[data-suggest]");
  if (!input || !window.fetch) { return; }
  var list = document.getElementById(input.getAttribute("aria-controls"));
  var timer = 0;
  var pending = null;

  function hide() { list.hidden = true; list.textContent = ""; }

  function show(hits) {
    list.textContent = "";
    hits.forEach(function (hit) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = hit.url;
      link.textContent = hit.title;
      var type = document.createElement("small");
      type.textContent = hit.typeLabel + (hit.date ? " · " + hit.date : "");
      link.appendChild(type);
      item.appendChild(link);
      list.appendChild(item);
    });
    list.hidden = hits.length === 0;
  }

  function suggest() {
    var text = input.value.trim();
    if (text.length < 2) { hide(); return; }
    if (pending) { pending.abort(); }
    pending = window.AbortController ? new AbortController() : null;
    fetch(input.getAttribute("data-suggest") + "&q=" + encodeURIComponent(text), { signal: pending && pending.signal, headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { hits: [] }; })
      .then(function (body) { show(body.hits || []); })
      .catch(function () { /* typing on: a newer request replaced this one */ });
  }

  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(suggest, 200); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { hide(); }
    if (event.key === "ArrowDown" && !list.hidden && list.firstChild) { event.preventDefault(); list.firstChild.firstChild.focus(); }
  });
  list.addEventListener("keydown", function (event) {
    var current = document.activeElement.parentNode;
    if (event.key === "ArrowDown" && current.nextSibling) { event.preventDefault(); current.nextSibling.firstChild.focus(); }
    if (event.key === "ArrowUp") { event.preventDefault(); (current.previousSibling ? current.previousSibling.firstChild : input).focus(); }
    if (event.key === "Escape") { hide(); input.focus(); }
  });
  document.addEventListener("click", function (event) { if (!input.form.contains(event.target)) { hide(); } });
})();
