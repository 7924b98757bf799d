/// Spec 5.3.1: a selected field exists on its parent type; the message suggests a fragment or a near name.
enum FieldsOnCorrectTypeRule {
    static func check(_ field: Field, parent: GraphQLNamedType?, definition: FieldDefinition?, _ context: ValidationContext) {
        guard let parent, definition == nil else { return }
        let name = field.name.value
        var suggestion = Suggestions.didYouMean(
            suggestedTypeNames(parent, field: name, context.schema), subMessage: "to use an inline fragment on")
        if suggestion.isEmpty, let fields = parent.fields {
            suggestion = Suggestions.didYouMean(Suggestions.list(name, options: fields.keys))
        }
        context.report("Cannot query field \"\(name)\" on type \"\(parent.name)\"." + suggestion, [field.loc])
    }

    /// Possible types of an abstract parent (and their interfaces) that do have the field, most used first,
    /// super types before sub types, then by name.
    static func suggestedTypeNames(_ parent: GraphQLNamedType, field: String, _ schema: GraphQLSchema) -> [String] {
        guard parent.isAbstract else { return [] }
        var order: [String] = []
        var usage: [String: Int] = [:]
        var isInterface: Set<String> = []
        for objectName in schema.possibleTypes(of: parent.name) {
            guard case .object(let object)? = schema.type(named: objectName), object.fields[field] != nil else { continue }
            if usage[objectName] == nil { order.append(objectName) }
            usage[objectName] = 1
            for interfaceName in object.interfaces {
                guard case .interface(let interface)? = schema.type(named: interfaceName),
                      interface.fields[field] != nil else { continue }
                if usage[interfaceName] == nil { order.append(interfaceName) }
                isInterface.insert(interfaceName)
                usage[interfaceName, default: 0] += 1
            }
        }
        func isSubType(_ abstract: String, _ candidate: String) -> Bool {
            schema.isPossibleType(candidate, of: abstract)
                || schema.interfaces(implementing: abstract).contains(candidate)
        }
        let ranked = order.enumerated().sorted { lhs, rhs in
            let a = lhs.element, b = rhs.element
            if usage[a]! != usage[b]! { return usage[a]! > usage[b]! }
            if isInterface.contains(a) && isSubType(a, b) { return true }
            if isInterface.contains(b) && isSubType(b, a) { return false }
            let names = Suggestions.naturalCompare(a, b)
            return names != 0 ? names < 0 : lhs.offset < rhs.offset
        }
        return ranked.map(\.element)
    }
}
