/// A JSON value that keeps numbers as their exact text, so amounts never pass through
/// binary floating point, and objects in their written order.
///
/// ```swift
/// let body = try JSONValue.parse(Array(#"{"infno":"2207","input":{"data":{"medfee_sumamt":12.30}}}"#.utf8))
/// body["input"]["data"]["medfee_sumamt"].text   // "12.30"
/// ```
public enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  /// The number exactly as written ("12.30", "-1", "1e3").
  case number(String)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  public static func == (a: JSONValue, b: JSONValue) -> Bool {
    switch (a, b) {
    case (.null, .null): true
    case (.bool(let x), .bool(let y)): x == y
    case (.number(let x), .number(let y)): x == y
    case (.string(let x), .string(let y)): x == y
    case (.array(let x), .array(let y)): x == y
    case (.object(let x), .object(let y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    default: false
    }
  }

  /// The member of an object, or `.null` (also for non-objects).
  public subscript(key: String) -> JSONValue {
    guard case .object(let members) = self else { return .null }
    return members.first { $0.0 == key }?.1 ?? .null
  }

  public var isNull: Bool { if case .null = self { true } else { false } }

  /// The text of a string or number (clients send both); nil for anything else or "".
  public var text: String? {
    switch self {
    case .string(let value): value.isEmpty ? nil : value
    case .number(let value): value
    case .bool(let value): value ? "1" : "0"
    default: nil
    }
  }

  /// The elements of an array; a lone object counts as a one-element array and null as none.
  public var elements: [JSONValue] {
    switch self {
    case .array(let values): values
    case .null: []
    default: [self]
    }
  }

  public var members: [(String, JSONValue)] {
    if case .object(let members) = self { return members }
    return []
  }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral,
  ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
  public init(stringLiteral value: String) { self = .string(value) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(elements) }
  public init(nilLiteral: ()) { self = .null }
}
