// The API documentation page: Swagger UI on the schema named by the page (no inline script,
// so the portal's strict Content Security Policy holds).
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.dataset.schemaUrl,
    dom_id: "#swagger-ui",
    deepLinking: true,
    persistAuthorization: false,
    validatorUrl: null,
    // The base layout, without the standalone top bar: its Swagger logo is an SVG with an
    // inline <style>, which the strict CSP refuses.
    presets: [SwaggerUIBundle.presets.apis],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: "BaseLayout",
  });
})();
