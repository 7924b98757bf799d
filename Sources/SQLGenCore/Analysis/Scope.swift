/// The names visible at one level of a query: the FROM items, CTEs, and the enclosing level for
/// correlated subqueries.
final class Scope {
    struct Column {
        let name: String
        var typed: Typed
        /// Hidden from unqualified lookup: the right side of `JOIN … USING (col)`.
        var hiddenUnqualified = false
        /// The `sqlc.embed` it came from, through a subquery's select list.
        var embed: OutputColumn.Embed? = nil
    }

    struct Source {
        let name: String
        var columns: [Column]
        /// The catalog table it reads, when it is one (not a CTE or a subquery).
        var table: String? = nil
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

    /// The column a plain reference names at this level only (not the parent's), when exactly one matches.
    func localColumn(table: String?, column: String) -> Column? {
        let candidates = sources.filter { table == nil || $0.name == table }
            .flatMap { $0.columns.filter { $0.name == column && (table != nil || !$0.hiddenUnqualified) } }
        return candidates.count == 1 ? candidates[0] : nil
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
