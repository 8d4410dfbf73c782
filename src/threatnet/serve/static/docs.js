// The OpenAPI page: Swagger UI (vendored) over this app's /openapi.json.
const el = document.getElementById("swagger-ui");
window.ui = SwaggerUIBundle({url: el.dataset.url, dom_id: "#swagger-ui", deepLinking: true});
