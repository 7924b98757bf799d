import OrderedCollections

/// One GraphQL request as it arrives over HTTP or a socket: query text, optional operation name, variables.
public struct GraphQLRequest: Sendable {
    /// The document text.
    public var query: String
    /// Which operation to run when the document has several.
    public var operationName: String?
    /// Variable values as decoded JSON (an object; keys are variable names without `$`).
    public var variables: [String: InputValue]
    /// Joins masked errors in the logs with this request; generated when nil.
    public var requestID: String?
    /// The request's `extensions` object (e.g. `persistedQuery`), as decoded JSON.
    public var extensions: [String: InputValue] = [:]

    /// Creates a request.
    public init(query: String, operationName: String? = nil, variables: [String: InputValue] = [:], requestID: String? = nil) {
        self.query = query
        self.operationName = operationName
        self.variables = variables
        self.requestID = requestID
    }

    /// Decodes a JSON request body `{"query": …, "operationName": …, "variables": {…}}` with the JSON limits.
    /// A malformed body is a request error with code `BAD_USER_INPUT`.
    public static func decode(body: [UInt8], limits: JSONParser.Limits = JSONParser.Limits()) throws(GraphQLError) -> GraphQLRequest {
        let json: InputValue
        do {
            json = try JSONParser.parse(body, limits: limits)
        } catch {
            throw GraphQLError("The request body is not valid JSON: \(error.description).", code: .badUserInput)
        }
        guard case .object(let fields) = json else { throw GraphQLError("The request body must be a JSON object.", code: .badUserInput) }
        let extensions = try extensions(fields["extensions"])
        let query: String
        switch fields["query"] {
        case .string(let text)?: query = text
        // A persisted query may come as its hash alone: the transport looks the text up.
        case nil where extensions["persistedQuery"] != nil, .null? where extensions["persistedQuery"] != nil: query = ""
        default: throw GraphQLError("The request body must contain a \"query\" string.", code: .badUserInput)
        }
        var operationName: String?
        switch fields["operationName"] {
        case .string(let name)?: operationName = name
        case .null?, nil: operationName = nil
        default: throw GraphQLError("\"operationName\" must be a string.", code: .badUserInput)
        }
        var request = GraphQLRequest(query: query, operationName: operationName, variables: try variables(fields["variables"]))
        request.extensions = extensions
        return request
    }

    /// Decodes an `extensions` JSON text (e.g. from a GET query string); empty or `null` means none.
    public static func decodeExtensions(_ bytes: [UInt8], limits: JSONParser.Limits = JSONParser.Limits()) throws(GraphQLError) -> [String: InputValue] {
        if bytes.isEmpty { return [:] }
        let value: InputValue
        do {
            value = try JSONParser.parse(bytes, limits: limits)
        } catch {
            throw GraphQLError("Extensions are invalid JSON: \(error.description).", code: .badUserInput)
        }
        return try extensions(value)
    }

    private static func extensions(_ value: InputValue?) throws(GraphQLError) -> [String: InputValue] {
        switch value {
        case nil, .null?: return [:]
        case .object(let fields)?:
            var extensions: [String: InputValue] = [:]
            for (key, item) in fields { extensions[key] = item }
            return extensions
        default:
            throw GraphQLError("\"extensions\" must be a JSON object.", code: .badUserInput)
        }
    }

    /// Decodes a `variables` JSON text (e.g. from a GET query string); empty or `null` means none.
    public static func decodeVariables(_ bytes: [UInt8], limits: JSONParser.Limits = JSONParser.Limits()) throws(GraphQLError) -> [String: InputValue] {
        if bytes.isEmpty { return [:] }
        do {
            return try variables(try JSONParser.parse(bytes, limits: limits))
        } catch let error as GraphQLError {
            throw error
        } catch {
            throw GraphQLError("Variables are invalid JSON: \(error).", code: .badUserInput)
        }
    }

    private static func variables(_ value: InputValue?) throws(GraphQLError) -> [String: InputValue] {
        switch value {
        case nil, .null?: return [:]
        case .object(let fields)?:
            var variables: [String: InputValue] = [:]
            variables.reserveCapacity(fields.count)
            for (key, item) in fields { variables[key] = item }
            return variables
        default:
            throw GraphQLError("Variables must be provided as a JSON object.", code: .badUserInput)
        }
    }
}
