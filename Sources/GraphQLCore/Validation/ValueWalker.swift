/// Walks one argument or default value: runs ValuesOfCorrectType and UniqueInputFieldNames on every literal
/// and records each variable with the type its position expects.
///
/// Each node is visited once with an explicit stack, so the cost is linear in the literal's size whatever its
/// nesting (GraphQLSwift re-validated inner lists for every outer one and went exponential).
struct ValueWalker {
    let context: ValidationContext

    private struct Frame {
        var value: Value
        /// The expected input type at this position (TypeInfo's `getInputType`).
        var type: GraphQLTypeRef?
        var hasLocationDefault: Bool
        /// False below a literal that ValuesOfCorrectType already rejected as a whole (graphql-js's `SKIP`).
        var checked: Bool
    }

    private enum Step {
        case value(Frame)
        /// Entering one field of an object literal (graphql-js's ObjectField node).
        case field(ObjectField, object: Int, type: InputObjectType?, checked: Bool)
    }

    func walk(_ value: Value, type: GraphQLTypeRef?, hasLocationDefault: Bool) {
        var stack: [Step] = [.value(Frame(value: value, type: type, hasLocationDefault: hasLocationDefault, checked: true))]
        // Names seen so far in each object literal, for UniqueInputFieldNames; indexed by the object's step.
        var seenNames: [[String: Name]] = []
        while let step = stack.popLast(), !context.aborted {
            let frame: Frame
            switch step {
            case .value(let value): frame = value
            case .field(let field, let object, let objectType, let checked):
                let definition = objectType?.fields[field.name.value]
                if checked, definition == nil, let objectType {
                    ValuesOfCorrectTypeRule.reportUnknownField(field, on: objectType, context)
                }
                UniqueInputFieldNamesRule.check(field, seen: &seenNames[object], context)
                let fieldType = definition.flatMap { context.isInputType($0.type) ? $0.type : nil }
                stack.append(.value(Frame(
                    value: field.value, type: fieldType, hasLocationDefault: definition?.defaultValue != nil,
                    checked: checked)))
                continue
            }
            switch frame.value.kind {
            case .variable(let name):
                context.currentUsages.append(VariableUsage(
                    name: name, loc: frame.value.loc, type: frame.type, hasLocationDefault: frame.hasLocationDefault))
            case .null:
                if frame.checked { ValuesOfCorrectTypeRule.checkNull(frame.value, type: frame.type, context) }
            case .int, .float, .string, .boolean, .enumValue:
                if frame.checked { ValuesOfCorrectTypeRule.checkLeaf(frame.value, type: frame.type, context) }
            case .list(let items):
                // Like TypeInfo: items expect the list's item type; a non-list position passes its own type down
                // (input coercion accepts a single item for a list).
                let listType = frame.type?.nullable
                var itemType = listType
                var checked = frame.checked
                if case .list(let inner)? = listType {
                    itemType = inner
                } else if checked {
                    ValuesOfCorrectTypeRule.checkLeaf(frame.value, type: itemType, context)
                    checked = false
                }
                for item in items.reversed() {
                    stack.append(.value(Frame(value: item, type: itemType, hasLocationDefault: false, checked: checked)))
                }
            case .object(let fields):
                var checked = frame.checked
                let objectType: InputObjectType?
                if let type = frame.type, case .inputObject(let inputObject)? = context.namedType(type.namedType) {
                    objectType = inputObject
                } else {
                    objectType = nil
                }
                if checked {
                    if let objectType {
                        ValuesOfCorrectTypeRule.checkObject(frame.value, fields: fields, type: objectType, context)
                    } else {
                        ValuesOfCorrectTypeRule.checkLeaf(frame.value, type: frame.type, context)
                        checked = false
                    }
                }
                let object = seenNames.count
                seenNames.append([:])
                for field in fields.reversed() {
                    stack.append(.field(field, object: object, type: objectType, checked: checked))
                }
            }
        }
    }
}
