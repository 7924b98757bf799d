import Synchronization

/// The one password check (bcrypt) a request may ask for: one signUp, signIn or changePassword per operation,
/// however many aliased fields the document holds, so that one request cannot run fifty bcrypts.
public final class CredentialCheckBudget: Sendable {
    private let used = Atomic<Int>(0)

    public init() {}

    /// Takes the request's check; throws `BAD_USER_INPUT` when it was taken already.
    func spend(language: MessageLanguage) throws(APIError) {
        guard used.add(1, ordering: .relaxed).newValue == 1 else {
            throw APIError(
                .badUserInput, language: language,
                message: language == .indonesian
                    ? "satu pendaftaran, masuk atau penggantian kata sandi per permintaan"
                    : "one sign-in, sign-up or password change per request")
        }
    }
}
