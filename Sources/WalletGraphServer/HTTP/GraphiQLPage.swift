import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// GraphiQL, served from this server alone: `GET /graphiql`, and `GET /graphql` from a browser. Its files
/// (GraphiQL, React, their CSS) come from the PyPI package `graphene-django-graphiql-static`, which `scripts/run`
/// installs; they are read from ``ServerConfiguration/graphiqlAssetsDirectory`` once, at startup, and served
/// from memory under `/graphiql/assets/`. Without them the page says how to install them.
///
/// The page has a token field: its value goes out as `Authorization: Bearer …` with every request (kept in the
/// tab's session storage, never sent anywhere else).
struct GraphiQLPage: Sendable {
    /// The files the page loads, by name, with their media types.
    static let assetTypes: [String: String] = [
        "graphiql.min.css": "text/css; charset=utf-8",
        "graphiql.min.js": "text/javascript; charset=utf-8",
        "react.production.min.js": "text/javascript; charset=utf-8",
        "react-dom.production.min.js": "text/javascript; charset=utf-8",
    ]

    static let frameOptions = HTTPField.Name("X-Frame-Options")!

    /// The files found, by name; empty when the folder is missing or incomplete.
    let assets: [String: ByteBuffer]
    let folder: String

    /// Reads the files from `folder` (blocking: call at startup, never on an event loop).
    static func load(from folder: String) -> GraphiQLPage {
        var assets: [String: ByteBuffer] = [:]
        for name in assetTypes.keys {
            guard let data = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent(name)) else {
                return GraphiQLPage(assets: [:], folder: folder)
            }
            assets[name] = ByteBuffer(bytes: data)
        }
        return GraphiQLPage(assets: assets, folder: folder)
    }

    var isInstalled: Bool { !assets.isEmpty }

    func register(on router: Router<ServerRequestContext>) {
        router.get("/graphiql") { _, _ in response() }
        router.get("/graphiql/assets/:name") { _, context in
            guard let name = context.parameters.get("name"), let type = Self.assetTypes[name], let body = assets[name] else {
                throw HTTPError(.notFound)
            }
            return Response(
                status: .ok,
                headers: [.contentType: type, .cacheControl: "public, max-age=86400", .xContentTypeOptions: "nosniff"],
                body: ResponseBody(byteBuffer: body))
        }
    }

    /// The page, or the one sentence on installing its files.
    func response() -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-store", .xContentTypeOptions: "nosniff",
                Self.frameOptions: "DENY",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: isInstalled ? Self.page : missingPage)))
    }

    private var missingPage: String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>WalletGraph GraphiQL</title></head>
        <body><p id="graphiql-missing">GraphiQL's files are not installed: run <code>scripts/install-graphiql</code> \
        (or set GRAPHIQL_ASSETS_DIR to a folder holding graphiql.min.js, graphiql.min.css, react.production.min.js \
        and react-dom.production.min.js) and restart the server.</p></body></html>

        """
    }

    static let page = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>WalletGraph GraphiQL</title>
          <link rel="stylesheet" href="/graphiql/assets/graphiql.min.css">
          <style>
            html, body { height: 100%; margin: 0; }
            body { display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
            #token-bar { display: flex; gap: 8px; align-items: center; padding: 6px 10px; border-bottom: 1px solid #ddd; }
            #token { flex: 1; font-family: monospace; }
            #graphiql { flex: 1; min-height: 0; }
          </style>
        </head>
        <body>
          <div id="token-bar">
            <label for="token">Token</label>
            <input id="token" type="password" autocomplete="off" placeholder="Paste a token from signIn; sent as Authorization: Bearer …">
            <button id="token-clear" type="button">Clear</button>
          </div>
          <div id="graphiql">Loading…</div>
          <script src="/graphiql/assets/react.production.min.js"></script>
          <script src="/graphiql/assets/react-dom.production.min.js"></script>
          <script src="/graphiql/assets/graphiql.min.js"></script>
          <script>
            (function () {
              var tokenInput = document.getElementById("token");
              tokenInput.value = sessionStorage.getItem("walletgraph-token") || "";
              tokenInput.addEventListener("input", function () { sessionStorage.setItem("walletgraph-token", tokenInput.value.trim()); });
              document.getElementById("token-clear").addEventListener("click", function () {
                tokenInput.value = ""; sessionStorage.removeItem("walletgraph-token");
              });
              function fetcher(params, options) {
                var headers = { "Content-Type": "application/json", "Accept": "application/graphql-response+json, application/json" };
                var extra = (options && options.headers) || {};
                Object.keys(extra).forEach(function (name) { headers[name] = extra[name]; });
                var token = tokenInput.value.trim().replace(/^Bearer\\s+/i, "");
                if (token) { headers["Authorization"] = "Bearer " + token; }
                return fetch("/graphql", { method: "POST", headers: headers, body: JSON.stringify(params) })
                  .then(function (response) { return response.json(); });
              }
              var search = new URLSearchParams(window.location.search);
              var properties = {
                fetcher: fetcher,
                defaultQuery: "{\\n  assets {\\n    code\\n    name\\n    scale\\n  }\\n}\\n",
                headerEditorEnabled: true,
              };
              // A link with ?query= opens that query, over whatever the tab had stored.
              if (search.get("query")) { properties.query = search.get("query"); }
              if (search.get("variables")) { properties.variables = search.get("variables"); }
              ReactDOM.render(React.createElement(GraphiQL, properties), document.getElementById("graphiql"));
            })();
          </script>
        </body>
        </html>

        """
}
