import Foundation
import GraphQLCore

/// signUp, signIn and changePassword.
extension WalletAPI {
    /// A new user (profile rules of ``UserProfile``, password rules of ``PasswordPolicy``, every broken rule
    /// reported at once), signed in. Open without a token.
    static func signUp(_ input: ResolverInput<APIContext>) async throws -> AuthPayload {
        let context = input.context
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
    /// `INVALID_CREDENTIALS` and take the same time (an unknown username is verified against a decoy hash).
    /// Failures are counted per username and per client address; past the limit, `RATE_LIMITED`.
    static func signIn(_ input: ResolverInput<APIContext>) async throws -> AuthPayload {
        let context = input.context
        let services = context.services
        let fields = try MutationInput(input.arguments)
        let rawUsername = try fields.required("username")
        let password = try fields.required("password")
        let username = (try? UserProfile.normalizedUsername(rawUsername)) ?? rawUsername.lowercased()
        let userKey = "user:" + username
        let keys = [userKey] + (context.clientAddress.map { ["address:" + $0] } ?? [])
        guard services.signInThrottle.allows(keys, now: services.clock.now()) else {
            throw APIError(.rateLimited, language: context.language)
        }
        return try await runMutation(context, prefix: ["input"]) {
            let row = try await context.database.read { queries in
                try await queries.getCredentialsByUsername(username: username)
            }
            let hash: String
            if let row {
                hash = row.passwordHash
            } else {
                hash = try await services.passwords.decoyHash()
            }
            // A password bcrypt would truncate never matches, but is verified anyway so that it takes as long.
            let fits = PasswordPolicy.fitsBcrypt(password)
            let matches = try await services.passwords.verify(fits ? password : "", hash: hash)
            guard let row, matches, fits else {
                services.signInThrottle.recordFailure(keys, now: services.clock.now())
                throw DomainError(.invalidCredentials)
            }
            // Only the username's count: one good account must not reset an address's count.
            services.signInThrottle.recordSuccess([userKey])
            let user = try UserRecord(credentials: row)
            let issued = try await services.tokens.issue(userID: user.id, tokenVersion: user.tokenVersion)
            return AuthPayload(token: issued.token, expiresAt: issued.expiresAt, user: user)
        }
    }

    /// Replaces the viewer's password after checking the current one, and returns a new token: the token version
    /// moves on in the same statement as the hash, so every token issued before (this request's too) stops
    /// working. A wrong current password is `INVALID_CREDENTIALS` at `["input", "currentPassword"]` and counts
    /// as a failed sign-in of the viewer's username (a stolen token must not allow unlimited guesses).
    static func changePassword(_ input: ResolverInput<APIContext>) async throws -> AuthPayload {
        let context = input.context
        let services = context.services
        let viewer = try context.requireViewer()
        let userKey = ["user:" + viewer.username]
        guard services.signInThrottle.allows(userKey, now: services.clock.now()) else {
            throw APIError(.rateLimited, language: context.language)
        }
        return try await runMutation(context, prefix: ["input"]) {
            let fields = try MutationInput(input.arguments)
            let current = try fields.required("currentPassword")
            let new = try fields.required("newPassword")
            try PasswordPolicy.check(new, field: "newPassword")
            let row = try await context.database.read { queries in try await queries.getCredentialsByID(id: viewer.id) }
            guard let row, row.tokenVersion == viewer.tokenVersion else {
                throw APIError(.unauthenticated, language: context.language)
            }
            let fits = PasswordPolicy.fitsBcrypt(current)
            guard try await services.passwords.verify(fits ? current : "", hash: row.passwordHash), fits else {
                services.signInThrottle.recordFailure(userKey, now: services.clock.now())
                throw DomainError(.invalidCredentials, field: ["currentPassword"])
            }
            let hash = try await services.passwords.hash(new)
            guard
                let version = try await services.accounts.replacePassword(
                    userID: viewer.id, passwordHash: hash, expectedTokenVersion: row.tokenVersion)
            else {
                // Another password change won the race: this request's token is already stale.
                throw APIError(.unauthenticated, language: context.language)
            }
            let user = try UserRecord(credentials: row).withTokenVersion(version)
            let issued = try await services.tokens.issue(userID: user.id, tokenVersion: version)
            return AuthPayload(token: issued.token, expiresAt: issued.expiresAt, user: user)
        }
    }
}
