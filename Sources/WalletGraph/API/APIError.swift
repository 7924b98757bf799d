import GraphQLCore

/// A top-level GraphQL error meant for the client. The only top-level codes the API uses besides the engine's
/// (parse, validation, BAD_USER_INPUT, QUERY_TOO_COMPLEX) and the masked INTERNAL_SERVER_ERROR.
/// Business outcomes of mutations are `userErrors`, not these.
public struct APIError: Error, Sendable, GraphQLErrorConvertible {
    public enum Code: String, Sendable {
        case unauthenticated = "UNAUTHENTICATED"
        case forbidden = "FORBIDDEN"
        case rateLimited = "RATE_LIMITED"
        case badUserInput = "BAD_USER_INPUT"
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

    public var graphQLErrorCode: GraphQLCore.ErrorCode { GraphQLCore.ErrorCode(code.rawValue) }
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
}
