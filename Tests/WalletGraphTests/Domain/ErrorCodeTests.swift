import Foundation
import Testing

import WalletGraph

/// The error catalogue: distinct codes and messages in both languages.
@Suite struct ErrorCodeTests {
    @Test(arguments: ErrorCode.allCases)
    func everyCodeHasNonEmptyMessagesInBothLanguages(code: ErrorCode) {
        let english = code.message(in: .english)
        let indonesian = code.message(in: .indonesian)
        #expect(!english.isEmpty)
        #expect(!indonesian.isEmpty)
        #expect(english != indonesian)
        #expect(code.description == code.rawValue)
        #expect(code.rawValue.allSatisfy { $0.isUppercase || $0 == "_" })
    }

    @Test func messagesAreDistinctAcrossCodes() {
        let codes = ErrorCode.allCases
        #expect(Set(codes.map(\.rawValue)).count == codes.count)
        #expect(Set(codes.map { $0.message(in: .english) }).count == codes.count)
        #expect(Set(codes.map { $0.message(in: .indonesian) }).count == codes.count)
    }

    @Test func insufficientBalanceInIndonesian() {
        #expect(ErrorCode.insufficientBalance.message(in: .indonesian) == "Saldo dompet tidak mencukupi")
        #expect(ErrorCode.insufficientBalance.message(in: .english) == "Insufficient wallet balance.")
    }

    @Test func languagesParseFromTheirTags() {
        #expect(MessageLanguage(rawValue: "id") == .indonesian)
        #expect(MessageLanguage(rawValue: "en") == .english)
    }

    @Test func domainErrorMessageNamesDifferingFieldsAndKeepsTheDetailForLogs() {
        let error = DomainError(
            .idempotencyConflict, field: ["idempotencyKey"], differingFields: ["amount", "walletId"],
            detail: "replayed after restart")
        #expect(
            error.message(in: .english)
                == "This idempotency key was already used for a different request. (differs in: amount, walletId)")
        #expect(
            error.message(in: .indonesian)
                == "Kunci idempotensi ini sudah dipakai untuk permintaan yang berbeda. (berbeda pada: amount, walletId)")
        #expect(
            error.description
                == "IDEMPOTENCY_CONFLICT at idempotencyKey differing in amount, walletId: replayed after restart")
        let detailed = DomainError(.forbidden, detail: "self top-up is disabled")
        #expect(detailed.message(in: .english) == ErrorCode.forbidden.message(in: .english))
        let plain = DomainError(.insufficientBalance)
        #expect(plain.message(in: .indonesian) == "Saldo dompet tidak mencukupi")
        #expect(plain.description == "INSUFFICIENT_BALANCE")
    }
}
