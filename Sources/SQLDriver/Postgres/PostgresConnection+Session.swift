extension PostgresConnection {
    /// Sets ``PostgresConfiguration/sessionTimeouts`` on a connection just opened; closes it when that fails. `SET`
    /// rather than the `options` startup keyword, which would replace the URL's own `options`.
    func applySessionTimeouts() async throws {
        guard let settings = configuration.sessionTimeouts.script else { return }
        do {
            try await executeScript(settings)
        } catch {
            await close()
            throw error
        }
    }
}
