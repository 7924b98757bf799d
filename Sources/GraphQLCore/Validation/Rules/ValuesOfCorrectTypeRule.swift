/// Spec 5.6.1: every literal fits the input type expected where it appears; @oneOf input objects get exactly
/// one non-null field. `ValueWalker` drives it node by node.
enum ValuesOfCorrectTypeRule {
    static func checkNull(_ value: Value, type: GraphQLTypeRef?, _ context: ValidationContext) {
        guard let type, type.isNonNull else { return }
        context.report("Expected value of type \"\(type)\", found null.", [value.loc])
    }

    /// graphql-js's `isValidValueNode`: the literal must parse as the position's leaf type.
    static func checkLeaf(_ value: Value, type: GraphQLTypeRef?, _ context: ValidationContext) {
        guard let type, let named = context.namedType(type.namedType) else { return }
        switch named {
        case .enumType(let enumType):
            if let message = enumProblem(value, enumType) { context.report(message, [value.loc]) }
        case .scalar(let scalar):
            if let message = scalarProblem(value, scalar, locationType: type) { context.report(message, [value.loc]) }
        default:
            context.report("Expected value of type \"\(type)\", found \(ValuePrinter.print(value)).", [value.loc])
        }
    }

    static func checkObject(_ value: Value, fields: [ObjectField], type: InputObjectType, _ context: ValidationContext) {
        var byName: [String: ObjectField] = [:]
        var names: [String] = []
        for field in fields {
            if byName[field.name.value] == nil { names.append(field.name.value) }
            byName[field.name.value] = field
        }
        for definition in type.fields.values where definition.isRequired && byName[definition.name] == nil {
            context.report(
                "Field \"\(type.name).\(definition.name)\" of required type \"\(definition.type)\" was not provided.",
                [value.loc])
        }
        guard type.isOneOf else { return }
        guard names.count == 1, let only = byName[names[0]] else {
            context.report("OneOf Input Object \"\(type.name)\" must specify exactly one key.", [value.loc])
            return
        }
        switch only.value.kind {
        case .null:
            context.report("Field \"\(type.name).\(names[0])\" must be non-null.", [value.loc])
        case .variable(let name):
            if let definition = context.oneOfVariableDefinitions[name], !definition.type.isNonNullReference {
                context.report(
                    "Variable \"\(name)\" must be non-nullable to be used for OneOf Input Object \"\(type.name)\".",
                    [value.loc])
            }
        default:
            break
        }
    }

    static func reportUnknownField(_ field: ObjectField, on type: InputObjectType, _ context: ValidationContext) {
        let suggestions = Suggestions.list(field.name.value, options: type.fields.keys)
        context.report(
            "Field \"\(field.name.value)\" is not defined by type \"\(type.name)\"." + Suggestions.didYouMean(suggestions),
            [field.name.loc])
    }

    private static func enumProblem(_ value: Value, _ type: EnumType) -> String? {
        let printed = ValuePrinter.print(value)
        let hint = Suggestions.didYouMean(Suggestions.list(printed, options: type.values.keys), subMessage: "the enum value")
        guard case .enumValue(let name) = value.kind else {
            return "Enum \"\(type.name)\" cannot represent non-enum value: \(printed)." + hint
        }
        return type.values[name] == nil ? "Value \"\(printed)\" does not exist in \"\(type.name)\" enum." + hint : nil
    }

    private static func scalarProblem(_ value: Value, _ scalar: ScalarType, locationType: GraphQLTypeRef) -> String? {
        switch (scalar.name, value.kind) {
        case ("Int", .int(let text)):
            return isInt32(text) ? nil : "Int cannot represent non-32-bit signed integer value: \(text)"
        case ("Int", _):
            return "Int cannot represent non-integer value: \(ValuePrinter.print(value))"
        case ("Float", .int), ("Float", .float):
            return nil
        case ("Float", _):
            return "Float cannot represent non numeric value: \(ValuePrinter.print(value))"
        case ("String", .string):
            return nil
        case ("String", _):
            return "String cannot represent a non string value: \(ValuePrinter.print(value))"
        case ("Boolean", .boolean):
            return nil
        case ("Boolean", _):
            return "Boolean cannot represent a non boolean value: \(ValuePrinter.print(value))"
        case ("ID", .string), ("ID", .int):
            return nil
        case ("ID", _):
            return "ID cannot represent a non-string and non-integer value: \(ValuePrinter.print(value))"
        default:
            // A custom scalar accepts any literal unless the schema gave it a check.
            guard let problem = scalar.checkLiteral?(value) else { return nil }
            return "Expected value of type \"\(locationType)\", found \(ValuePrinter.print(value)); \(problem)"
        }
    }

    /// True when the integer literal's text is within 32-bit signed range (graphql-js rejects the rest).
    static func isInt32(_ text: String) -> Bool {
        guard let number = Int(text) else { return false }
        return number >= Int(Int32.min) && number <= Int(Int32.max)
    }
}
