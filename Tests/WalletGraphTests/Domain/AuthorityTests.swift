import Foundation
import Testing

import WalletGraph

/// Who may do what, for each role, with no database.
@Suite struct AuthorityTests {
    static let owner = UUID()
    static let wallet = WalletState(id: UUID(), ownerID: owner, assetID: UUID(), kind: .user, balance: 10, version: 1)
    static let system = WalletState(
        id: UUID(), ownerID: nil, assetID: UUID(), kind: .system, purpose: .funding, allowNegative: true, balance: 0, version: 0)

    static func initiator(_ role: Role, owner: Bool) -> Initiator {
        Initiator(userID: owner ? Self.owner : UUID(), role: role)
    }

    @Test(arguments: [Role.operator, .admin], [true, false])
    func operatorsAndAdminsTopUpAnyUserWallet(role: Role, allowSelfTopUp: Bool) throws {
        try Authority.checkTopUp(Self.initiator(role, owner: false), wallet: Self.wallet, allowSelfTopUp: allowSelfTopUp)
        try Authority.checkTopUp(Self.initiator(role, owner: true), wallet: Self.wallet, allowSelfTopUp: allowSelfTopUp)
    }

    @Test func aUserTopsUpTheirOwnWalletOnlyWhenSelfTopUpIsOn() throws {
        let user = Self.initiator(.user, owner: true)
        try Authority.checkTopUp(user, wallet: Self.wallet, allowSelfTopUp: true)
        let error = expectRuleError(.forbidden, field: .some(nil)) {
            try Authority.checkTopUp(user, wallet: Self.wallet, allowSelfTopUp: false)
        }
        #expect(error?.detail == "self top-up is disabled")
    }

    /// Another user's wallet looks missing, whether or not self top-up is on.
    @Test(arguments: [true, false])
    func aUserCannotTopUpAnotherUsersWallet(allowSelfTopUp: Bool) {
        expectRuleError(.walletNotFound, field: ["walletId"]) {
            try Authority.checkTopUp(Self.initiator(.user, owner: false), wallet: Self.wallet, allowSelfTopUp: allowSelfTopUp)
        }
    }

    @Test(arguments: Role.allCases)
    func nobodyTopsUpASystemWallet(role: Role) {
        expectRuleError(.walletNotFound, field: ["walletId"]) {
            try Authority.checkTopUp(Initiator(userID: UUID(), role: role), wallet: Self.system, allowSelfTopUp: true)
        }
    }

    @Test(arguments: Role.allCases)
    func onlyTheOwnerDebitsAWalletWhateverTheRole(role: Role) throws {
        try Authority.checkDebit(Self.initiator(role, owner: true), wallet: Self.wallet, field: "fromWalletId")
        expectRuleError(.walletNotFound, field: ["fromWalletId"]) {
            try Authority.checkDebit(Self.initiator(role, owner: false), wallet: Self.wallet, field: "fromWalletId")
        }
        expectRuleError(.walletNotFound, field: ["walletId"]) {
            try Authority.checkDebit(Initiator(userID: UUID(), role: role), wallet: Self.system, field: "walletId")
        }
    }

    @Test func anyUserWalletMayBePaidButNoSystemWallet() throws {
        try Authority.checkPayee(wallet: Self.wallet, field: "toWalletId")
        expectRuleError(.walletNotFound, field: ["toUsername"]) {
            try Authority.checkPayee(wallet: Self.system, field: "toUsername")
        }
    }

    @Test(arguments: Role.allCases)
    func onlyAdminsPassRequireAdmin(role: Role) throws {
        let initiator = Initiator(userID: UUID(), role: role)
        if role == .admin {
            try Authority.requireAdmin(initiator)
        } else {
            expectRuleError(.forbidden, field: .some(nil)) { try Authority.requireAdmin(initiator) }
        }
    }
}
