import OrderedCollections

/// Interface implementation rules: only interfaces, no cycles or repeats, transitive interfaces declared,
/// and every interface field present with a covariant type and compatible arguments.
extension SchemaValidator {
    mutating func validateInterfaces(
        _ interfaces: [String], of typeName: String, fields: OrderedDictionary<String, FieldDefinition>
    ) {
        var seen = Set<String>()
        for interfaceName in interfaces {
            guard let candidate = types[interfaceName] else { continue }
            guard case .interface(let interface) = candidate else {
                report("Type \(typeName) must only implement Interface types, it cannot implement \(interfaceName).", typeName)
                continue
            }
            if interfaceName == typeName {
                report("Type \(typeName) cannot implement itself because it would create a circular reference.", typeName)
                continue
            }
            if !seen.insert(interfaceName).inserted {
                report("Type \(typeName) can only implement \(interfaceName) once.", typeName)
                continue
            }
            for transitive in interface.interfaces where !interfaces.contains(transitive) {
                let message = transitive == typeName
                    ? "Type \(typeName) cannot implement \(interfaceName) because it would create a circular reference."
                    : "Type \(typeName) must implement \(transitive) because it is implemented by \(interfaceName)."
                report(message, typeName)
            }
            validateFields(of: typeName, fields: fields, implementing: interface)
        }
    }

    private mutating func validateFields(
        of typeName: String, fields: OrderedDictionary<String, FieldDefinition>, implementing interface: InterfaceType
    ) {
        for (fieldName, interfaceField) in interface.fields {
            let interfaceCoordinate = "\(interface.name).\(fieldName)"
            guard let field = fields[fieldName] else {
                report(
                    "Interface field \(interfaceCoordinate) expected but \(typeName) does not provide it.",
                    interfaceCoordinate, typeName)
                continue
            }
            let coordinate = "\(typeName).\(fieldName)"
            if !isSubType(field.type, of: interfaceField.type) {
                report(
                    "Interface field \(interfaceCoordinate) expects type \(interfaceField.type) but \(coordinate) is type \(field.type).",
                    interfaceCoordinate, coordinate)
            }
            for (argumentName, interfaceArgument) in interfaceField.arguments {
                guard let argument = field.arguments[argumentName] else {
                    report(
                        "Interface field argument \(interfaceCoordinate)(\(argumentName):) expected but \(coordinate) does not provide it.",
                        "\(interfaceCoordinate)(\(argumentName):)", coordinate)
                    continue
                }
                // Arguments are inputs, so they must match exactly rather than covariantly.
                if argument.type != interfaceArgument.type {
                    report(
                        "Interface field argument \(interfaceCoordinate)(\(argumentName):) expects type \(interfaceArgument.type) but \(coordinate)(\(argumentName):) is type \(argument.type).",
                        "\(interfaceCoordinate)(\(argumentName):)", "\(coordinate)(\(argumentName):)")
                }
            }
            for (argumentName, argument) in field.arguments
            where argument.isRequired && interfaceField.arguments[argumentName] == nil {
                report(
                    "Object field \(coordinate) includes required argument \(argumentName) that is missing from the Interface field \(interfaceCoordinate).",
                    "\(coordinate)(\(argumentName):)", interfaceCoordinate)
            }
        }
    }

    /// Whether a value of `sub` can stand where `superType` is expected (output-type covariance).
    func isSubType(_ sub: GraphQLTypeRef, of superType: GraphQLTypeRef) -> Bool {
        if sub == superType { return true }
        switch (sub, superType) {
        case (.nonNull(let subInner), .nonNull(let superInner)): return isSubType(subInner, of: superInner)
        case (_, .nonNull): return false
        case (.nonNull(let subInner), _): return isSubType(subInner, of: superType)
        case (.list(let subInner), .list(let superInner)): return isSubType(subInner, of: superInner)
        case (_, .list), (.list, _): return false
        case (.named(let subName), .named(let superName)):
            switch types[superName] {
            case .union(let union)?: return union.members.contains(subName)
            case .interface?:
                switch types[subName] {
                case .object(let object)?: return object.interfaces.contains(superName)
                case .interface(let interface)?: return interface.interfaces.contains(superName)
                default: return false
                }
            default: return false
            }
        }
    }
}
