/// Spec 5.8.5: a variable's type fits every position it is used in (a nullable variable may fill a non-null
/// position only when it or the position has a default).
enum VariablesInAllowedPositionRule {
    static func check(definitions: [String: VariableDefinition], usages: [VariableUsage], _ context: ValidationContext) {
        for usage in usages {
            guard let definition = definitions[usage.name], let locationType = usage.type,
                  let variableType = context.typeFromAST(definition.type) else { continue }
            if !isAllowed(variableType, definition.defaultValue, locationType, usage.hasLocationDefault, context.schema) {
                context.report(
                    "Variable \"$\(usage.name)\" of type \"\(variableType)\" used in position expecting type \"\(locationType)\".",
                    [definition.loc, usage.loc])
            }
        }
    }

    static func isAllowed(
        _ variableType: GraphQLTypeRef, _ variableDefault: Value?, _ locationType: GraphQLTypeRef,
        _ hasLocationDefault: Bool, _ schema: GraphQLSchema
    ) -> Bool {
        if case .nonNull(let nullableLocation) = locationType, !variableType.isNonNull {
            var hasNonNullDefault = false
            if let variableDefault, case .null = variableDefault.kind {} else if variableDefault != nil {
                hasNonNullDefault = true
            }
            guard hasNonNullDefault || hasLocationDefault else { return false }
            return isSubType(variableType, of: nullableLocation, schema)
        }
        return isSubType(variableType, of: locationType, schema)
    }

    /// graphql-js's `isTypeSubTypeOf`, iterative over the wrappers.
    static func isSubType(_ sub: GraphQLTypeRef, of sup: GraphQLTypeRef, _ schema: GraphQLSchema) -> Bool {
        var sub = sub, sup = sup
        while true {
            if sub == sup { return true }
            switch (sub, sup) {
            case (.nonNull(let a), .nonNull(let b)): sub = a; sup = b
            case (_, .nonNull): return false
            case (.nonNull(let a), _): sub = a
            case (.list(let a), .list(let b)): sub = a; sup = b
            case (_, .list), (.list, _): return false
            case (.named(let a), .named(let b)):
                guard schema.type(named: b)?.isAbstract == true else { return false }
                return schema.isPossibleType(a, of: b) || schema.interfaces(implementing: b).contains(a)
            }
        }
    }
}
