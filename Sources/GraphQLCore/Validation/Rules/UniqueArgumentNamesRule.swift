/// Spec 5.4.2: a field or directive takes each argument once.
enum UniqueArgumentNamesRule {
    static func check(_ arguments: [Argument], _ context: ValidationContext) {
        guard arguments.count > 1 else { return }
        var groups: [String: [SourceLocation]] = [:]
        var order: [String] = []
        for argument in arguments {
            if groups[argument.name.value] == nil { order.append(argument.name.value) }
            groups[argument.name.value, default: []].append(argument.name.loc)
        }
        for name in order where groups[name]!.count > 1 {
            context.report("There can be only one argument named \"\(name)\".", groups[name]!)
        }
    }
}
