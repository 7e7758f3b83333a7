// lankg network page: reads the JSON payload, draws it with vis-network, and
// offers filters and search. Text from articles only ever reaches the DOM
// through textContent / DOM nodes, never as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("lankg-data").textContent);
  var state = { ready: false, year: "", scope: "", province: "", kind: "" };

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  function tooltip(lines) {
    var box = el("div", null, "lankg-tip");
    lines.forEach(function (line, i) { box.appendChild(el(i === 0 ? "strong" : "div", line)); });
    return box;
  }

  var kindInfo = {};
  data.kinds.forEach(function (k) { kindInfo[k.kind] = k; });

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return {
      id: n.id, label: n.label, title: tooltip(n.tooltip), size: n.size,
      color: { background: kindInfo[n.kind].color, border: "#333333" },
      kind: n.kind, province: n.province, years: n.years, scopes: n.scopes
    };
  }));
  var edges = new vis.DataSet(data.edges.map(function (e, i) {
    return {
      id: "e" + i, from: e.from, to: e.to, value: e.weight, title: tooltip(e.tooltip),
      years: e.years, scopes: e.scopes, dated: e.dated
    };
  }));

  function nodeVisible(n) {
    if (state.kind && n.kind !== state.kind) { return false; }
    if (state.province && n.province !== state.province) { return false; }
    if (state.year && n.years.indexOf(state.year) < 0) { return false; }
    if (state.scope && n.scopes.indexOf(state.scope) < 0) { return false; }
    return true;
  }
  var nodeView = new vis.DataView(nodes, { filter: nodeVisible });
  var edgeView = new vis.DataView(edges, {
    filter: function (e) {
      if (!nodeVisible(nodes.get(e.from)) || !nodeVisible(nodes.get(e.to))) { return false; }
      if (state.year && e.dated && e.years.indexOf(state.year) < 0) { return false; }
      if (state.scope && e.dated && e.scopes.indexOf(state.scope) < 0) { return false; }
      return true;
    }
  });

  function fillSelect(id, values, allText) {
    var select = document.getElementById(id);
    select.appendChild(new Option(allText, ""));
    values.forEach(function (v) {
      var text = typeof v === "string" ? v : v.label;
      var value = typeof v === "string" ? v : v.kind;
      select.appendChild(new Option(text, value));
    });
    return select;
  }

  function updateCounts() {
    document.getElementById("lankg-count").textContent =
      nodeView.length + " of " + nodes.length + " nodes, " + edgeView.length + " of " + edges.length + " links";
  }

  function applyFilters() {
    nodeView.refresh();
    edgeView.refresh();
    updateCounts();
  }

  [["lankg-year", "year", data.filters.years, "all years"],
   ["lankg-scope", "scope", data.filters.scopes, "all scopes"],
   ["lankg-province", "province", data.filters.provinces, "all provinces"],
   ["lankg-kind", "kind", data.kinds, "all kinds"]].forEach(function (spec) {
    var select = fillSelect(spec[0], spec[2], spec[3]);
    select.addEventListener("change", function () { state[spec[1]] = select.value; applyFilters(); });
  });

  var legend = document.getElementById("lankg-legend");
  data.kinds.forEach(function (k) {
    var item = el("span", null, "lankg-legend-item");
    var swatch = el("span", null, "lankg-swatch");
    swatch.style.background = k.color;
    item.appendChild(swatch);
    item.appendChild(el("span", k.label + " (" + k.count + ")"));
    legend.appendChild(item);
  });

  var n = data.nodes.length;
  var options = {
    nodes: { shape: "dot", font: { size: 14 } },
    edges: { color: { color: "#9aa5b1", highlight: "#d62728" }, scaling: { min: 1, max: 8 }, smooth: false },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: n > 2000 },
    layout: { randomSeed: 7, improvedLayout: n <= 300 },
    physics: {
      solver: "barnesHut",
      barnesHut: { gravitationalConstant: -8000, springLength: 140, avoidOverlap: 0.1 },
      stabilization: { enabled: true, iterations: n > 5000 ? 30 : n > 1000 ? 100 : 300, updateInterval: 50 }
    }
  };
  var container = document.getElementById("lankg-network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  network.on("stabilizationProgress", function (p) {
    document.getElementById("lankg-found").textContent = "laying out " + p.iterations + " / " + p.total;
  });
  network.once("stabilizationIterationsDone", function () {
    document.getElementById("lankg-found").textContent = "";
    network.setOptions({ physics: false });
    network.once("afterDrawing", function () {
      state.ready = true;
      document.body.setAttribute("data-ready", "true");
    });
    network.redraw();
  });

  var search = document.getElementById("lankg-search");
  var found = document.getElementById("lankg-found");
  function runSearch() {
    var q = search.value.trim().toLowerCase();
    found.textContent = "";
    if (!q) { network.unselectAll(); return []; }
    var ids = nodeView.getIds({ filter: function (x) { return String(x.label).toLowerCase().indexOf(q) >= 0; } });
    network.selectNodes(ids);
    found.textContent = ids.length + " found" + (ids.length ? ": " + ids.slice(0, 5).map(function (id) { return nodes.get(id).label; }).join(", ") : "");
    if (ids.length) { network.focus(ids[0], { scale: 1.2, animation: false }); }
    return ids;
  }
  search.addEventListener("input", runSearch);

  updateCounts();
  window.lankgViz = {
    network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView, state: state,
    counts: function () { return { nodes: nodeView.length, edges: edgeView.length }; },
    setFilter: function (name, value) {
      var ids = { year: "lankg-year", scope: "lankg-scope", province: "lankg-province", kind: "lankg-kind" };
      var select = document.getElementById(ids[name]);
      select.value = value;
      select.dispatchEvent(new Event("change"));
      return this.counts();
    },
    search: function (text) { search.value = text; return runSearch(); }
  };
})();
