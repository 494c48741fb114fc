extension JSONValue {
  /// Compact UTF-8 JSON, members in their order.
  public func rendered() -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(1024)
    render(into: &output)
    return output
  }

  public var renderedText: String { String(decoding: rendered(), as: UTF8.self) }

  func render(into output: inout [UInt8]) {
    switch self {
    case .null: output.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
    case .bool(let value): output.append(contentsOf: Array((value ? "true" : "false").utf8))
    case .number(let text): output.append(contentsOf: Array(text.utf8))
    case .string(let text): JSONValue.renderString(text, into: &output)
    case .array(let values):
      output.append(UInt8(ascii: "["))
      for (index, value) in values.enumerated() {
        if index > 0 { output.append(UInt8(ascii: ",")) }
        value.render(into: &output)
      }
      output.append(UInt8(ascii: "]"))
    case .object(let members):
      output.append(UInt8(ascii: "{"))
      for (index, member) in members.enumerated() {
        if index > 0 { output.append(UInt8(ascii: ",")) }
        JSONValue.renderString(member.0, into: &output)
        output.append(UInt8(ascii: ":"))
        member.1.render(into: &output)
      }
      output.append(UInt8(ascii: "}"))
    }
  }

  static func renderString(_ text: String, into output: inout [UInt8]) {
    output.append(UInt8(ascii: "\""))
    var text = text
    text.withUTF8 { bytes in
      // Copies the runs between the bytes that need escaping whole, not byte by byte.
      var runStart = 0
      for index in bytes.indices {
        let byte = bytes[index]
        guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
        runStart = index + 1
        switch byte {
        case UInt8(ascii: "\""): output.append(contentsOf: [0x5C, 0x22])
        case UInt8(ascii: "\\"): output.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: output.append(contentsOf: [0x5C, 0x6E])
        case 0x0D: output.append(contentsOf: [0x5C, 0x72])
        case 0x09: output.append(contentsOf: [0x5C, 0x74])
        default:
          let hex = Array("0123456789abcdef".utf8)
          output.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
        }
      }
      output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }
    output.append(UInt8(ascii: "\""))
  }
}
