/// Spec 5.7.3: a non-repeatable directive appears at most once on a node.
enum UniqueDirectivesPerLocationRule {
    static func check(_ directives: [Directive], _ context: ValidationContext) {
        guard directives.count > 1 else { return }
        var seen: [String: Directive] = [:]
        for directive in directives {
            let name = directive.name.value
            let isUnique: Bool
            if let definition = context.schema.directives[name] {
                isUnique = !definition.isRepeatable
            } else {
                isUnique = context.documentDirectiveLocations[name] != nil
                    && !context.documentRepeatableDirectives.contains(name)
            }
            guard isUnique else { continue }
            if let first = seen[name] {
                context.report("The directive \"@\(name)\" can only be used once at this location.", [first.loc, directive.loc])
            } else {
                seen[name] = directive
            }
        }
    }
}
