@testable import GraphQLCore

/// The example schema of the spec's Validation section (Dog, Cat, Pet, …), for the per-rule tests.
enum SpecSchema {
    static let schema: GraphQLSchema = {
        do {
            return try SchemaBuilder.build(sdl: ValidationFixtures.text("spec-schema.graphql"))
        } catch {
            fatalError("the spec schema must build: \(error)")
        }
    }()
}

/// The errors for `source` against the spec schema, each as "message @ line:column …", which is how the
/// per-rule tests state graphql-js's expected output compactly.
func specErrors(_ source: String) -> [String] {
    validationErrors(source, schema: SpecSchema.schema).map { error in
        error.message + " @ " + error.locations.map { "\($0.line):\($0.column)" }.joined(separator: " ")
    }
}
