/// Validates an executable document against a schema with every rule of the spec's section 5, as graphql-js
/// 16's `specifiedRules` implement them: the same messages, locations and (nearly) the same order.
///
/// Returns no errors for a valid document. Every error has the code `.validationFailed`. After `maxErrors`
/// errors validation stops and appends graphql-js's "Too many validation errors" error. Each rule is
/// polynomial in the document's size and nothing recurses on the document's nesting, so hostile documents
/// cost bounded time and no stack.
///
/// Selection sets and fields are told apart by their source locations (as graphql-js tells nodes apart by
/// identity), which every parsed document satisfies; a document assembled by hand must give distinct nodes
/// distinct locations.
public func validate(_ document: Document, schema: GraphQLSchema, maxErrors: Int = 100) -> [GraphQLError] {
    let context = ValidationContext(schema: schema, document: document, maxErrors: maxErrors)
    DocumentWalker(context: context).run()
    return context.errors
}
