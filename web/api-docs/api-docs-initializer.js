/* Starts Swagger UI on the API's own OpenAPI document (same origin; no inline script, for the CSP). */
window.addEventListener("load", function startApiDocs() {
  window.ui = window.SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    // No "validator badge": it would send the document to an outside service.
    validatorUrl: null,
    tryItOutEnabled: false,
    persistAuthorization: false,
  });
});
