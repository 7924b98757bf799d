/// Spec 5.7.1 and 5.7.2: directives exist and are used where they are allowed.
enum KnownDirectivesRule {
    static func check(_ directive: Directive, at location: DirectiveLocation, _ context: ValidationContext) {
        let name = directive.name.value
        let locations: [DirectiveLocation]
        if let definition = context.schema.directives[name] {
            locations = definition.locations
        } else if let documentLocations = context.documentDirectiveLocations[name] {
            locations = documentLocations
        } else {
            context.report("Unknown directive \"@\(name)\".", [directive.loc])
            return
        }
        if !locations.contains(location) {
            context.report("Directive \"@\(name)\" may not be used on \(location.rawValue).", [directive.loc])
        }
    }
}
