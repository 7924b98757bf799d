/// The closed catalogue of stable error codes that the ledger and the accounts report.
///
/// A code is a contract: clients branch on it, so a code is never renamed or reused. Each has an English
/// and an Indonesian message (``message(in:)``); messages may be reworded, codes may not. The list is
/// documented in docs/ledger.md.
public enum ErrorCode: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    // Amounts and balances.
    case invalidAmount = "INVALID_AMOUNT"
    case insufficientBalance = "INSUFFICIENT_BALANCE"
    // Things that are missing, or that the initiator may not see.
    case walletNotFound = "WALLET_NOT_FOUND"
    case userNotFound = "USER_NOT_FOUND"
    case assetNotFound = "ASSET_NOT_FOUND"
    case transactionNotFound = "TRANSACTION_NOT_FOUND"
    // Rules of a money operation.
    case assetMismatch = "ASSET_MISMATCH"
    case sameWallet = "SAME_WALLET"
    case walletFrozen = "WALLET_FROZEN"
    case forbidden = "FORBIDDEN"
    // Idempotency.
    case idempotencyConflict = "IDEMPOTENCY_CONFLICT"
    case invalidIdempotencyKey = "INVALID_IDEMPOTENCY_KEY"
    // Accounts, wallets and assets.
    case invalidInput = "INVALID_INPUT"
    case invalidCredentials = "INVALID_CREDENTIALS"
    case usernameTaken = "USERNAME_TAKEN"
    case emailTaken = "EMAIL_TAKEN"
    case nikTaken = "NIK_TAKEN"
    case assetCodeTaken = "ASSET_CODE_TAKEN"
    /// The owner already has ``LedgerConfiguration/maxWalletsPerUser`` active wallets.
    case walletLimitReached = "WALLET_LIMIT_REACHED"
    // Withdrawals (docs/withdrawals.md), in the order a withdrawal is checked.
    case methodNotFound = "METHOD_NOT_FOUND"
    case assetNotSupported = "ASSET_NOT_SUPPORTED"
    case minimumAmount = "MINIMUM_AMOUNT"
    case maximumAmount = "MAXIMUM_AMOUNT"
    case dailyLimitExceeded = "DAILY_LIMIT_EXCEEDED"
    case invalidAccountNumber = "INVALID_ACCOUNT_NUMBER"
    case methodAlreadyExists = "METHOD_ALREADY_EXISTS"
    case disbursementNotFound = "DISBURSEMENT_NOT_FOUND"
    case invalidStateTransition = "INVALID_STATE_TRANSITION"
    // Webhooks (docs/events.md).
    case webhookEndpointNotFound = "WEBHOOK_ENDPOINT_NOT_FOUND"
    // The database stayed busy through every retry; the request changed nothing and may be repeated.
    case ledgerBusy = "LEDGER_BUSY"

    public var description: String { rawValue }

    /// The message for a client, in `language`.
    public func message(in language: MessageLanguage) -> String {
        let (english, indonesian) = messages
        return language == .indonesian ? indonesian : english
    }

    private var messages: (String, String) {
        switch self {
        case .invalidAmount:
            ("The amount must be greater than zero, within the asset's decimal places and within range.",
             "Jumlah harus lebih dari nol, sesuai jumlah desimal aset, dan dalam batas yang diizinkan.")
        case .insufficientBalance: ("Insufficient wallet balance.", "Saldo dompet tidak mencukupi")
        case .walletNotFound: ("Wallet not found.", "Dompet tidak ditemukan.")
        case .userNotFound: ("User not found.", "Pengguna tidak ditemukan.")
        case .assetNotFound: ("Asset not found.", "Aset tidak ditemukan.")
        case .transactionNotFound: ("Transaction not found.", "Transaksi tidak ditemukan.")
        case .assetMismatch:
            ("Both wallets must hold the same asset.", "Kedua dompet harus menyimpan aset yang sama.")
        case .sameWallet:
            ("The source and destination wallets must differ.", "Dompet asal dan tujuan tidak boleh sama.")
        case .walletFrozen: ("The wallet is frozen.", "Dompet sedang dibekukan.")
        case .forbidden:
            ("You are not allowed to perform this operation.", "Anda tidak diizinkan melakukan operasi ini.")
        case .idempotencyConflict:
            ("This idempotency key was already used for a different request.",
             "Kunci idempotensi ini sudah dipakai untuk permintaan yang berbeda.")
        case .invalidIdempotencyKey:
            ("The idempotency key must be 1 to 255 characters without control characters.",
             "Kunci idempotensi harus 1 sampai 255 karakter tanpa karakter kontrol.")
        case .invalidInput: ("The input is not valid.", "Masukan tidak valid.")
        case .invalidCredentials: ("Invalid username or password.", "Nama pengguna atau kata sandi salah.")
        case .usernameTaken: ("This username is already taken.", "Nama pengguna ini sudah dipakai.")
        case .emailTaken: ("This email is already registered.", "Email ini sudah terdaftar.")
        case .nikTaken: ("This NIK is already registered.", "NIK ini sudah terdaftar.")
        case .assetCodeTaken: ("An asset with this code already exists.", "Aset dengan kode ini sudah ada.")
        case .walletLimitReached:
            ("This user has as many active wallets as allowed.", "Pengguna ini sudah memiliki dompet aktif sebanyak batas maksimum.")
        case .methodNotFound: ("Disbursement method not found.", "Metode pencairan tidak ditemukan.")
        case .assetNotSupported:
            ("Withdrawals are available from IDR wallets only.", "Penarikan hanya tersedia dari dompet IDR.")
        case .minimumAmount:
            ("The amount is below the minimum withdrawal (Rp 10,000).",
             "Jumlah di bawah minimum penarikan (Rp 10.000).")
        case .maximumAmount:
            ("The amount exceeds the maximum withdrawal (Rp 50,000,000).",
             "Jumlah melebihi maksimum penarikan (Rp 50.000.000).")
        case .dailyLimitExceeded: ("Daily withdrawal limit exceeded.", "Batas penarikan harian terlampaui.")
        case .invalidAccountNumber:
            ("The account number is not valid for this provider.", "Nomor rekening tidak valid untuk penyedia ini.")
        case .methodAlreadyExists: ("This account is already registered.", "Rekening ini sudah terdaftar.")
        case .disbursementNotFound: ("Withdrawal not found.", "Penarikan tidak ditemukan.")
        case .invalidStateTransition:
            ("The withdrawal cannot move to that status from its current one.",
             "Status penarikan tidak dapat diubah dari status saat ini.")
        case .webhookEndpointNotFound:
            ("There is no such webhook endpoint.", "Endpoint webhook tidak ditemukan.")
        case .ledgerBusy:
            ("The ledger is busy; nothing was changed. Please retry.",
             "Buku besar sedang sibuk; tidak ada perubahan. Silakan coba lagi.")
        }
    }
}

