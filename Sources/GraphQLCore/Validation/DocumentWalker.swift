/// The single pass that runs every rule: it walks each definition once, tracking the parent type, field and
/// expected input type as graphql-js's `TypeInfo` does, and calls the rules at each node in the order of
/// graphql-js's `specifiedRules`, so errors come out in (nearly) the reference order.
///
/// Selection sets are walked with an explicit stack, so nesting depth costs heap, not call stack.
struct DocumentWalker {
    let context: ValidationContext

    /// An operation whose variable rules wait until every fragment it may spread has been walked.
    private struct PendingOperation {
        var operation: OperationDefinition
        var usages: [VariableUsage]
        var variableDefinitions: [String: VariableDefinition]
        /// How many errors there were when graphql-js would have left the operation.
        var errorIndex: Int
    }

    func run() {
        ExecutableDefinitionsRule.check(context)
        var pending: [PendingOperation] = []
        for (index, definition) in context.document.definitions.enumerated() {
            if context.aborted { return }
            switch definition {
            case .operation(let operation):
                walk(operation)
                pending.append(PendingOperation(
                    operation: operation, usages: context.currentUsages,
                    variableDefinitions: context.operationVariableDefinitions, errorIndex: context.errors.count))
            case .fragment(let fragment):
                walk(fragment)
                context.usagesByFragmentIndex[index] = context.currentUsages
            case .typeSystem(let definition):
                KnownTypeNamesRule.check(definition, context)
            }
        }
        // graphql-js runs these when it leaves each operation; fragments defined later are only known here, so
        // they run now and their errors are moved back to where graphql-js reports them.
        var placements: [(index: Int, range: Range<Int>)] = []
        for item in pending {
            if context.aborted { return }
            let start = context.errors.count
            let usages = item.usages + context.recursivelyReferencedFragments(of: item.operation.selectionSet)
                .flatMap { context.usagesByFragmentIndex[context.fragmentIndexByName[$0.name.value] ?? -1] ?? [] }
            NoUndefinedVariablesRule.check(item.operation, defined: item.variableDefinitions, usages: usages, context)
            NoUnusedVariablesRule.check(item.operation, usages: usages, context)
            VariablesInAllowedPositionRule.check(definitions: item.variableDefinitions, usages: usages, context)
            if context.errors.count > start { placements.append((item.errorIndex, start..<context.errors.count)) }
        }
        context.moveErrors(placements)
        if context.aborted { return }
        NoUnusedFragmentsRule.check(context)
    }

    private func walk(_ operation: OperationDefinition) {
        context.operationVariableDefinitions = [:]
        context.oneOfVariableDefinitions = [:]
        context.currentUsages = []
        UniqueOperationNamesRule.check(operation, context)
        LoneAnonymousOperationRule.check(operation, context)
        SingleFieldSubscriptionsRule.check(operation, context)
        UniqueVariableNamesRule.check(operation, context)
        UniqueDirectivesPerLocationRule.check(operation.directives, context)
        for definition in operation.variableDefinitions {
            walk(definition)
        }
        let location: DirectiveLocation
        switch operation.operation {
        case .query: location = .query
        case .mutation: location = .mutation
        case .subscription: location = .subscription
        }
        walk(operation.directives, at: location)
        let root = context.schema.rootType(for: operation.operation).map(GraphQLNamedType.object)
        walk(operation.selectionSet, parent: root)
    }

    private func walk(_ definition: VariableDefinition) {
        VariablesAreInputTypesRule.check(definition, context)
        UniqueDirectivesPerLocationRule.check(definition.directives, context)
        context.operationVariableDefinitions[definition.variable.value] = definition
        context.oneOfVariableDefinitions[definition.variable.value] = definition
        KnownTypeNamesRule.check(definition.type.namedType, context)
        if let defaultValue = definition.defaultValue {
            let type = context.typeFromAST(definition.type).flatMap { context.isInputType($0) ? $0 : nil }
            ValueWalker(context: context).walk(defaultValue, type: type, hasLocationDefault: false)
        }
        walk(definition.directives, at: .variableDefinition)
    }

