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

    /// The client-facing form of an error: GraphQL errors and `GraphQLErrorConvertible` pass through with the
    /// field's location and path; anything else becomes a generic internal error and goes to the reporter.
    func locatedError(_ error: any Error, field: FieldPlan<Context>, path: [PathComponent]) -> GraphQLError {
        if var graphQLError = error as? GraphQLError {
            if graphQLError.locations.isEmpty { graphQLError.locations = field.locations }
            graphQLError.path = path
            return graphQLError
        }
        if let convertible = error as? any GraphQLErrorConvertible {
            return GraphQLError(
                convertible.graphQLErrorMessage, locations: field.locations, path: path, code: convertible.graphQLErrorCode,
                extensions: convertible.graphQLErrorExtensions)
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
