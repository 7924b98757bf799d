import Foundation
import Testing

import WalletGraph

/// Runs `body`, which must throw a ``DomainError`` with `code` (and `field`, when given), and returns the error
/// so that callers can look at its detail. `field: .some(nil)` asserts that the error names no field. Records an issue when `body` succeeds or throws anything else.
@discardableResult
func expectDomainError<T>(
    _ code: ErrorCode, field: [String]?? = nil, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> T
) async -> DomainError? {
    do {
        _ = try await body()
        Issue.record("expected \(code), but the operation succeeded", sourceLocation: sourceLocation)
        return nil
    } catch let error as DomainError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        if let field { #expect(error.field == field, "\(error)", sourceLocation: sourceLocation) }
        return error
    } catch {
        Issue.record("expected \(code), got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// The synchronous form of `expectDomainError`, for pure domain rules.
@discardableResult
func expectRuleError<T>(
    _ code: ErrorCode, field: [String]?? = nil, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> T
) -> DomainError? {
    do {
        _ = try body()
        Issue.record("expected \(code), but the rule passed", sourceLocation: sourceLocation)
        return nil
    } catch let error as DomainError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        if let field { #expect(error.field == field, "\(error)", sourceLocation: sourceLocation) }
        return error
    } catch {
        Issue.record("expected \(code), got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
