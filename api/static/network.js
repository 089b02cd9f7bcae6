/* diplokg ego network: draws /network.cyjs into #ego-network with Cytoscape.js.
 *
 * The page provides <div id="ego-network" data-actor="IRI" data-src="/network.cyjs?actor=...">
 * and loads /static/cytoscape/cytoscape.min.js before this file. Nodes are coloured by actor type,
 * edges by kind (positions by stance); hovering shows what and when; clicking a node opens its
 * page (data.href, the IRI's path on this server). The instance is window.diplokgNetwork.
 */
(function () {
  "use strict";

  var TYPE_COLOURS = {
    COUNTRY: "#1f77b4", PERSON: "#ff7f0e", ORGANISATION: "#2ca02c", PLACE: "#8c564b",
    MEETING: "#9467bd", DOCUMENT: "#7f7f7f", MOTION: "#e377c2", ACTOR: "#bcbd22"
  };
  var KIND_COLOURS = { event: "#9aa5b1", role: "#2ca02c", motion: "#e377c2", position: "#555555" };
  // Positive stances green, critical ones red, calls and worries amber.
  var STANCE_COLOURS = {
    SUPPORTS: "#2e7d32", WELCOMES: "#66bb6a", CALLS_FOR: "#f9a825", CONCERNED: "#ef6c00",
    REGRETS: "#e57373", OPPOSES: "#c62828", CONDEMNS: "#8e0000"
  };

  function edgeColour(data) {
    if (data.kind === "position" && STANCE_COLOURS[data.stance]) return STANCE_COLOURS[data.stance];
    return KIND_COLOURS[data.kind] || "#999999";
  }

  function describe(data, isEdge) {
    if (!isEdge) return (data.label || data.id) + " (" + (data.type || "actor").toLowerCase() + ")";
    var what = data.kind === "position" ? "position: " + data.stance
      : data.kind === "event" ? "event: " + data.event_type
      : data.kind === "role" ? "role: " + (data.role || "post")
      : "motion";
    var parts = [what];
    if (data.date) parts.push("date: " + data.date);
    if (data.sentences) parts.push(data.sentences + " sentence" + (data.sentences === 1 ? "" : "s"));
    return parts.join(" · ");
  }

  // The server path of a node: data.href when the server set it, else the IRI minus the base
  // (the base is what the current actor's IRI has before this page's path).
  function pathOf(data, container) {
    if (data.href) return data.href;
    var actor = container.getAttribute("data-actor") || "";
    var here = window.location.pathname;
    var base = actor.endsWith(here) ? actor.slice(0, actor.length - here.length) : null;
    return base && data.iri && data.iri.indexOf(base) === 0 ? data.iri.slice(base.length) : null;
  }

  function showMessage(container, text) {
    var p = document.createElement("p");
    p.className = "network-message";
    p.textContent = text;
    container.appendChild(p);
  }

  function draw(container, json) {
    var elements = (json && json.elements) || { nodes: [], edges: [] };
    if (!elements.nodes.length) {
      showMessage(container, "No relations recorded for this actor yet.");
      return null;
    }
    var many = elements.edges.length > 60;
    var focus = container.getAttribute("data-actor");
    var cy = window.cytoscape({
      container: container,
      elements: elements,
      wheelSensitivity: 0.3,
      minZoom: 0.1,
      maxZoom: 4,
      style: [
        { selector: "node", style: {
          "label": "data(label)", "font-size": 10, "text-valign": "bottom", "text-margin-y": 3,
          "text-wrap": "ellipsis", "text-max-width": 120, "color": "#222",
          "background-color": function (n) { return TYPE_COLOURS[n.data("type")] || "#bcbd22"; },
          "width": function (n) { return 14 + Math.min(26, 4 * (n.data("documents") || 1)); },
          "height": function (n) { return 14 + Math.min(26, 4 * (n.data("documents") || 1)); },
          "text-background-color": "#fff", "text-background-opacity": 0.7, "text-background-padding": 1
        } },
        { selector: "node[type = 'MOTION']", style: { "shape": "round-rectangle" } },
        { selector: "node.focus", style: { "border-width": 3, "border-color": "#000", "font-weight": "bold" } },
        { selector: "edge", style: {
          "width": function (e) { return 1 + Math.min(4, (e.data("sentences") || 1) - 1); },
          "line-color": function (e) { return edgeColour(e.data()); },
          "target-arrow-color": function (e) { return edgeColour(e.data()); },
          "target-arrow-shape": function (e) { return e.data("kind") === "event" ? "none" : "triangle"; },
          "curve-style": many ? "haystack" : "bezier",
          "opacity": 0.75,
          "label": many ? "" : "data(label)", "font-size": 7, "color": "#555",
          "text-rotation": "autorotate", "text-background-color": "#fff", "text-background-opacity": 0.6
        } },
        { selector: "edge.hover", style: { "label": "data(label)", "opacity": 1, "z-index": 10 } }
      ],
      // cose stays readable at a few hundred nodes when it is not animated and repulsion grows
      // with the graph; a fixed seed-free layout is fine, positions are not compared.
      layout: {
        name: "cose", animate: false, randomize: true, fit: true, padding: 20,
        nodeDimensionsIncludeLabels: true,
        nodeRepulsion: function () { return 12000 + 100 * elements.nodes.length; },
        // Parallel edges (several stances, shared events) pull cliques tight: weak springs.
        idealEdgeLength: function () { return 90; }, edgeElasticity: function () { return 150; },
        nodeOverlap: 20, gravity: 0.5, numIter: 1500, componentSpacing: 80, nestingFactor: 1.2
      }
    });
    if (focus) cy.nodes().filter(function (n) { return n.id() === focus; }).addClass("focus");

    var tip = document.createElement("div");
    tip.className = "network-tooltip";
    tip.setAttribute("role", "tooltip");
    tip.style.cssText = "position:absolute;pointer-events:none;background:#fff;border:1px solid #999;" +
      "padding:2px 6px;font-size:12px;display:none;z-index:10;white-space:nowrap";
    container.appendChild(tip);
    cy.on("mouseover", "node, edge", function (evt) {
      var el = evt.target;
      if (el.isEdge()) el.addClass("hover");
      tip.textContent = describe(el.data(), el.isEdge());
      tip.style.left = (evt.renderedPosition.x + 12) + "px";
      tip.style.top = (evt.renderedPosition.y + 12) + "px";
      tip.style.display = "block";
    });
    cy.on("mouseout", "node, edge", function (evt) {
      evt.target.removeClass("hover");
      tip.style.display = "none";
    });
    cy.on("tap", "node", function (evt) {
      var path = pathOf(evt.target.data(), container);
      if (path) window.location.assign(path);
    });
    return cy;
  }

  function init() {
    var container = document.getElementById("ego-network");
    if (!container) return;
    if (typeof window.cytoscape !== "function") {
      showMessage(container, "The network viewer could not be loaded.");
      return;
    }
    if (!container.style.height && container.clientHeight < 50) container.style.height = "480px";
    container.style.position = container.style.position || "relative";
    var src = container.getAttribute("data-src");
    if (!src) return;
    fetch(src, { headers: { Accept: "application/json" } })
      .then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      })
      .then(function (json) {
        window.diplokgNetwork = draw(container, json);
        container.setAttribute("data-ready", "true");
      })
      .catch(function (err) {
        // Shown on the page, not thrown: a missing network must not break the rest of it.
        showMessage(container, "The network could not be loaded (" + err.message + ").");
        container.setAttribute("data-ready", "error");
      });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
