import Foundation
import Testing

import WalletGraph

/// The pure rules of withdrawals: fee arithmetic, account numbers, holder names and the Asia/Jakarta day.
@Suite struct WithdrawalRuleTests {
    // MARK: - Fees

    @Test func aFlatFeeIsTheSameForEveryAmount() throws {
        let rule = FeeRule(flatFee: 6_500)
        for amount: Int64 in [1, 10_000, 10_001, 50_000_000, Int64.max] { #expect(try rule.fee(for: amount) == 6_500) }
    }

    @Test func aPercentageRoundsUpToTheNextMinorUnit() throws {
        let rule = FeeRule(flatFee: 0, percentBasisPoints: 150)
        #expect(try rule.fee(for: 10_000) == 150)  // exactly 150
        #expect(try rule.fee(for: 10_001) == 151)  // 150.015
        #expect(try rule.fee(for: 1) == 1)  // 0.015
        #expect(try rule.fee(for: 66) == 1)  // 0.99
        #expect(try rule.fee(for: 67) == 2)  // 1.005
        // Never under the stated rate, and never a whole unit over it.
        for amount: Int64 in 1...5_000 {
            let fee = try rule.fee(for: amount)
            #expect(fee * 10_000 >= amount * 150 && (fee - 1) * 10_000 < amount * 150, "\(amount)")
        }
    }

    @Test func flatAndPercentageAdd() throws {
        // 1,000 + ceil(12,345 × 0.5 %) = 1,000 + ceil(61.725)
        #expect(try FeeRule(flatFee: 1_000, percentBasisPoints: 50).fee(for: 12_345) == 1_062)
    }

    @Test func theMinimumRaisesAndTheMaximumCaps() throws {
        let rule = FeeRule(flatFee: 0, percentBasisPoints: 100, minimumFee: 1_000, maximumFee: 10_000)
        #expect(try rule.fee(for: 10_000) == 1_000)  // 100, raised
        #expect(try rule.fee(for: 100_000) == 1_000)  // exactly the minimum
        #expect(try rule.fee(for: 100_001) == 1_001)  // 1,000.01
        #expect(try rule.fee(for: 1_000_000) == 10_000)  // exactly the maximum
        #expect(try rule.fee(for: 50_000_000) == 10_000)  // 500,000, capped
        #expect(try FeeRule(flatFee: 0, percentBasisPoints: 100, minimumFee: 1_000).fee(for: 50_000_000) == 500_000)
    }

    /// Integer arithmetic only: a `Double` would give 99,999,999,998,500 here (the product has no exact double).
    @Test func hugeAmountsAreExact() throws {
        #expect(try FeeRule(flatFee: 0, percentBasisPoints: 150).fee(for: 6_666_666_666_566_667) == 99_999_999_998_501)
        #expect(try FeeRule(flatFee: 0, percentBasisPoints: 1).fee(for: 999_999_999_999_900_001) == 99_999_999_999_991)
        #expect(try FeeRule(flatFee: 0, percentBasisPoints: 10_000).fee(for: 922_337_203_685_477) == 922_337_203_685_477)
    }

    @Test func overflowAndNonPositiveAmountsAreInvalidAmounts() {
        let outOfRange = expectRuleError(.invalidAmount, field: ["amount"]) {
            try FeeRule(flatFee: 0, percentBasisPoints: 10_000).fee(for: Int64.max)
        }
        #expect(outOfRange?.detail == "the fee is out of range")
        expectRuleError(.invalidAmount, field: ["amount"]) {
            try FeeRule(flatFee: Int64.max, percentBasisPoints: 1).fee(for: 1)
        }
        for amount: Int64 in [0, -1, Int64.min] {
            let error = expectRuleError(.invalidAmount, field: ["amount"]) { try FeeRule(flatFee: 6_500).fee(for: amount) }
            #expect(error?.detail == "must be greater than zero")
        }
    }

    // MARK: - Account numbers

    @Test(arguments: DisbursementProvider.allCases.filter { $0.type == .bankTransfer })
    func aBankAccountHasItsBanksDigitCount(provider: DisbursementProvider) throws {
        let expected: [DisbursementProvider: Int] = [
            .bca: 10, .mandiri: 13, .bni: 10, .bri: 15, .cimbNiaga: 13, .permata: 10, .bsi: 10,
        ]
        let digits = try #require(expected[provider])
        #expect(provider.accountDigits == digits)
        #expect(provider.bankCode?.count == 3)
        let number = String("123456789012345".prefix(digits))
        #expect(try AccountNumber.normalized(number, provider: provider) == number)
        // Groups separated by spaces or hyphens are the same number.
        let grouped = number.enumerated().map { $0.offset > 0 && $0.offset % 4 == 0 ? "-\($0.element)" : "\($0.element)" }
            .joined()
        #expect(try AccountNumber.normalized(grouped, provider: provider) == number)
        #expect(try AccountNumber.normalized(" " + grouped.replacingOccurrences(of: "-", with: " ") + " ", provider: provider) == number)
        for wrong in [String(number.dropLast()), number + "1", String(number.dropLast()) + "a", String(number.dropLast()) + "٣", ""] {
            let error = expectRuleError(.invalidAccountNumber, field: ["accountNumber"]) {
                try AccountNumber.normalized(wrong, provider: provider)
            }
            #expect(error?.detail == "\(provider.rawValue) account numbers have \(digits) digits", "\(wrong)")
        }
    }

    @Test(arguments: DisbursementProvider.allCases.filter { $0.type == .eWallet })
    func anEWalletAccountIsAnIndonesianMobileNumberStoredWithPlus62(provider: DisbursementProvider) throws {
        #expect(provider.bankCode == nil && provider.accountDigits == nil)
        for form in ["+6281234567890", "6281234567890", "081234567890", "0812-3456-7890", "+62 812 3456 7890", "62 812-3456-7890"] {
            #expect(try AccountNumber.normalized(form, provider: provider) == "+6281234567890", "\(form)")
        }
        #expect(try AccountNumber.normalized("+62812345678", provider: provider) == "+62812345678")  // 9 digits
        #expect(try AccountNumber.normalized("0812345678901", provider: provider) == "+62812345678901")  // 12
        let rejected = [
            "81234567890",  // no prefix
            "+6271234567890",  // not a mobile number (8…)
            "+6281234567",  // 8 digits after +62
            "+628123456789012",  // 13
            "+62 812 3456 789a", "+62８１２３４５６７８９０", "0062812345678", "+62+81234567890", "", "+62",
            String(repeating: "0", count: 65),
        ]
        for wrong in rejected {
            let error = expectRuleError(.invalidAccountNumber, field: ["accountNumber"]) {
                try AccountNumber.normalized(wrong, provider: provider)
            }
            #expect(error?.detail == "an Indonesian mobile number such as +6281234567890", "\(wrong)")
        }
    }

    @Test func maskingShowsOnlyTheLastFourCharacters() {
        #expect(AccountNumber.masked("1234567890") == "******7890")
        #expect(AccountNumber.masked("+6281234567890") == "**********7890")
        #expect(AccountNumber.masked("1234") == "1234")
        #expect(AccountNumber.masked("12") == "12")
        #expect(AccountNumber.masked("") == "")
    }

    @Test func holderNamesAreTrimmedLettersWithSimplePunctuation() throws {
        #expect(try AccountNumber.holderName("  Budi Santoso  ") == "Budi Santoso")
        for name in ["Siti Nur'aini", "A. B-C, Jr", "José Müller", "李小龍", String(repeating: "a", count: 100), "x"] {
            #expect(try AccountNumber.holderName(name) == name)
        }
        let rejected = [
            "", "   ", "Budi1", "...", "- ' ,", String(repeating: "a", count: 101), "Budi\nSantoso", "Budi\tSantoso",
            "Budi 😀", "Budi_Santoso", "Budi@bank",
        ]
        for name in rejected {
            let error = expectRuleError(.invalidInput, field: ["accountHolderName"]) { try AccountNumber.holderName(name) }
            #expect(error != nil, "\(name)")
        }
    }

    // MARK: - The Asia/Jakarta day

    @Test func aJakartaDayStartsAt17UTCTheDayBefore() {
        let utc = ManualClock.utc
        let start = WithdrawalPolicy.startOfJakartaDay
        #expect(start(utc("2026-11-21T16:59:59Z")) == utc("2026-11-20T17:00:00Z"))
        #expect(start(utc("2026-11-21T16:59:59Z").addingTimeInterval(0.999)) == utc("2026-11-20T17:00:00Z"))
        #expect(start(utc("2026-11-21T17:00:00Z")) == utc("2026-11-21T17:00:00Z"))
        #expect(start(utc("2026-11-21T17:00:01Z")) == utc("2026-11-21T17:00:00Z"))
        #expect(start(utc("2026-11-21T00:00:00Z")) == utc("2026-11-20T17:00:00Z"))
        #expect(start(utc("2026-11-21T12:00:00Z")) == utc("2026-11-20T17:00:00Z"))
        // New Year in Jakarta, and a leap day.
        #expect(start(utc("2026-12-31T17:00:00Z")) == utc("2026-12-31T17:00:00Z"))
        #expect(start(utc("2028-02-29T16:00:00Z")) == utc("2028-02-28T17:00:00Z"))
        // Before 1970 the arithmetic still floors.
        #expect(start(utc("1969-12-31T17:00:00Z")) == utc("1969-12-31T17:00:00Z"))
        #expect(start(utc("1969-12-31T16:59:59Z")) == utc("1969-12-30T17:00:00Z"))
    }

    @Test func theDefaultPolicyIsTheSeeds() {
        let policy = WithdrawalPolicy()
        #expect(policy.minimum == 10_000 && policy.maximum == 50_000_000 && policy.dailyLimit == 100_000_000)
        #expect(policy.holdTimeout == .seconds(86_400) && policy.assetCode == "IDR")
    }

    @Test func everyProviderHasTheTypeItsNameSays() {
        let banks: Set<DisbursementProvider> = [.bca, .mandiri, .bni, .bri, .cimbNiaga, .permata, .bsi]
        for provider in DisbursementProvider.allCases {
            #expect(provider.type == (banks.contains(provider) ? .bankTransfer : .eWallet))
        }
        #expect(DisbursementProvider.bca.bankCode == "014")
    }
}

/// The policy and the fee schedule are written in rupiah; an asset's scale turns them into minor units.
@Suite struct WithdrawalMinorUnitTests {
    @Test func wholeUnitsBecomeMinorUnitsAndSaturate() {
        #expect(WithdrawalPolicy.minorUnits(10_000, scale: 0) == 10_000)
        #expect(WithdrawalPolicy.minorUnits(10_000, scale: 2) == 1_000_000)
        #expect(WithdrawalPolicy.minorUnits(100_000_000, scale: 18) == .max)
        #expect(WithdrawalPolicy.minorUnits(0, scale: 18) == 0)
        let limits = WithdrawalPolicy().limits(scale: 2)
        #expect(limits.minimum == 1_000_000 && limits.maximum == 5_000_000_000 && limits.dailyLimit == 10_000_000_000)
    }

    @Test func aFeeRuleInMinorUnitsKeepsItsPercentage() throws {
        let rule = FeeRule(flatFee: 1_000, percentBasisPoints: 150, minimumFee: 1_500, maximumFee: 15_000)
        let cents = rule.inMinorUnits(scale: 2)
        #expect(cents == FeeRule(flatFee: 100_000, percentBasisPoints: 150, minimumFee: 150_000, maximumFee: 1_500_000))
        // Rp 100,000.00: 1,000.00 flat + 1.5 % (1,500.00) = Rp 2,500.00, the same rupiah as at scale 0.
        #expect(try cents.fee(for: 10_000_000) == 250_000)
        #expect(try rule.fee(for: 100_000) == 2_500)
    }
}
