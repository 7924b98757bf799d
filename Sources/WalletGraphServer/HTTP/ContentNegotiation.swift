import Foundation
import WalletGraph

/// The header parsing the GraphQL endpoint needs: which media type to answer with, whether a body is JSON, and
/// which language messages are in. Lenient by design: unknown parameters are ignored, a malformed entry skipped.
public enum ContentNegotiation {
    /// The GraphQL-over-HTTP media type.
    public static let graphQLResponse = "application/graphql-response+json"
    public static let json = "application/json"

    /// One entry of an `Accept` or `Accept-Language` list.
    struct Entry {
        let value: String
        let quality: Double
    }

    /// `header` split into entries (lowercased, parameters other than `q` dropped), by descending quality and
    /// otherwise in the client's order; entries with `q=0` are left out.
    static func entries(_ header: String) -> [Entry] {
        let items = header.split(separator: ",").enumerated().compactMap { index, item -> (Int, Entry)? in
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let value = parts.first, !value.isEmpty else { return nil }
            var quality = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 1.0
            }
            return quality > 0 ? (index, Entry(value: value, quality: min(quality, 1))) : nil
        }
        return items.sorted { $0.1.quality != $1.1.quality ? $0.1.quality > $1.1.quality : $0.0 < $1.0 }.map(\.1)
    }

    /// The response media type for `accept`: `application/graphql-response+json` when the client lists it at
    /// least as highly as `application/json`, else `application/json` (also without an `Accept` header).
    public static func responseMediaType(accept: String?) -> String {
        guard let accept else { return json }
        var graphQLQuality = -1.0
        var jsonQuality = -1.0
        for entry in entries(accept) {
            switch entry.value {
            case graphQLResponse: graphQLQuality = max(graphQLQuality, entry.quality)
            case json, "application/*", "*/*": jsonQuality = max(jsonQuality, entry.quality)
            default: continue
            }
        }
        return graphQLQuality >= 0 && graphQLQuality >= jsonQuality ? graphQLResponse : json
    }

    /// Whether `accept` asks for a page rather than JSON: `text/html` listed, and more highly than any JSON type
    /// (a browser's address bar; never a GraphQL client).
    public static func prefersHTML(accept: String?) -> Bool {
        guard let accept else { return false }
        var html = -1.0
        var data = -1.0
        for entry in entries(accept) {
            switch entry.value {
            case "text/html": html = max(html, entry.quality)
            case json, graphQLResponse: data = max(data, entry.quality)
            default: continue
            }
        }
        return html >= 0 && html > data
    }

    /// Whether `contentType` is `application/json` (any parameters, any case).
    public static func isJSON(contentType: String?) -> Bool {
        guard let contentType else { return false }
        let type = contentType.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        return type == json
    }

    /// The language for `acceptLanguage`: the best-rated tag whose primary subtag is `id` (or the legacy `in`)
    /// or `en`; English when none is.
    public static func language(acceptLanguage: String?) -> MessageLanguage {
        guard let acceptLanguage else { return .english }
        for entry in entries(acceptLanguage) {
            let primary = entry.value.split(separator: "-").first.map(String.init) ?? entry.value
            if primary == "id" || primary == "in" { return .indonesian }
            if primary == "en" { return .english }
        }
        return .english
    }
}
