/// Writes a response as JSON bytes: `{"data":…,"errors":[…]}` with fields in plan order and errors shaped as
/// the spec says (message, locations, path, extensions with `code`).
enum ResponseWriter {
    /// A full response for an executed operation.
    static func write(data root: ResultNode?, errors: [GraphQLError], capacity: Int = 4096) -> [UInt8] {
        var writer = JSONWriter(capacity: capacity)
        writer.writeASCII("{\"data\":")
        if let root { writeNode(root, into: &writer) } else { writer.writeASCII("null") }
        if !errors.isEmpty {
            writer.writeASCII(",\"errors\":")
            writeErrors(errors, into: &writer)
        }
        writer.writeByte(UInt8(ascii: "}"))
        return writer.bytes
    }

    /// A response without `data`: a request error (parse, validation, limits, variables).
    static func write(requestErrors errors: [GraphQLError]) -> [UInt8] {
        var writer = JSONWriter(capacity: 256)
        writer.writeASCII("{\"errors\":")
        writeErrors(errors, into: &writer)
        writer.writeByte(UInt8(ascii: "}"))
        return writer.bytes
    }

    static func writeNode(_ node: ResultNode, into writer: inout JSONWriter) {
        if let keys = node.keys {
            writer.writeByte(UInt8(ascii: "{"))
            for index in node.slots.indices {
                if index > 0 { writer.writeByte(UInt8(ascii: ",")) }
                writer.writeRaw(keys[index].bytes)
                writeSlot(node.slots[index], into: &writer)
            }
            writer.writeByte(UInt8(ascii: "}"))
        } else {
            writer.writeByte(UInt8(ascii: "["))
            for index in node.slots.indices {
                if index > 0 { writer.writeByte(UInt8(ascii: ",")) }
                writeSlot(node.slots[index], into: &writer)
            }
            writer.writeByte(UInt8(ascii: "]"))
        }
    }

    @inline(__always)
    static func writeSlot(_ slot: ResultSlot, into writer: inout JSONWriter) {
        switch slot {
        case .null: writer.writeASCII("null")
        case .bool(let flag): flag ? writer.writeASCII("true") : writer.writeASCII("false")
        case .int(let number): writer.writeInt(number)
        case .float(let number): writer.writeDouble(number)
        case .string(let text): writer.writeString(text)
        case .json(let value): writer.write(value)
        case .node(let child): writeNode(child, into: &writer)
        case .raw(let bytes): writer.writeRaw(bytes)
        }
    }

    static func writeErrors(_ errors: [GraphQLError], into writer: inout JSONWriter) {
        writer.writeByte(UInt8(ascii: "["))
        for (index, error) in errors.enumerated() {
            if index > 0 { writer.writeByte(UInt8(ascii: ",")) }
            writeError(error, into: &writer)
        }
        writer.writeByte(UInt8(ascii: "]"))
    }

    static func writeError(_ error: GraphQLError, into writer: inout JSONWriter) {
        writer.writeASCII("{\"message\":")
        writer.writeString(error.message)
        if !error.locations.isEmpty {
            writer.writeASCII(",\"locations\":[")
            for (index, location) in error.locations.enumerated() {
                if index > 0 { writer.writeByte(UInt8(ascii: ",")) }
                writer.writeASCII("{\"line\":")
                writer.writeInt(location.line)
                writer.writeASCII(",\"column\":")
                writer.writeInt(location.column)
                writer.writeByte(UInt8(ascii: "}"))
            }
            writer.writeByte(UInt8(ascii: "]"))
        }
        if !error.path.isEmpty {
            writer.writeASCII(",\"path\":[")
            for (index, component) in error.path.enumerated() {
                if index > 0 { writer.writeByte(UInt8(ascii: ",")) }
                switch component {
                case .key(let key): writer.writeString(key)
                case .index(let position): writer.writeInt(position)
                }
            }
            writer.writeByte(UInt8(ascii: "]"))
        }
        writer.writeASCII(",\"extensions\":{\"code\":")
        writer.writeString(error.code.rawValue)
        // Sorted so the bytes are deterministic; `code` stays first and cannot be overridden.
        for (key, value) in error.extensions.sorted(by: { $0.key < $1.key }) where key != "code" {
            writer.writeByte(UInt8(ascii: ","))
            writer.writeString(key)
            writer.writeByte(UInt8(ascii: ":"))
            writer.writeString(value)
        }
        writer.writeASCII("}}")
    }
}
