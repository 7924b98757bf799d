/// Spec 5.5.2.3: a fragment is spread only where its type can overlap the parent type.
enum PossibleFragmentSpreadsRule {
    static func check(_ fragment: InlineFragment, type: GraphQLNamedType?, parent: GraphQLNamedType?, _ context: ValidationContext) {
        guard let type, let parent, type.isComposite, parent.isComposite,
              !typesOverlap(type.name, parent.name, context.schema) else { return }
        context.report(
            "Fragment cannot be spread here as objects of type \"\(parent.name)\" can never be of type \"\(type.name)\".",
            [fragment.loc])
    }

    static func check(_ spread: FragmentSpread, parent: GraphQLNamedType?, _ context: ValidationContext) {
        guard let fragment = context.fragments[spread.name.value],
              let type = context.namedType(fragment.typeCondition.value), type.isComposite,
              let parent, !typesOverlap(type.name, parent.name, context.schema) else { return }
        context.report(
            "Fragment \"\(spread.name.value)\" cannot be spread here as objects of type \"\(parent.name)\""
                + " can never be of type \"\(type.name)\".",
            [spread.loc])
    }

    /// True when some object type is a possible type of both.
    static func typesOverlap(_ a: String, _ b: String, _ schema: GraphQLSchema) -> Bool {
        if a == b { return true }
        let aIsAbstract = schema.type(named: a)?.isAbstract == true
        let bIsAbstract = schema.type(named: b)?.isAbstract == true
        switch (aIsAbstract, bIsAbstract) {
        case (true, true): return schema.possibleTypes(of: a).contains { schema.isPossibleType($0, of: b) }
        case (true, false): return schema.isPossibleType(b, of: a)
        case (false, true): return schema.isPossibleType(a, of: b)
        case (false, false): return false
        }
    }
}
