import Foundation
import WalletGraph

/// The administrator the server makes sure of at startup.
///
/// With `ADMIN_USERNAME` and `ADMIN_PASSWORD` (any mode), that user is created, or, when it is an admin already,
/// given the password if it differs (a changed password ends its older tokens); an existing user who is not an
/// admin is never promoted (startup fails). In development without them, when the database has no administrator
/// at all, a user `admin` is created with a random password, which is returned once so that it can be printed.
enum AdminAccount {
    /// What happened, for the banner.
    struct Outcome: Sendable {
        let username: String
        /// Set only when the password was generated just now.
        let generatedPassword: String?
    }

    static let developmentUsername = "admin"

    static func ensure(_ configuration: ServerConfiguration, services: APIServices) async throws -> Outcome? {
        if let username = configuration.adminUsername, let password = configuration.adminPassword {
            try await ensure(username: username, password: password, services: services)
            return Outcome(username: try UserProfile.normalizedUsername(username), generatedPassword: nil)
        }
        guard configuration.environment == .development else { return nil }
        // Any administrator already there (an earlier ADMIN_USERNAME, or a previous `admin`) is enough; a user who
        // merely signed up as "admin" is not one, and is not promoted either.
        if try await services.accounts.countAdmins() > 0 { return nil }
        if try await services.accounts.storedLogin(username: developmentUsername) != nil {
            services.logger.warning(
                "no administrator: the user \(developmentUsername) exists but is not one; set ADMIN_USERNAME and ADMIN_PASSWORD")
            return nil
        }
        let password = randomPassword()
        try await create(username: developmentUsername, password: password, services: services)
        return Outcome(username: developmentUsername, generatedPassword: password)
    }

    /// Creates `username` as an admin, or updates an existing admin's password; refuses an existing non-admin.
    static func ensure(username: String, password: String, services: APIServices) async throws {
        let username = try UserProfile.normalizedUsername(username)
        guard let existing = try await services.accounts.storedLogin(username: username) else {
            try await create(username: username, password: password, services: services)
            return
        }
        // Promoting someone else's account (say, a user who signed up under the name first) would hand them, or
        // whoever sets ADMIN_PASSWORD, the admin role silently.
        guard existing.role == Role.admin.rawValue else {
            throw ConfigurationError(
                "ADMIN_USERNAME \(username) is an existing user with role \(existing.role), not an admin: refusing to "
                    + "promote it; choose another ADMIN_USERNAME, or change that user's role in the database yourself")
        }
        guard try await !services.passwords.verify(password, hash: existing.passwordHash) else { return }
        try await services.accounts.resetPassword(userID: existing.id, passwordHash: try await services.passwords.hash(password))
    }

    private static func create(username: String, password: String, services: APIServices) async throws {
        let profile = try UserProfile(
            username: username, name: "Administrator", email: "\(username)@walletgraph.invalid", phone: "+6280000000000",
            nik: nil)
        _ = try await services.accounts.createUser(
            profile, passwordHash: try await services.passwords.hash(password), role: .admin)
    }

    /// 20 characters from an alphabet without look-alikes: about 115 bits.
    static func randomPassword() -> String {
        let alphabet = Array("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
