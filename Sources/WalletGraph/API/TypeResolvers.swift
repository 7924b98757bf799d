import GraphQLCore

// Owned by the read side: fields of Asset, User, Wallet, Transaction, Counterparty, LedgerEntry, the
// connections, PageInfo, ReconcileReport, and Node's type resolution. Sources: AssetRecord, UserRecord,
// WalletRecord, TransactionRecord, EntryRecord.
extension WalletAPI {
    static func bindTypeResolvers(into map: inout ResolverMap<APIContext>) {
    }
}
