import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A plain TCP connection to the server, for what an HTTP client library never does: send half a request head,
/// or open connections and send nothing. Its blocking calls run on a thread of their own, never on the Swift
/// pool the in-process server shares.
final class RawSocket: @unchecked Sendable {
    // @unchecked: the descriptor is used by one call at a time.
    private let descriptor: Int32

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw E2EFailure("socket: \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            Glibc.close(descriptor)
            throw E2EFailure("connect: \(errno)")
        }
    }

    deinit { Glibc.close(descriptor) }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Reads until the server closes the connection or `timeout` passes: what it sent, and whether it closed.
    func readUntilClosed(timeout: Duration) async -> (text: String, closed: Bool) {
        await withCheckedContinuation { continuation in
            let thread = Thread { [self] in
                var limit = timeval(tv_sec: Int(timeout.components.seconds), tv_usec: Int(timeout.components.attoseconds / 1_000_000_000_000))
                setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
                let deadline = ContinuousClock.now + timeout
                var received: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 4_096)
                var closed = false
                while ContinuousClock.now < deadline {
                    let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
                    if count > 0 {
                        received += buffer[0..<count]
                    } else if count == 0 {
                        closed = true
                        break
                    } else if errno == ECONNRESET {
                        closed = true
                        break
                    } else if errno != EINTR {
                        break  // EAGAIN: the timeout passed with the connection still open
                    }
                }
                continuation.resume(returning: (String(decoding: received, as: UTF8.self), closed))
            }
            thread.start()
        }
    }
}
