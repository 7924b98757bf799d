import OrderedCollections

/// The working state of turning an SDL document into model types: definitions grouped by name with their
/// extensions, the problems found so far, and where each schema coordinate was defined (for messages about
/// the finished model, which keeps no syntax).
struct SchemaAssembly {
    let document: Document
    let suppliedScalars: [String: ScalarType]
    var errors: [GraphQLError] = []
    var typeDefinitions: OrderedDictionary<String, TypeDefinition> = [:]
    var typeExtensions: [String: [TypeDefinition]] = [:]
    var directiveDefinitions: OrderedDictionary<String, DirectiveDefinition> = [:]
    var schemaDefinition: SchemaDefinition?
    var schemaExtensions: [SchemaDefinition] = []
    /// Keyed by schema coordinate: `Type`, `Type.field`, `Type.field(arg:)`, `@directive`, `@directive(arg:)`.
    var locations: [String: SourceLocation] = [:]

    init(document: Document, suppliedScalars: [ScalarType]) {
        self.document = document
        self.suppliedScalars = Dictionary(suppliedScalars.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    mutating func report(_ message: String, at locations: SourceLocation...) {
        errors.append(GraphQLError(message, locations: locations, code: .validationFailed))
    }

    /// Sorts the definitions by kind and name, reporting duplicates and extensions without a definition.
    mutating func collect() {
        var pendingExtensions: [TypeDefinition] = []
        for definition in document.definitions {
            switch definition {
            case .operation(let operation):
                report("A schema definition may not contain operations.", at: operation.loc)
            case .fragment(let fragment):
                report("A schema definition may not contain fragments.", at: fragment.loc)
            case .typeSystem(.schema(let schema)):
                if let first = schemaDefinition {
                    report("Must provide only one schema definition.", at: first.loc, schema.loc)
                } else {
                    schemaDefinition = schema
                }
            case .typeSystem(.schemaExtension(let schema)):
                schemaExtensions.append(schema)
            case .typeSystem(.type(let type)):
                let name = type.name.value
                if let existing = typeDefinitions[name] {
                    report("There can be only one type named \"\(name)\".", at: existing.name.loc, type.name.loc)
                } else {
                    typeDefinitions[name] = type
                    locations[name] = type.name.loc
                }
            case .typeSystem(.typeExtension(let type)):
                pendingExtensions.append(type)
            case .typeSystem(.directive(let directive)):
                let name = directive.name.value
                if let existing = directiveDefinitions[name] {
                    report("There can be only one directive named \"@\(name)\".", at: existing.name.loc, directive.name.loc)
                } else {
                    directiveDefinitions[name] = directive
                    locations["@" + name] = directive.name.loc
                }
            }
        }
        // Extensions may come before their definition in the text, so they are matched afterwards.
        for type in pendingExtensions {
            let name = type.name.value
            guard let definition = typeDefinitions[name] else {
                report("Cannot extend type \"\(name)\" because it is not defined.", at: type.name.loc)
                continue
            }
            guard Self.kindName(definition.kind) == Self.kindName(type.kind) else {
                report("Cannot extend non-\(Self.kindName(type.kind)) type \"\(name)\".", at: type.name.loc)
                continue
            }
            typeExtensions[name, default: []].append(type)
        }
        for (name, scalar) in suppliedScalars {
            guard case .scalar? = typeDefinitions[name]?.kind else {
                report("Scalar \"\(scalar.name)\" was supplied but the SDL does not define \"scalar \(name)\".")
                continue
            }
        }
    }

    static func kindName(_ kind: TypeDefinition.Kind) -> String {
        switch kind {
        case .scalar: return "scalar"
        case .object: return "object"
        case .interface: return "interface"
        case .union: return "union"
        case .enumType: return "enum"
        case .inputObject: return "input object"
        }
    }

    /// Whether `name` resolves: a defined type, a built-in scalar or an introspection type.
    func isKnownType(_ name: String) -> Bool {
        typeDefinitions[name] != nil || ScalarType.builtInNames.contains(name)
            || BuiltInDefinitions.introspectionTypeNames.contains(name)
    }

    /// Converts a type reference, reporting an unknown named type.
    mutating func typeReference(_ ast: TypeReference) -> GraphQLTypeRef {
        let named = ast.namedType
        if !isKnownType(named.value) {
            report("Unknown type \"\(named.value)\".", at: named.loc)
        }
        return GraphQLTypeRef(ast)
    }

    /// The reason given by `@deprecated`, its default when it has none, or nil when not deprecated. An explicit
    /// `reason: null` means not deprecated, as in graphql-js, which reads deprecation from the reason alone.
    static func deprecationReason(_ directives: [Directive]) -> String? {
        guard let directive = directives.first(where: { $0.name.value == "deprecated" }) else { return nil }
        guard let reason = directive.arguments.first(where: { $0.name.value == "reason" }) else {
            return BuiltInDefinitions.defaultDeprecationReason
        }
        switch reason.value.kind {
        case .string(let text, _): return text
        case .null: return nil
        default: return BuiltInDefinitions.defaultDeprecationReason
        }
    }

    /// A string argument of a directive, e.g. `@specifiedBy(url:)`.
    static func stringArgument(_ directives: [Directive], directive: String, argument: String) -> String? {
        guard let found = directives.first(where: { $0.name.value == directive }),
              let value = found.arguments.first(where: { $0.name.value == argument })?.value,
              case .string(let text, _) = value.kind
        else { return nil }
        return text
    }
}
