// The SPARQL editor: YASGUI pointed at this server's endpoint, with everything that would call
// another host switched off (endpoint catalogue, LOV class/property completion, prefix.cc).
(function () {
  "use strict";
  var root = document.getElementById("yasgui");
  var endpoint = new URL(root.dataset.endpoint || "/sparql", window.location.href).href;
  var defaultQuery = document.getElementById("default-query").value;
  var yasgui = new Yasgui(root, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    // Only our endpoint in the endpoint picker (the defaults are DBpedia and Wikidata).
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; }, keys: [] },
    populateFromUrl: true, // /sparql#query=... opens a tab with that query (links on the home page)
    persistenceId: "diplokg-yasgui",
    yasqe: {
      value: defaultQuery,
      // "class" and "property" ask lov.linkeddata.es; variables and prefixes are local.
      autocompleters: ["variables", "prefixes"],
      prefixCcApi: null,
      resizeable: true,
      editorHeight: "18rem",
    },
    yasr: { prefixes: {} },
  });
  // Tabs restored from an earlier visit keep this server's endpoint, whatever was stored.
  Object.keys(yasgui._tabs || {}).forEach(function (id) {
    var tab = yasgui.getTab(id);
    if (tab && tab.getEndpoint && tab.getEndpoint() !== endpoint) tab.setEndpoint(endpoint);
  });
  window.yasgui = yasgui; // for scripts and the browser test
})();
