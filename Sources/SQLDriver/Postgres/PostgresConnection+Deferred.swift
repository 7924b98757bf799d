import CLibPQ

/// Deferred statements (``SQLConnection/executeDeferred(_:_:)``, ADR 0007): queued by the lessee inside a
/// transaction, sent with the connection's next flight (a statement or `COMMIT`), and settled from its answers.
extension PostgresConnection {
    /// Inside a transaction, queues the statement: it goes out with the connection's next flight (the next
    /// statement, or `COMMIT`), and its failure is that flight's failure. Outside one, runs it at once.
    func executeDeferred(_ statement: SQLStatement, _ bindings: [SQLValue]) async throws {
        guard inTransaction else {
            _ = try await execute(statement, bindings)
            return
        }
        try await guarded {
            if lost.load(ordering: .acquiring) { throw SQLError(.connectionLost) }
            var planned = try plan(statement, bindings)
            planned.offset = queued.count
            queued += planned.commands
            if let fresh = planned.fresh {
                // Cached now, so that a second use in the same flight does not prepare again; dropped again if the
                // prepare does not succeed (``settleQueued(_:)``).
                cache[statement] = fresh
            }
            queuedStatements.append(planned)
        }
    }

    func takeQueued() -> ([Command], [Planned]) {
        defer {
            queued.removeAll()
            queuedStatements.removeAll()
        }
        return (queued, queuedStatements)
    }

    /// Checks the answers to deferred statements, which lead `outcomes`; the first failure is thrown. A statement
    /// prepared on the way is kept in the cache only if its prepare succeeded.
    func settleQueued(_ statements: [Planned], _ outcomes: [Outcome]) throws {
        var failure: (any Error)?
        for planned in statements {
            do {
                try checkPrelude(planned, outcomes[...])
            } catch {
                if let fresh = planned.fresh, cache[planned.statement]?.name == fresh.name {
                    cache[planned.statement] = nil
                }
                failure = failure ?? error
                continue
            }
            guard failure == nil else { continue }
            switch outcomes[planned.offset + planned.executeIndex] {
            case .ok: break
            case .failed(let error): failure = error
            case .aborted: failure = SQLError(.transactionAborted)
            }
        }
        if let failure { throw failure }
    }

    /// Drops deferred statements that were never sent (the transaction rolls back).
    func discardQueued() {
        let (_, statements) = takeQueued()
        for planned in statements {
            if let fresh = planned.fresh, cache[planned.statement]?.name == fresh.name { cache[planned.statement] = nil }
            // Their BEGIN never reached the server either.
            if planned.opensTransaction { serverTransactionOpen = false }
        }
    }

    /// `COMMIT` sent after the deferred statements, in one flight. If one of them fails, the server skips the
    /// rest and the `COMMIT`, and leaves the transaction aborted: roll it back and report the failure.
    func commitWithQueued() async throws {
        let (commands, statements) = takeQueued()
        let outcomes = await flight(commands + [.plain("COMMIT")])
        defer { Self.clear(outcomes) }
        do {
            try settleQueued(statements, outcomes)
        } catch {
            await rollback()
            throw error
        }
        serverTransactionOpen = false
        switch outcomes[commands.count] {
        case .ok(let result):
            if let tag = PQcmdStatus(result), String(cString: tag) == "ROLLBACK" {
                throw SQLError(.transactionAborted)
            }
        case .failed(let error):
            throw error
        case .aborted:
            throw SQLError(.connectionLost)
        }
    }
}