/// The languages client messages come in (`Accept-Language: id` or `en`).
public enum MessageLanguage: String, Sendable, Hashable {
    case english = "en"
    case indonesian = "id"
}

/// The codes of refusals that concern the request rather than the business: authentication, rate limits, and
/// the HTTP transport's own refusals (wrong method, unknown route, body too large, wrong media type, persisted
/// queries). With ``ErrorCode`` this file is where every code the product answers with is spelled; the only
/// others are the GraphQL engine's own (`GraphQLCore.ErrorCode`: GRAPHQL_PARSE_FAILED,
/// GRAPHQL_VALIDATION_FAILED, BAD_USER_INPUT, QUERY_TOO_COMPLEX, INTERNAL_SERVER_ERROR). Like those, each is a
/// contract and never renamed. They are not in the schema's `ErrorCode` enum: no payload's `userErrors` uses them.
public enum RequestErrorCode: String, Sendable, Hashable, CaseIterable {
    case unauthenticated = "UNAUTHENTICATED"
    case rateLimited = "RATE_LIMITED"
    case methodNotAllowed = "METHOD_NOT_ALLOWED"
    case notFound = "NOT_FOUND"
    case payloadTooLarge = "PAYLOAD_TOO_LARGE"
    case unsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE"
    case badRequest = "BAD_REQUEST"
    case persistedQueryNotFound = "PERSISTED_QUERY_NOT_FOUND"
    case persistedQueryNotSupported = "PERSISTED_QUERY_NOT_SUPPORTED"
    /// The request ran past `REQUEST_TIMEOUT` (or a statement past the database's own timeout) and was stopped.
    case timeout = "TIMEOUT"
    /// The server is overloaded: every database connection is busy and too many requests already wait. Nothing ran.
    case serviceUnavailable = "SERVICE_UNAVAILABLE"
}
