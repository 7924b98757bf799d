import Foundation
import GraphQLCore
import WalletGraphQueries

/// signUp, signIn and changePassword.
extension WalletAPI {
    /// A new user (profile rules of ``UserProfile``, password rules of ``PasswordPolicy``, every broken rule
    /// reported at once), signed in. Open without a token; counted per client address (``SignInThrottle``).
    static func signUp(_ input: ResolverInput<APIContext>) async throws -> AuthPayload {
        let context = input.context
        try context.credentialChecks.spend(language: context.language)
        guard context.services.signInThrottle.admitSignUp(address: context.clientAddress, now: context.services.clock.now())
        else { throw APIError(.rateLimited, language: context.language) }
        return try await runMutation(context, prefix: ["input"]) {
            let fields = try MutationInput(input.arguments)
            let password = try fields.required("password")
            var errors: [DomainError] = []
            var profile: UserProfile?
            do {
                profile = try UserProfile(
                    username: try fields.required("username"), name: try fields.required("name"),
                    email: try fields.required("email"), phone: try fields.required("phone"), nik: fields.string("nik"))
            } catch let error as DomainError {
                errors.append(error)
            }
            do {
                try PasswordPolicy.check(password)
            } catch let error as DomainError {
                errors.append(error)
            }
            guard let profile, errors.isEmpty else { throw DomainErrors(errors: errors) }
            let services = context.services
            let hash = try await services.passwords.hash(password)
            let user = try await services.accounts.createUser(profile, passwordHash: hash, role: .user)
            let issued = try await services.tokens.issue(userID: user.id, tokenVersion: user.tokenVersion)
            return AuthPayload(token: issued.token, expiresAt: issued.expiresAt, user: user)
        }
    }

    /// A token for a username and password. A wrong password and an unknown username are the same
    /// `INVALID_CREDENTIALS` and take the same time (an unknown username, and a password no stored one can be, are
    /// verified against a decoy hash). Guesses are limited by ``SignInThrottle``: past a limit, `RATE_LIMITED`.
    static func signIn(_ input: ResolverInput<APIContext>) async throws -> AuthPayload {
        let context = input.context
        let services = context.services
        try context.credentialChecks.spend(language: context.language)
        let fields = try MutationInput(input.arguments)
        let username = try? UserProfile.normalizedUsername(try fields.required("username"))
        let password = try fields.required("password")
        guard
            let attempt = services.signInThrottle.admit(
                username: username, address: context.clientAddress, now: services.clock.now())
        else { throw APIError(.rateLimited, language: context.language) }
        return try await runMutation(context, prefix: ["input"]) {
            var row: GetCredentialsByUsernameRow?
            // A password bcrypt would read only in part never matches (PasswordPolicy refuses to store one).
            let canMatch = PasswordPolicy.canMatch(password)
            let matches: Bool
            do {
                if let username {
                    row = try await context.database.read { queries in
                        try await queries.getCredentialsByUsername(username: username)
                    }
                }
                let hash = if let row, canMatch { row.passwordHash } else { try await services.passwords.decoyHash() }
                matches = try await services.passwords.verify(password, hash: hash)
            } catch {
                // No password was compared (the database failed, or bcrypt is over its bound): not a guess.
                services.signInThrottle.abandoned(attempt)
                throw error
            }
            guard let row, canMatch, matches else {
                try failedGuess(attempt, context: context)
            }
            services.signInThrottle.succeeded(attempt)
            let user = try UserRecord(credentials: row)
            let issued = try await services.tokens.issue(userID: user.id, tokenVersion: user.tokenVersion)
            return AuthPayload(token: issued.token, expiresAt: issued.expiresAt, user: user)
        }
    }

    /// Replaces the viewer's password after checking the current one, and returns a new token: the token version
    /// moves on in the same statement as the hash, so every token issued before (this request's too) stops
    /// working. A wrong current password is `INVALID_CREDENTIALS` at `["input", "currentPassword"]` and counts
    /// as a failed sign-in of the viewer's username from this address (a stolen token must not allow unlimited
    /// guesses).
    static func changePassword(_ input: ResolverInput<APIContext>) async throws -> AuthPayload {
        let context = input.context
        let services = context.services
        let viewer = try context.requireViewer()
        try context.credentialChecks.spend(language: context.language)
        return try await runMutation(context, prefix: ["input"]) {
            let fields = try MutationInput(input.arguments)
            let current = try fields.required("currentPassword")
            let new = try fields.required("newPassword")
            try PasswordPolicy.check(new, field: "newPassword")
            guard
                let attempt = services.signInThrottle.admit(
                    username: viewer.username, address: context.clientAddress, now: services.clock.now())
            else { throw APIError(.rateLimited, language: context.language) }
            let row: GetCredentialsByIDRow?
            do {
                row = try await context.database.read { queries in try await queries.getCredentialsByID(id: viewer.id) }
            } catch {
                services.signInThrottle.abandoned(attempt)
                throw error
            }
            guard let row, row.tokenVersion == viewer.tokenVersion else {
                services.signInThrottle.abandoned(attempt)
                throw APIError(.unauthenticated, language: context.language)
            }
            let canMatch = PasswordPolicy.canMatch(current)
            let matches: Bool
            do {
                let hash = canMatch ? row.passwordHash : try await services.passwords.decoyHash()
                matches = try await services.passwords.verify(current, hash: hash)
            } catch {
                services.signInThrottle.abandoned(attempt)
                throw error
            }
            guard matches, canMatch else {
                try failedGuess(attempt, context: context, field: ["currentPassword"])
            }
            services.signInThrottle.succeeded(attempt)
            let hashed = try await services.passwords.hash(new)
            guard
                let version = try await services.accounts.replacePassword(
                    userID: viewer.id, passwordHash: hashed, expectedTokenVersion: row.tokenVersion)
            else {
                // Another password change won the race: this request's token is already stale.
                throw APIError(.unauthenticated, language: context.language)
            }
            let user = try UserRecord(credentials: row).withTokenVersion(version)
            let issued = try await services.tokens.issue(userID: user.id, tokenVersion: version)
            return AuthPayload(token: issued.token, expiresAt: issued.expiresAt, user: user)
        }
    }

    /// A wrong password: the admitted attempt stays counted as a failure. `INVALID_CREDENTIALS`, or
    /// `RATE_LIMITED` once the username is over its own limit (a right password still signs in then).
    private static func failedGuess(
        _ attempt: SignInThrottle.Attempt, context: APIContext, field: [String]? = nil
    ) throws -> Never {
        if attempt.usernameOverLimit {
            context.services.logger.warning(
                "password guesses over the per-username limit", metadata: ["request_id": .string(context.requestID)])
            throw APIError(.rateLimited, language: context.language)
        }
        if let field { throw DomainError(.invalidCredentials, field: field) }
        throw DomainError(.invalidCredentials)
    }
}
