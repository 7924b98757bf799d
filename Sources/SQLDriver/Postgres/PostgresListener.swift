import CLibPQ
import Foundation
import Logging
import Synchronization

/// `LISTEN <channel>` on a connection of its own, for wake-ups from other processes (the outbox's
/// `events_wake` trigger, migration 0005). It runs on a dedicated thread, never on an event loop or Swift's
/// cooperative pool: libpq's blocking calls and `poll(2)` wait there. Each notification (and each (re)connect,
/// which may have missed some) calls `onNotify`. A lost connection is retried every second until ``stop()``.
///
/// Notifications carry nothing the reader needs: what changed is read from the database, so a notification
/// lost while reconnecting only delays a reader until its next poll.
public final class PostgresListener: Sendable {
    private let url: String
    private let channel: String
    private let applicationName: String
    private let onNotify: @Sendable () -> Void
    private let logger: Logger
    private let stopped = Atomic<Bool>(false)
    private let finished = Mutex<[CheckedContinuation<Void, Never>]?>([])
    /// Notifications received, for diagnosis (a debugger, a log line).
    public let received = Atomic<Int>(0)
    /// Connections made (the first, then one per reconnect).
    public let connections = Atomic<Int>(0)

    /// `channel` must be a plain identifier (it is sent in `LISTEN`).
    public init(
        url: String, channel: String, applicationName: String = "walletgraph-listener",
        logger: Logger = Logger(label: "walletgraph.sql.listener"), onNotify: @escaping @Sendable () -> Void
    ) {
        precondition(channel.utf8.allSatisfy { $0 == UInt8(ascii: "_") || (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) })
        self.url = url
        self.channel = channel
        self.applicationName = applicationName
        self.onNotify = onNotify
        self.logger = logger
    }

    /// Starts the listening thread.
    public func start() {
        let thread = Thread { [self] in
            run()
            let waiters = finished.withLock { waiters -> [CheckedContinuation<Void, Never>] in
                defer { waiters = nil }
                return waiters ?? []
            }
            for waiter in waiters { waiter.resume() }
        }
        thread.name = "walletgraph-listen"
        thread.start()
    }

    /// Stops listening and waits (at most about a second) for the thread to close its connection.
    public func stop() async {
        stopped.store(true, ordering: .relaxed)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = finished.withLock { waiters -> Bool in
                guard waiters != nil else { return true }
                waiters?.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }

    private var isStopped: Bool { stopped.load(ordering: .relaxed) }

    private func run() {
        while !isStopped {
            guard let connection = connect() else {
                pause(seconds: 1)
                continue
            }
            connections.add(1, ordering: .relaxed)
            // Whatever was sent while this listener was not connected is covered by one wake-up now.
            onNotify()
            listen(on: connection)
            PQfinish(connection)
            if !isStopped {
                logger.warning("lost the LISTEN connection; reconnecting", metadata: ["channel": "\(channel)"])
                pause(seconds: 1)
            }
        }
    }

    private func connect() -> OpaquePointer? {
        let keywords = ["dbname", "application_name", "client_encoding"]
        let values = [url, applicationName, "UTF8"]
        let connection = withCStrings(keywords) { keywordPointers in
            withCStrings(values) { valuePointers in PQconnectdbParams(keywordPointers, valuePointers, 1) }
        }
        guard let connection else { return nil }
        guard PQstatus(connection) == CONNECTION_OK else {
            logger.warning(
                "cannot open the LISTEN connection",
                metadata: ["error": "\(String(cString: PQerrorMessage(connection)))"])
            PQfinish(connection)
            return nil
        }
        guard let result = PQexec(connection, "LISTEN \(channel)") else {
            PQfinish(connection)
            return nil
        }
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_COMMAND_OK else {
            logger.warning("LISTEN failed", metadata: ["error": "\(String(cString: PQerrorMessage(connection)))"])
            PQfinish(connection)
            return nil
        }
        return connection
    }

    /// Waits for notifications until the connection breaks or the listener stops.
    private func listen(on connection: OpaquePointer) {
        let socket = PQsocket(connection)
        guard socket >= 0 else { return }
        while !isStopped {
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 500)
            if ready < 0 {
                if errno == EINTR { continue }
                return
            }
            if ready == 0 { continue }
            guard PQconsumeInput(connection) == 1 else { return }
            var count = 0
            while let notification = PQnotifies(connection) {
                PQfreemem(notification)
                count += 1
            }
            if count > 0 {
                received.add(count, ordering: .relaxed)
                onNotify()
            }
            if PQstatus(connection) != CONNECTION_OK { return }
        }
    }

    private func pause(seconds: Int) {
        for _ in 0..<(seconds * 10) where !isStopped { usleep(100_000) }
    }
}
