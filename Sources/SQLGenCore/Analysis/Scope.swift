/// The names visible at one level of a query: the FROM items, CTEs, and the enclosing level for
/// correlated subqueries.
final class Scope {
    struct Column {
        let name: String
        var typed: Typed
        /// Hidden from unqualified lookup: the right side of `JOIN … USING (col)`.
        var hiddenUnqualified = false
    }

    struct Source {
        let name: String
        var columns: [Column]
    }

    let parent: Scope?
    var sources: [Source] = []
    var commonTables: [String: [Column]] = [:]
    /// Output columns, which ORDER BY and GROUP BY may name.
    var outputs: [OutputColumn] = []

    init(parent: Scope?) {
        self.parent = parent
    }

    func commonTable(_ name: String) -> [Column]? {
        commonTables[name] ?? parent?.commonTable(name)
    }

    enum Lookup {
        case found(Typed)
        case ambiguous
        case missingTable
        case missingColumn
    }

    func lookup(table: String?, column: String) -> Lookup {
        if let table {
            if let source = sources.last(where: { $0.name == table }) {
                if let match = source.columns.first(where: { $0.name == column }) { return .found(match.typed) }
                return .missingColumn
            }
        } else {
            let matches = sources.flatMap { $0.columns.filter { $0.name == column && !$0.hiddenUnqualified } }
            if matches.count > 1 { return .ambiguous }
            if let match = matches.first { return .found(match.typed) }
        }
        if let parent { return parent.lookup(table: table, column: column) }
        return table != nil ? .missingTable : .missingColumn
    }
}
