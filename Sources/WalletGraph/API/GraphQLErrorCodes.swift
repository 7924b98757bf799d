import GraphQLCore

// The product's codes as the engine's typed `ErrorCode` values, so that resolvers, the API and the HTTP server
// name codes (`.unauthenticated`, `.forbidden`) and never write one as a string.

extension GraphQLCore.ErrorCode {
    /// A business outcome's code (`WALLET_NOT_FOUND`, …).
    public init(_ code: WalletGraph.ErrorCode) { self.init(code.rawValue) }

    /// A request-level refusal's code.
    public init(_ code: RequestErrorCode) { self.init(code.rawValue) }

    public static let unauthenticated = Self(RequestErrorCode.unauthenticated)
    public static let forbidden = Self(WalletGraph.ErrorCode.forbidden)
    public static let rateLimited = Self(RequestErrorCode.rateLimited)
    public static let timeout = Self(RequestErrorCode.timeout)
    public static let serviceUnavailable = Self(RequestErrorCode.serviceUnavailable)
    public static let methodNotAllowed = Self(RequestErrorCode.methodNotAllowed)
    public static let notFound = Self(RequestErrorCode.notFound)
    public static let payloadTooLarge = Self(RequestErrorCode.payloadTooLarge)
    public static let unsupportedMediaType = Self(RequestErrorCode.unsupportedMediaType)
    public static let badRequest = Self(RequestErrorCode.badRequest)
    public static let persistedQueryNotFound = Self(RequestErrorCode.persistedQueryNotFound)
    public static let persistedQueryNotSupported = Self(RequestErrorCode.persistedQueryNotSupported)
}
