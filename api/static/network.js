/* diplokg ego network: draws /network.cyjs into #ego-network with Cytoscape.js.
 *
 * The page provides <div id="ego-network" data-actor="IRI" data-src="/network.cyjs?actor=...">
 * and loads /static/cytoscape/cytoscape.min.js before this file. The network is the weighted one
 * (one edge per actor pair and relation kind, data.weight = the facts behind it). Nodes are
 * coloured by actor type, edges by kind (positions by their most frequent stance), edge width
 * follows the weight, co-participation edges have no arrow; a legend under the drawing names the
 * colours present. Labels stay at least LABEL_PX on screen however far the view is zoomed out.
 * Hovering shows what and when; clicking a node opens its page (data.href, the IRI's path on this
 * server). The instance is window.diplokgNetwork.
 */
(function () {
  "use strict";

  var TYPE_COLOURS = {
    COUNTRY: "#1f77b4", PERSON: "#ff7f0e", ORGANISATION: "#2ca02c", PLACE: "#8c564b",
    MEETING: "#9467bd", DOCUMENT: "#7f7f7f", MOTION: "#e377c2", ACTOR: "#bcbd22"
  };
  var KIND_COLOURS = { event: "#9aa5b1", role: "#17becf", motion: "#e377c2", position: "#555555" };
  // Positive stances green, critical ones red, calls and worries amber.
  var STANCE_COLOURS = {
    SUPPORTS: "#2e7d32", WELCOMES: "#66bb6a", CALLS_FOR: "#f9a825", CONCERNED: "#ef6c00",
    REGRETS: "#e57373", OPPOSES: "#c62828", CONDEMNS: "#8e0000"
  };

  var TYPE_NAMES = {
    COUNTRY: "country", PERSON: "person", ORGANISATION: "organisation", PLACE: "place",
    MEETING: "meeting", DOCUMENT: "document", MOTION: "motion", ACTOR: "other actor"
  };
  var KIND_NAMES = {
    event: "shared event (no direction)", role: "post: person \u2192 organisation",
    motion: "submitted: person \u2192 motion", position: "position: holder \u2192 target"
  };
  var UNITS = { event: ["event", "events"], position: ["position", "positions"], role: ["post", "posts"],
                motion: ["motion", "motions"] };
  // Screen pixels: the font size is divided by the zoom when the view is zoomed out to fit.
  var LABEL_PX = 12, EDGE_LABEL_PX = 11;

  function edgeColour(data) {
    if (data.kind === "position" && STANCE_COLOURS[data.stance]) return STANCE_COLOURS[data.stance];
    return KIND_COLOURS[data.kind] || "#999999";
  }

  // "CONDEMNS:2 CALLS_FOR:1" (the weighted network's counts) -> "CONDEMNS \u00d72, CALLS_FOR".
  function counts(text) {
    return (text || "").split(" ").filter(Boolean).map(function (t) {
      var kv = t.split(":");
      return kv[1] && kv[1] !== "1" ? kv[0] + " \u00d7" + kv[1] : kv[0];
    }).join(", ");
  }

  function describe(data, isEdge) {
    if (!isEdge) return (data.label || data.id) + " (" + (TYPE_NAMES[data.type] || "actor") + ")";
    var what = data.kind === "position" ? "position: " + (counts(data.stances) || data.stance)
      : data.kind === "event" ? "event: " + (counts(data.event_types) || data.event_type)
      : data.kind === "role" ? "role: " + (data.role || "post")
      : "motion";
    var parts = [what];
    var n = data.weight || 1, unit = UNITS[data.kind] || ["fact", "facts"];
    if (n > 1) parts.push(n + " " + unit[1]);
    var dates = (data.dates || data.date || "").split(" ").filter(Boolean);
    if (dates.length === 1) parts.push("date: " + dates[0]);
    else if (dates.length > 1) parts.push("dates: " + dates[0] + " \u2026 " + dates[dates.length - 1]);
    return parts.join(" \u00b7 ");
  }

  function swatch(className, colour) {
    var s = document.createElement("span");
    s.className = "swatch " + className;
    s.style.setProperty("--swatch", colour);
    return s;
  }

  // The legend names only what is drawn: node types, edge kinds, and for positions each stance.
  function legend(container, cy) {
    var box = document.createElement("div");
    box.className = "network-legend";
    box.setAttribute("aria-label", "Legend of the network");
    var list = document.createElement("ul");
    function item(key, value, sw, text) {
      var li = document.createElement("li");
      li.setAttribute("data-" + key, value);
      li.appendChild(sw);
      li.appendChild(document.createTextNode(text));
      list.appendChild(li);
    }
    var types = {}, kinds = {}, stances = {};
    cy.nodes().forEach(function (n) { types[n.data("type") || "ACTOR"] = true; });
    cy.edges().forEach(function (e) {
      kinds[e.data("kind")] = true;
      if (e.data("kind") === "position" && STANCE_COLOURS[e.data("stance")]) stances[e.data("stance")] = true;
    });
    Object.keys(TYPE_COLOURS).filter(function (t) { return types[t]; }).forEach(function (t) {
      item("type", t, swatch(t === "MOTION" ? "node motion" : "node", TYPE_COLOURS[t]), TYPE_NAMES[t]);
    });
    Object.keys(KIND_COLOURS).filter(function (k) { return kinds[k] && k !== "position"; }).forEach(function (k) {
      item("kind", k, swatch("edge", KIND_COLOURS[k]), KIND_NAMES[k]);
    });
    if (kinds.position) {
      Object.keys(STANCE_COLOURS).filter(function (s) { return stances[s]; }).forEach(function (s) {
        item("kind", "position", swatch("edge", STANCE_COLOURS[s]),
             "position: " + s.toLowerCase().replace("_", " "));
      });
    }
    box.appendChild(list);
    var note = document.createElement("p");
    note.textContent = "Node size: documents naming the actor. Line width: number of facts. " +
      "Hover for details, click a node to open it.";
    box.appendChild(note);
    container.parentNode.insertBefore(box, container.nextSibling);
    return box;
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

  // cose gives a roundish cloud; in a wide box it would be fitted by its height and leave the sides
  // empty, with labels crowded in the middle. Stretch it sideways to the box's proportions (at most
  // threefold) before fitting.
  function widen(cy, container) {
    var bb = cy.nodes().boundingBox({ includeLabels: false });
    if (bb.w < 1 || bb.h < 1) return;
    var factor = Math.min(3, (container.clientWidth / container.clientHeight) / (bb.w / bb.h));
    if (factor <= 1) return;
    var cx = bb.x1 + bb.w / 2;
    cy.nodes().positions(function (n) {
      var p = n.position();
      return { x: cx + (p.x - cx) * factor, y: p.y };
    });
  }

  function nodeSize(n) { return 14 + Math.min(26, 4 * (n.data("documents") || 1)); }

  function draw(container, json) {
    var elements = (json && json.elements) || { nodes: [], edges: [] };
    if (!elements.nodes.length) {
      showMessage(container, "No relations recorded for this actor yet.");
      return null;
    }
    // Edge captions only where they can be read: a small network.
    var captions = elements.edges.length <= 30;
    var focus = container.getAttribute("data-actor");
    // Zoomed out to fit (zoom < 1), labels grow in model units so they keep their screen size.
    var shrink = 1;
    var cy = window.cytoscape({
      container: container,
      elements: elements,
      wheelSensitivity: 0.3,
      minZoom: 0.1,
      maxZoom: 4,
      style: [
        { selector: "node", style: {
          "label": "data(label)", "font-size": function () { return LABEL_PX / shrink; },
          "text-valign": "bottom", "text-margin-y": 3,
          "text-wrap": "ellipsis", "text-max-width": function () { return 160 / shrink; }, "color": "#222",
          "background-color": function (n) { return TYPE_COLOURS[n.data("type")] || "#bcbd22"; },
          // Nodes grow less than labels when zoomed out: visible, without covering the picture.
          "width": function (n) { return nodeSize(n) / Math.sqrt(shrink); },
          "height": function (n) { return nodeSize(n) / Math.sqrt(shrink); },
          "text-background-color": "#fff", "text-background-opacity": 0.75, "text-background-padding": 1
        } },
        { selector: "node[type = 'MOTION']", style: { "shape": "round-rectangle" } },
        { selector: "node.focus", style: { "border-width": 3, "border-color": "#000", "font-weight": "bold" } },
        { selector: "edge", style: {
          "width": function (e) { return Math.min(7, 1 + 1.5 * Math.log2(e.data("weight") || 1)); },
          "line-color": function (e) { return edgeColour(e.data()); },
          "target-arrow-color": function (e) { return edgeColour(e.data()); },
          "target-arrow-shape": function (e) { return e.data("directed") === false ? "none" : "triangle"; },
          "curve-style": "bezier",
          "opacity": 0.75,
          "label": captions ? "data(label)" : "", "font-size": function () { return EDGE_LABEL_PX / shrink; },
          "color": "#444", "text-rotation": "autorotate",
          "text-background-color": "#fff", "text-background-opacity": 0.7
        } },
        { selector: "edge.hover", style: { "label": "data(label)", "opacity": 1, "z-index": 10 } }
      ],
      // cose stays readable at a few hundred nodes when it is not animated and repulsion grows
      // with the graph; a fixed seed-free layout is fine, positions are not compared.
      layout: {
        name: "cose", animate: false, randomize: true, fit: false, padding: 20,
        nodeDimensionsIncludeLabels: true,
        nodeRepulsion: function () { return 12000 + 100 * elements.nodes.length; },
        // Several kinds between one pair (an event and a position) pull cliques tight: weak springs.
        idealEdgeLength: function () { return 90; }, edgeElasticity: function () { return 150; },
        nodeOverlap: 20, gravity: 0.5, numIter: 1500, componentSpacing: 80, nestingFactor: 1.2
      }
    });
    if (focus) cy.nodes().filter(function (n) { return n.id() === focus; }).addClass("focus");
    widen(cy, container);
    cy.fit(undefined, 20);
    function rescale() {
      var next = Math.min(cy.zoom(), 1);
      if (next === shrink) return;
      shrink = next;
      cy.style().update();  // re-evaluates the size functions above
    }
    rescale();
    cy.on("zoom", rescale);
    legend(container, cy);

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
    if (!container.style.height && container.clientHeight < 50) container.style.height = "560px";
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
