/// The request's context behind one reference, so that `ResolverInput<Context>` and `BatchResolverInput<Context>`
/// have the same layout for every `Context`.
///
/// Why: GraphQLCore's executor is generic code that is not specialised for the application's `Context` (it lives
/// in another module). A struct with a stored `Context` has a layout that depends on it, so every construction
/// in unspecialised code looked up its generic metadata at run time, once per resolved field; with the context
/// boxed the layout is fixed and no lookup happens. One box per request.
final class ContextBox<Context: Sendable>: Sendable {
    let value: Context

    init(_ value: Context) {
        self.value = value
    }
}
