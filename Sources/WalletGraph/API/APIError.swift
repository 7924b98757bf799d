import GraphQLCore

/// A top-level GraphQL error meant for the client, with its message in the request's language: the refusals the
/// API itself makes (no or a bad token, no authority, rate limited, bad input, a mutation over GET, a failure it
/// cannot explain). Business outcomes of mutations are `userErrors`, not these; the engine's own refusals
/// (parse, validation, complexity) are its own. ``WalletErrorPresenter`` gives it its GraphQL form.
public struct APIError: Error, Sendable {
    public enum Code: Sendable {
        case unauthenticated
        case forbidden
        case rateLimited
        case badUserInput
        case methodNotAllowed
        case timeout
        case serviceUnavailable
        case internalServerError

        /// The code clients see.
        public var graphQLCode: GraphQLCore.ErrorCode {
            switch self {
            case .unauthenticated: .unauthenticated
            case .forbidden: .forbidden
            case .rateLimited: .rateLimited
            case .badUserInput: .badUserInput
            case .methodNotAllowed: .methodNotAllowed
            case .timeout: .timeout
            case .serviceUnavailable: .serviceUnavailable
            case .internalServerError: .internalServerError
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

    /// The client message: the custom one, else the code's stock message in ``language``.
    public var message: String {
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
        case (.methodNotAllowed, .english): "Mutations are not allowed over GET; send them with POST."
        case (.methodNotAllowed, .indonesian): "Mutasi tidak diizinkan lewat GET; kirim dengan POST."
        case (.timeout, .english):
            "The request took too long and was stopped; nothing it had not finished was saved. Retry it (a money mutation with the same idempotencyKey)."
        case (.timeout, .indonesian):
            "Permintaan terlalu lama dan dihentikan; yang belum selesai tidak disimpan. Coba lagi (mutasi uang dengan idempotencyKey yang sama)."
        case (.serviceUnavailable, .english):
            "The server is busy and could not run this. Retry in 1 s (a money mutation with the same idempotencyKey)."
        case (.serviceUnavailable, .indonesian):
            "Server sedang sibuk dan tidak dapat menjalankan ini. Coba lagi dalam 1 detik (mutasi uang dengan idempotencyKey yang sama)."
        case (.internalServerError, .english): "Internal server error."
        case (.internalServerError, .indonesian): "Terjadi kesalahan internal."
        }
    }

    /// The 429 answer's message: when to retry.
    public static func retryMessage(after seconds: Int, in language: MessageLanguage) -> String {
        switch language {
        case .english: "Too many requests; retry in \(seconds) s."
        case .indonesian: "Terlalu banyak permintaan; coba lagi dalam \(seconds) detik."
        }
    }
}
