import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import WalletGraph

/// Webhook POSTs with async-http-client: redirects are refused (a redirect could lead to an address the URL check
/// refused), the body is read and dropped, and the time limit covers the whole exchange.
final class HTTPWebhookSender: WebhookSender {
    private let client: HTTPClient

    init() {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.decompression = .disabled
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    func post(url: String, headers: [(String, String)], body: [UInt8], timeout: Duration) async -> WebhookSendResult {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await client.execute(request, timeout: TimeAmount(timeout))
            // The receiver's answer is not kept: at most 64 KiB is read so that the connection can be reused.
            _ = try? await response.body.collect(upTo: 65_536)
            return WebhookSendResult(statusCode: Int(response.status.code))
        } catch {
            return WebhookSendResult(statusCode: nil, error: String(describing: error))
        }
    }

    func shutdown() async {
        try? await client.shutdown()
    }
}
