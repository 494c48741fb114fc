import Money
import Registry

/// A coding key for any string, used to list the keys a YAML mapping really has.
struct AnyKey: CodingKey {
  let stringValue: String
  var intValue: Int? { nil }
  init(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}

extension Decoder {
  /// A keyed container that refuses keys the type does not know, so that a typo in a
  /// policy file (`deductable:`) is an error instead of a silently missing rule.
  func strictContainer<Key: CodingKey & CaseIterable>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    let raw = try container(keyedBy: AnyKey.self)
    let known = Set(Key.allCases.map(\.stringValue))
    for key in raw.allKeys where !known.contains(key.stringValue) {
      throw DecodingError.dataCorruptedError(
        forKey: key, in: raw,
        debugDescription:
          "unknown key “\(key.stringValue)”; expected one of: \(Key.allCases.map(\.stringValue).joined(separator: ", "))"
      )
    }
    return try container(keyedBy: Key.self)
  }
}

extension KeyedDecodingContainer {
  /// Decodes a value that the policy writes as text: money, a ratio, a date.
  func decodeText<T>(_ key: Key, _ parse: (String) throws -> T) throws -> T {
    let text = try decode(String.self, forKey: key)
    do { return try parse(text) } catch {
      throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "\(error)")
    }
  }

  func decodeTextIfPresent<T>(_ key: Key, _ parse: (String) throws -> T) throws -> T? {
    guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
    do { return try parse(text) } catch {
      throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "\(error)")
    }
  }
}

/// The values a rule table can hold, each read from its YAML text.
public protocol PolicyScalar: Sendable {
  init(policyText: String) throws
}

extension Money: PolicyScalar {
  public init(policyText: String) throws { try self.init(yuan: policyText) }
}

extension Ratio: PolicyScalar {
  public init(policyText: String) throws { try self.init(policyText) }
}

extension String: PolicyScalar {
  public init(policyText: String) { self = policyText }
}

extension Day: PolicyScalar {
  public init(policyText: String) throws { try self.init(policyText) }
}

/// A value that may be `null` in a table row: "no limit".
public struct Unlimited<Value: PolicyScalar>: PolicyScalar {
  public let value: Value?
  public init(policyText: String) throws {
    value = ["null", "~", "none", ""].contains(policyText) ? nil : try Value(policyText: policyText)
  }
}
