import GraphQLCore

/// A top-level GraphQL error meant for the client, with its message in the request's language: the refusals the
/// API itself makes (no or a bad token, no authority, rate limited, bad input). Business outcomes of mutations
/// are `userErrors`, not these; the engine's own refusals (parse, validation, complexity) are its own.
public struct APIError: Error, Sendable, GraphQLErrorConvertible {
    public enum Code: Sendable {
        case unauthenticated
        case forbidden
        case rateLimited
        case badUserInput

        /// The code clients see.
        public var graphQLCode: GraphQLCore.ErrorCode {
            switch self {
            case .unauthenticated: .unauthenticated
            case .forbidden: .forbidden
            case .rateLimited: .rateLimited
            case .badUserInput: .badUserInput
            }
        }
    }

    public let code: Code
    public let language: MessageLanguage
    /// Overrides the code's stock message (in `language`), e.g. to say which argument is wrong.
    public let customMessage: String?
    public let extensions: [String: String]

    public init(_ code: Code, language: MessageLanguage, message: String? = nil, extensions: [String: String] = [:]) {
        self.code = code
        self.language = language
        self.customMessage = message
        self.extensions = extensions
    }

    public var graphQLErrorCode: GraphQLCore.ErrorCode { code.graphQLCode }
    public var graphQLErrorExtensions: [String: String] { extensions }

    public var graphQLErrorMessage: String {
        if let customMessage { return customMessage }
        return Self.message(code, in: language)
    }

    public static func message(_ code: Code, in language: MessageLanguage) -> String {
        switch (code, language) {
        case (.unauthenticated, .english): "Authentication required: send a valid token as 'Authorization: Bearer <token>'."
        case (.unauthenticated, .indonesian): "Autentikasi diperlukan: kirim token yang valid sebagai 'Authorization: Bearer <token>'."
        case (.forbidden, .english): "You are not allowed to perform this operation."
        case (.forbidden, .indonesian): "Anda tidak diizinkan melakukan operasi ini."
        case (.rateLimited, .english): "Too many attempts; please wait and try again."
        case (.rateLimited, .indonesian): "Terlalu banyak percobaan; silakan tunggu lalu coba lagi."
        case (.badUserInput, .english): "The input is not valid."
        case (.badUserInput, .indonesian): "Masukan tidak valid."
        }
    }

    /// The 429 answer's message: when to retry.
    public static func retryMessage(after seconds: Int, in language: MessageLanguage) -> String {
        switch language {
        case .english: "Too many requests; retry in \(seconds) s."
        case .indonesian: "Terlalu banyak permintaan; coba lagi dalam \(seconds) detik."
        }
    }

    /// The masked answer to a failure the client cannot act on.
    public static func internalMessage(in language: MessageLanguage) -> String {
        switch language {
        case .english: "Internal server error."
        case .indonesian: "Terjadi kesalahan internal."
        }
    }

    /// A request error answering with this error alone, as the body of a refused request.
    public var requestErrorBody: [UInt8] { GraphQLResponse.requestError([graphQLError]).bytes }

    /// This error in the engine's form.
    public var graphQLError: GraphQLError {
        GraphQLError(graphQLErrorMessage, code: graphQLErrorCode, extensions: extensions)
    }
}
