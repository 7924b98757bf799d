/// Field errors: locating them, masking internal ones, and nulling what the spec says.
extension Executor {
    /// Records a resolver or argument error for one field of one object, then nulls the field, or the object
    /// when the field is non-null.
    func fail(with error: any Error, field: FieldPlan<Context>, node: ResultNode, index: Int) {
        if anyNulled && node.isDetached { return }
        record(locatedError(error, field: field, path: node.path(ofSlot: index)))
        if field.definition.type.isNonNull {
            nullOut(node)
        } else {
            node.slots[index] = .null
        }
    }

    func record(_ error: GraphQLError) {
        errors.append(error)
    }

    /// The client-facing form of an error, with the field's location and path: a GraphQL error as it is, else
    /// what the schema's ``ErrorPresenter`` makes of it; an error it does not present becomes a generic internal
    /// error and goes to the reporter.
    func locatedError(_ error: any Error, field: FieldPlan<Context>, path: [PathComponent]) -> GraphQLError {
        if var presented = error as? GraphQLError ?? executable.errorPresenter?(error, context) {
            if presented.locations.isEmpty { presented.locations = field.locations }
            presented.path = path
            return presented
        }
        reporter?(ResolverErrorReport(
            requestID: requestID, path: Self.describe(path),
            field: "\(field.info.parentType).\(field.info.fieldName)", error: error))
        return GraphQLError("Internal server error.", locations: field.locations, path: path, code: .internalServerError)
    }

    /// Replaces `node` by null in its parent, walking up while positions are non-null.
    func nullOut(_ node: ResultNode) {
        anyNulled = true
        var current = node
        while true {
            current.isNulled = true
            guard let parent = current.parent else {
                dataIsNull = true
                return
            }
            if current.nonNullInParent {
                current = parent
                continue
            }
            detachedNodes.append(current)
            parent.slots[current.indexInParent] = .null
            return
        }
    }

    /// `wallets[3].balance`, for logs.
    static func describe(_ path: [PathComponent]) -> String {
        var text = ""
        for component in path {
            switch component {
            case .key(let key): text += text.isEmpty ? key : "." + key
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }
}
