import GraphQLCore
import HTTPTypes
import Hummingbird
import NIOCore

/// Errors outside GraphQL execution (unknown route, wrong method, body too large, wrong content type) in the same
/// shape as GraphQL request errors, `{"errors":[{"message":…,"extensions":{"code":…}}]}`, so that clients need
/// one error parser.
enum ErrorResponse {
    static func make(
        _ status: HTTPResponse.Status, code: GraphQLCore.ErrorCode, message: String, mediaType: String = ContentNegotiation.json,
        headers extra: HTTPFields = [:]
    ) -> Response {
        let body = GraphQLResponse.requestError([GraphQLError(message, code: code)]).bytes
        var headers = extra
        headers[.contentType] = mediaType + "; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The response for an error a route or Hummingbird threw.
    static func from(_ error: any Error) -> Response {
        if error is NIOTooManyBytesError { return bodyTooLarge() }
        guard let error = error as? any HTTPResponseError else {
            return make(.internalServerError, code: .internalServerError, message: "Internal server error.")
        }
        switch error.status {
        case .notFound:
            return make(.notFound, code: .notFound, message: "No such route.")
        case .methodNotAllowed:
            return make(.methodNotAllowed, code: .methodNotAllowed, message: "Method not allowed.", headers: (error as? HTTPError)?.headers ?? [:])
        case .contentTooLarge:
            return bodyTooLarge()
        case let status:
            return make(
                status, code: status.code < 500 ? .badRequest : .internalServerError,
                message: status.reasonPhrase, headers: (error as? HTTPError)?.headers ?? [:])
        }
    }

    static func bodyTooLarge() -> Response {
        make(.contentTooLarge, code: .payloadTooLarge, message: "The request body is too large.")
    }
}