    private func walk(_ fragment: FragmentDefinition) {
        context.currentUsages = []
        UniqueFragmentNamesRule.check(fragment, context)
        FragmentsOnCompositeTypesRule.check(fragment, context)
        NoFragmentCyclesRule.check(fragment, context)
        UniqueDirectivesPerLocationRule.check(fragment.directives, context)
        KnownTypeNamesRule.check(fragment.typeCondition, context)
        walk(fragment.directives, at: .fragmentDefinition)
        let type = context.namedType(fragment.typeCondition.value)
        walk(fragment.selectionSet, parent: type?.isComposite == true ? type : nil)
    }

    /// Directives and their arguments, at one location.
    private func walk(_ directives: [Directive], at location: DirectiveLocation) {
        for directive in directives {
            KnownDirectivesRule.check(directive, at: location, context)
            KnownArgumentNamesRule.check(directive, context)
            UniqueArgumentNamesRule.check(directive.arguments, context)
            let definition = context.schema.directives[directive.name.value]
            for argument in directive.arguments {
                let argumentDefinition = definition?.arguments[argument.name.value]
                walkValue(argument.value, definition: argumentDefinition)
            }
            ProvidedRequiredArgumentsRule.check(directive, context)
        }
    }

    private func walkValue(_ value: Value, definition: InputValueDefinition?) {
        let type = definition.flatMap { context.isInputType($0.type) ? $0.type : nil }
        ValueWalker(context: context).walk(value, type: type, hasLocationDefault: definition?.defaultValue != nil)
    }

    private enum Step {
        case selectionSet(SelectionSet, parent: GraphQLNamedType?)
        case selection(Selection, parent: GraphQLNamedType?)
        case leaveField(Field, definition: FieldDefinition?)
    }

    private func walk(_ root: SelectionSet, parent rootParent: GraphQLNamedType?) {
        var stack: [Step] = [.selectionSet(root, parent: rootParent)]
        while let step = stack.popLast(), !context.aborted {
            switch step {
            case .selectionSet(let set, let parent):
                OverlappingFieldsCanBeMergedRule.check(set, parent: parent, context)
                for selection in set.selections.reversed() {
                    stack.append(.selection(selection, parent: parent))
                }
            case .leaveField(let field, let definition):
                ProvidedRequiredArgumentsRule.check(field, definition: definition, context)
            case .selection(.field(let field), let parent):
                let definition = parent.flatMap { context.schema.field(field.name.value, on: $0.name) }
                ScalarLeafsRule.check(field, definition: definition, context)
                FieldsOnCorrectTypeRule.check(field, parent: parent, definition: definition, context)
                UniqueDirectivesPerLocationRule.check(field.directives, context)
                UniqueArgumentNamesRule.check(field.arguments, context)
                for argument in field.arguments {
                    KnownArgumentNamesRule.check(argument, field: definition, parent: parent, context)
                    walkValue(argument.value, definition: definition?.arguments[argument.name.value])
                }
                walk(field.directives, at: .field)
                stack.append(.leaveField(field, definition: definition))
                if let set = field.selectionSet {
                    let type = definition.flatMap { context.namedType($0.type.namedType) }
                    stack.append(.selectionSet(set, parent: type?.isComposite == true ? type : nil))
                }
            case .selection(.inlineFragment(let fragment), let parent):
                var type = parent
                if let condition = fragment.typeCondition {
                    type = context.namedType(condition.value)
                    if type?.isOutputType != true { type = nil }
                }
                FragmentsOnCompositeTypesRule.check(fragment, context)
                PossibleFragmentSpreadsRule.check(fragment, type: type, parent: parent, context)
                UniqueDirectivesPerLocationRule.check(fragment.directives, context)
                if let condition = fragment.typeCondition { KnownTypeNamesRule.check(condition, context) }
                walk(fragment.directives, at: .inlineFragment)
                stack.append(.selectionSet(fragment.selectionSet, parent: type?.isComposite == true ? type : nil))
            case .selection(.fragmentSpread(let spread), let parent):
                KnownFragmentNamesRule.check(spread, context)
                PossibleFragmentSpreadsRule.check(spread, parent: parent, context)
                UniqueDirectivesPerLocationRule.check(spread.directives, context)
                walk(spread.directives, at: .fragmentSpread)
            }
        }
    }
}
